"""The framework alone: the in-process mix and each adapter beside its minimal route.

No timing assertions: speeds are the benchmark's business, not the tests'.
"""

from __future__ import annotations

from typing import Any

import pytest

from core import SERVICE
from core import Reply
from core import Service
from harness.adapters import Adapter
from harness.adapters import WSGIApp
from harness.adapters import discover
from loadtests import alone
from loadtests.alone.fresh import FreshPortions
from loadtests.report.tables import wiring_table


def test_portions_spread_the_batches_over_the_run() -> None:
    batches = alone.mix_batches(discover(), None, batches=5, portions=2)
    taken = []
    for _ in range(3):  # the third portion finds all taken: nothing more
        batches.take_portion()
        taken.append({c.batches for c in alone.mix_costs(batches.samples)})
    assert taken == [{3}, {5}, {5}]
    costs = {c.adapter: c for c in alone.mix_costs(batches.samples)}
    assert set(costs) == {a.name for a in discover()} and costs["wsgi"].ratio.value == 1
    assert all(c.us_per_request > 0 and 0 < c.full_speed <= 1 for c in costs.values())


def test_each_portion_runs_in_a_fresh_process_of_its_own() -> None:
    """Two portions, two processes: their batches come back apart, one list per portion."""
    taken = FreshPortions([Adapter("wsgi"), Adapter("flask")], portions=2, batches=6)
    for _ in range(3):
        taken.take_portion()
    assert [len(p) for p in taken.mix["flask"]] == [3, 3]
    assert [len(p) for p in taken.wiring["flask (minimal)"]] == [3, 3]
    flask = next(c for c in alone.mix_costs(taken.mix) if c.adapter == "flask")
    assert flask.batches == 6 and flask.ratio.low <= flask.ratio.value <= flask.ratio.high
    with pytest.raises(RuntimeError, match="an in-process portion failed"):
        FreshPortions([Adapter("no_such_adapter")], portions=1, batches=3).take_portion()


def test_every_adapter_is_timed_beside_its_frameworks_minimal_route() -> None:
    taken = alone.wiring_batches(discover(), batches=3, batch=5)
    taken.take_portion()
    found = {cost.adapter: cost for cost in alone.wiring_costs(taken.samples)}
    assert set(found) == {a.name for a in discover()}  # each has an impl_<name>/minimal.py
    assert all(c.us_per_request > 0 and c.beside_us > 0 and c.ratio.value > 0
               for c in found.values())  # fmt: skip
    assert "| flask |" in wiring_table(list(found.values()))


def test_a_minimal_route_that_answers_differently_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Timing a minimum that does less work would flatter the adapter."""
    monkeypatch.setattr(alone, "PATH", "/sum/1/2")
    monkeypatch.setattr(alone, "minimal_app", lambda adapter: Adapter("falcon").create_app())
    alone.wiring_batches([Adapter("wsgi")], batches=1, batch=1)  # the same answer: accepted

    def less_work(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b"{}"]

    monkeypatch.setattr(alone, "minimal_app", lambda adapter: less_work)
    with pytest.raises(alone.WrongAnswer, match="minimal.py answers"):
        alone.wiring_batches([Adapter("wsgi")], batches=1, batch=1)


class Shouting(Service):
    """An echo that answers in capitals: a wrong answer the timing must refuse."""

    def echo(self, text: str) -> Reply:
        return super().echo(text.upper())


class ShoutingFlask(Adapter):
    def create_app(self, service: Service = SERVICE) -> WSGIApp:
        app: WSGIApp = super().create_app(Shouting())
        return app


def test_a_wrong_answer_is_refused_before_any_timing() -> None:
    with pytest.raises(alone.WrongAnswer, match=r"flask /echo/.* got 200"):
        alone.mix_batches([ShoutingFlask("flask")], None, batches=1)
