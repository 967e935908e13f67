"""``python -m loadtests.overhead``: what each adapter's wiring costs over its framework's minimum.

For ``GET /sum/42/117``, each adapter's app and its ``impl_<name>/minimal.py``
(the framework's shortest route to the same answer) are called in-process,
batches interleaved; the ratio is the price of the adapter's hooks, error
handlers and normalising, which the contract asks for and the minimum skips.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from harness.adapters import ROOT
from harness.adapters import Adapter
from harness.adapters import WSGIApp
from harness.adapters import discover
from harness.wsgi_call import call_app
from harness.wsgi_call import wsgi_environ
from loadtests import markdown
from loadtests.inprocess import Batches
from loadtests.inprocess import WrongAnswer
from loadtests.plan import pinning
from loadtests.stats import Estimate
from loadtests.stats import fast
from loadtests.stats import fast_ratio

PATH = "/sum/42/117"
MINIMAL = " (minimal)"
BATCH = 200
CYCLES = 100


@dataclass(frozen=True)
class Overhead:
    """An adapter's µs per request beside its framework's minimal route's (fastest 5%)."""

    adapter: str
    adapter_us: float
    minimal_us: float
    ratio: float
    ratio_low: float
    ratio_high: float


def minimal_app(adapter: Adapter) -> WSGIApp | None:
    """``impl_<name>/minimal.py``'s app, if the adapter has one."""
    if not (ROOT / adapter.package / "minimal.py").is_file():
        return None
    app: WSGIApp = importlib.import_module(f"{adapter.package}.minimal").create_app()
    return app


def answer(app: WSGIApp) -> tuple[str, list[tuple[str, str]], bytes]:
    """The answer to PATH; header names in one case and order (frameworks differ in both)."""
    status, headers, body = call_app(app, wsgi_environ("GET", PATH))
    return status, sorted((name.lower(), value) for name, value in headers), body


def batches(
    adapters: Sequence[Adapter], cycles: int = CYCLES, batch: int = BATCH, blocks: int = 1
) -> Batches:
    """Adapter and minimum in turn, for every adapter that has a minimum, each pair checked."""
    apps: dict[str, WSGIApp] = {}
    for adapter in adapters:
        minimum = minimal_app(adapter)
        if minimum is None:
            continue
        app = adapter.create_app()
        answers = [answer(each) for each in (app, minimum)]
        if answers[0] != answers[1]:
            raise WrongAnswer(f"{adapter.name}: minimal.py answers {PATH} differently: {answers}")
        apps |= {adapter.name: app, adapter.name + MINIMAL: minimum}
    environs = [wsgi_environ("GET", PATH)] * batch  # each call copies it: apps write into it
    return Batches(apps, environs, pinning().server, cycles, blocks)


def results(taken: Batches) -> list[Overhead]:
    """Each adapter against its minimum, from the batches taken so far."""
    found = []
    for name, full in taken.samples.items():
        if not name.endswith(MINIMAL):
            least = taken.samples[name + MINIMAL]
            ratio = fast_ratio(full, least)
            found.append(Overhead(name, fast(full), fast(least), ratio.median, ratio.low,
                                  ratio.high))  # fmt: skip
    return found


def measure(
    adapters: Sequence[Adapter], cycles: int = CYCLES, batch: int = BATCH
) -> list[Overhead]:
    """Every adapter beside its minimum, in one block."""
    taken = batches(adapters, cycles, batch)
    taken.take_block()
    return results(taken)


HEADER = ["adapter", "adapter µs/req", "minimal route µs/req", "adapter vs minimal [95%]"]


def cells(result: Overhead) -> list[str]:
    ratio = Estimate(result.ratio, result.ratio_low, result.ratio_high, 0)
    return [result.adapter, f"{result.adapter_us:.1f}", f"{result.minimal_us:.1f}",
            ratio.text(2, "×")]  # fmt: skip


def table(results: Sequence[Overhead]) -> str:
    return markdown.table(HEADER, [cells(result) for result in results])


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m loadtests.overhead", description=__doc__)
    cli.add_argument(
        "--cycles", type=int, default=CYCLES, help="interleaved batches (default: %(default)s)"
    )
    args = cli.parse_args(argv)
    if args.cycles < 3:
        cli.error("--cycles must be at least 3 (the interval needs them)")
    print(table(measure(discover(), cycles=args.cycles)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
