"""Where the cost goes: counts that must be exact, on apps whose work is known.

No timing here: bytecodes, instructions and bytes are counted, and counts repeat.
"""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

import pytest

from harness.adapters import ROOT
from harness.calling import Calls
from loadtests.cost import instructions
from loadtests.cost.layers import COMMON
from loadtests.cost.layers import count_bytecodes
from loadtests.cost.layers import layer_of
from loadtests.cost.layers import layers
from loadtests.cost.layers import short
from loadtests.cost.memory import held
from tests import tiny_apps

FIXTURE = "tests/tiny_apps.py"


def bytecodes(times: int, requests: int = 10) -> int:
    with Calls(tiny_apps.counting, [("GET", f"/work/{times}")]) as calls:
        return sum(count_bytecodes(calls, requests).values())


def test_bytecodes_are_counted_exactly() -> None:
    """Each step of n adds the same bytecodes: the count has no noise at all."""
    ten, twenty, thirty = bytecodes(10), bytecodes(20), bytecodes(30)
    assert 0 < ten < twenty < thirty and thirty - twenty == twenty - ten
    assert bytecodes(10, requests=20) == 2 * ten  # per request, the same again


def test_each_function_goes_to_its_layer_and_the_layers_add_up() -> None:
    rules = [(FIXTURE, "route", "routing"), (FIXTURE, "work", "the work")]
    with Calls(tiny_apps.counting, [("GET", "/work/50")]) as calls:
        counts = count_bytecodes(calls, 4)
    by_layer: dict[str, int] = {}
    for (filename, qualname), seen in counts.items():
        layer = layer_of(short(filename), qualname, rules)
        by_layer[layer] = by_layer.get(layer, 0) + seen
    assert set(by_layer) >= {"routing", "the work", "the caller (a server's part, not served)"}
    assert by_layer["the work"] > 10 * by_layer["routing"]  # 50 turns of the loop, one int()
    assert sum(by_layer.values()) == sum(counts.values())


def test_a_real_adapters_layers_add_up_to_its_total() -> None:
    from harness.adapters import Adapter

    found = layers("flask", Adapter("flask").create_app(), requests=20, batch=20)
    assert sum(found.by_layer.values()) == pytest.approx(found.per_request)
    assert {"routing", "data structures", "core (this project's logic)", "the adapter"} <= set(
        found.by_layer
    )  # fmt: skip
    assert found.top and found.top[0][1] >= found.top[-1][1]


@pytest.mark.parametrize(
    ("path", "qualname", "layer"),
    [
        ("impl_flask/app.py", "create_app.<locals>.send", "the adapter"),
        ("core/service.py", "Service.sum_path", "core (this project's logic)"),
        ("<string>", "__create_fn__.<locals>.__init__", "core (this project's logic)"),
        ("json/encoder.py", "JSONEncoder.encode", "json"),
        ("harness/calling.py", "_wsgi_answer", "the caller (a server's part, not served)"),
        ("collections/__init__.py", "OrderedDict.get", "other standard library"),
    ],
)
def test_every_adapter_shares_the_common_layers(path: str, qualname: str, layer: str) -> None:
    assert layer_of(path, qualname, []) == layer
    assert layer_of(path, qualname, [(path, qualname, "a framework's own")]) == "a framework's own"
    assert all(rule[2] for rule in COMMON)


def test_module_paths_are_shown_from_where_they_were_found() -> None:
    purelib = Path(sysconfig.get_paths()["purelib"])
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    assert short(str(purelib / "flask" / "app.py")) == "flask/app.py"
    assert short(str(stdlib / "json" / "encoder.py")) == "json/encoder.py"
    assert short(str(ROOT / "core" / "service.py")) == "core/service.py"
    assert short("<string>") == "<string>"


def test_a_leak_shows_and_a_tidy_app_does_not() -> None:
    leaking = held(tiny_apps.leaking, "leaking", requests=2000, batch=1)
    tidy = held(tiny_apps.tidy, "tidy", requests=2000, batch=1)
    assert leaking.peak_bytes >= 100_000 and tidy.peak_bytes >= 100_000
    assert leaking.growth_per_10k >= 100 * 10_000  # 100 bytes kept by each request, at least
    assert tidy.growth_per_10k < 2_000


def test_instruction_counts_repeat_exactly() -> None:
    """Under one hash seed, the same program counts the same instructions, run after run, even
    when a file comes into the project's root between the runs (as other tests' output does)."""
    if not instructions.available():
        pytest.fail("valgrind is missing: `make test` installs it (apt-get install valgrind)")
    first = instructions.count("wsgi", 100, seed=0)
    stray = ROOT / f".stray-{os.getpid()}"
    stray.touch()
    try:
        again = instructions.count("wsgi", 100, seed=0)
    finally:
        stray.unlink()
    assert first == again
    assert (instructions.count("wsgi", 200, seed=0) - first) / 100 > 10_000  # per request
    with pytest.raises(instructions.CountFailed, match="nope: valgrind exited"):
        instructions.count("nope", 1, 0)
