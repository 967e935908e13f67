"""The whole benchmark, stage by stage: the framework alone, then each server's run, then
the statistics and the report.

The in-process portions are taken before every start of the servers, while no
server runs, so that they span the run as the server windows do.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from harness.adapters import select
from harness.adapters import with_baseline
from loadtests import alone
from loadtests import waiting
from loadtests.alone.fresh import FreshPortions
from loadtests.cost import view as costs
from loadtests.report.machine import machine_facts
from loadtests.results.model import Residency
from loadtests.results.model import Results
from loadtests.results.model import Row
from loadtests.results.model import Window
from loadtests.results.plan import Plan
from loadtests.runs import wrk
from loadtests.runs.per_server import Progress
from loadtests.runs.per_server import measure_server
from loadtests.runs.per_server import say
from loadtests.runs.pinning import pinning
from loadtests.runs.schedule import shares
from loadtests.stats.rows import comparisons
from loadtests.stats.rows import summarize
from loadtests.stats.rows import with_capacity
from loadtests.stats.rows import with_wrk


def notes_for(
    plan: Plan, rows: list[Row], windows: list[Window], wrk_problems: list[str]
) -> list[str]:
    notes = comparisons(rows, windows)
    limited = [f"{r.server}/{r.label} ({r.rps:,.0f} of {r.rate:,.0f})" for r in rows if r.limited]
    if limited:
        notes.append(
            "WARNING: did not keep the fixed rate, or the load generator was the limit: "
            f"{', '.join(limited)}; choose a lower --rate."
        )
    failed = [f"{r.server}/{r.label} ({r.failures})" for r in rows if r.failures]
    if failed:
        notes.append(f"WARNING: failed requests: {', '.join(failed)}; see the Locust log.")
    if wrk_problems:
        notes.append(
            "WARNING: wrk saw errors, so its figures count them: " + "; ".join(wrk_problems)
        )
    if not plan.wrk:
        notes.append("wrk capacity skipped (--no-wrk).")
    elif not wrk.available():
        notes.append("wrk capacity skipped: wrk is not installed (apt-get install wrk).")
    else:
        notes.append(
            f"wrk sends only GET {wrk.WRK_PATH} over keep-alive connections, Locust the "
            "whole mix: the two capacity figures are a cross-check, not the same measurement."
        )
    return notes


def in_process(plan: Plan, progress: Progress) -> tuple[FreshPortions, Callable[[], None]]:
    """The frameworks alone, and beside their minimal routes: a portion, in a fresh process,
    before each start of the servers."""
    starts = len(plan.servers) * len(shares(plan.windows, plan.starts))
    taken = FreshPortions(with_baseline(select(plan.adapters)), portions=starts)

    def portion() -> None:
        taken.take_portion()
        found = alone.mix_costs(taken.mix)
        progress(
            f"in-process, no server ({found[0].batches} of {alone.BATCHES} batches each so "
            "far): " + ", ".join(f"{c.adapter} {c.us_per_request:.1f} µs/req" for c in found)
        )

    return taken, portion


def run(plan: Plan, command: str, progress: Progress = say) -> tuple[Results, Path]:
    """Everything: the apps alone, then each server. Returns the report and its folder."""
    folder = plan.output / time.strftime("%Y-%m-%dT%H-%M-%S")
    runs = folder / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    cost = costs.measure(with_baseline(select(plan.adapters)), progress, counted=plan.count)
    taken, portion = in_process(plan, progress)
    capacity: list[Window] = []
    windows: list[Window] = []
    by_wrk: dict[tuple[str, str], float] = {}
    wrk_problems: list[str] = []
    residency: list[Residency] = []
    for server in plan.servers:
        found = measure_server(plan, server, runs, progress, portion)
        capacity += found.capacity
        windows += found.windows
        by_wrk |= {(server, label): value for label, value in found.by_wrk.items()}
        wrk_problems += found.wrk_problems
        residency += found.residency
    waited = waiting.measure(runs / "waiting", progress) if plan.waiting else []
    rows = with_capacity(summarize(windows), capacity)
    for (server, label), rps_value in by_wrk.items():
        rows = with_wrk(rows, server, label, rps_value)
    report = Results(
        plan=plan,
        machine=machine_facts(),
        pinning=pinning().description,
        rows=rows,
        windows=[*capacity, *windows],
        notes=notes_for(plan, rows, windows, wrk_problems),
        command=command,
        in_process=alone.mix_costs(taken.mix),
        twins=alone.twin_costs(taken.mix),
        adapter_overhead=alone.wiring_costs(taken.wiring),
        samples={"mix": taken.mix, "wiring": taken.wiring},
        cost=cost,
        residency=residency,
        overhead_path=alone.PATH,
        waited=waiting.figures(waiting.SETUPS, waited) if waited else [],
        wait_ms=waiting.WAIT_MS,
        wait_users=waiting.USERS,
    )
    return report, folder
