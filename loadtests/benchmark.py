"""The side-by-side benchmark: every adapter under identical conditions, interleaved.

Rounds run A B C D, A B C D, … so slow drift on a shared machine spreads over
every adapter instead of favouring whichever ran first.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from harness.adapters import Adapter
from harness.adapters import select
from harness.live import serve
from loadtests import inprocess
from loadtests import wrk
from loadtests.machine import machine_facts
from loadtests.plan import Plan
from loadtests.plan import pinning
from loadtests.report import Report
from loadtests.summary import Row
from loadtests.summary import summarize
from loadtests.summary import with_wrk
from loadtests.verify import check_contract
from loadtests.window import Window
from loadtests.window import measure

Progress = Callable[[str], None]
SUSTAINED = 0.95
"""In the open model, a row below this share of the asked rate did not keep up with it."""


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_windows(plan: Plan, runs: Path, progress: Progress = _say) -> list[Window]:
    """Start, check, load, stop: once per adapter per server per round."""
    adapters = select(plan.adapters)
    cores = pinning()
    total = plan.rounds * len(plan.servers) * len(adapters)
    windows: list[Window] = []
    started = time.monotonic()
    for round_ in range(1, plan.rounds + 1):
        for server in plan.servers:
            for adapter in adapters:
                folder = runs / f"{server}-{adapter.name}-r{round_}"
                folder.mkdir(parents=True, exist_ok=True)
                with open(folder / "server.log", "w+b") as log, serve(
                    adapter, server, workers=plan.workers, threads=plan.threads,
                    cpus=cores.server, log=log,
                ) as live:  # fmt: skip
                    check_contract(live.url)
                    window = measure(plan, live, round_, folder, cores.load)
                windows.append(window)
                done = len(windows)
                eta = (time.monotonic() - started) / done * (total - done)
                progress(
                    f"[{done:>3}/{total}] round {round_} {server:<9} {adapter.name:<7} "
                    f"{window.rps:>8,.0f} req/s  {window.cpu_us_per_request:>6.1f} µs CPU/req  "
                    f"p99 {window.latency_ms.get('p99', float('nan')):.2f} ms  "
                    f"{window.failures} failures  load gen CPU {window.load_cpu_share:.0%}"
                    f"  (about {eta:.0f} s left)"
                )
    return windows


def cross_check_with_wrk(plan: Plan, rows: list[Row], progress: Progress = _say) -> list[Row]:
    """Every load-limited row (or each server's fastest, if none was) again, under wrk."""
    if not plan.wrk or not wrk.available():
        return rows
    cores = pinning()
    for server in plan.servers:
        candidates = [r for r in rows if r.server == server]
        chosen = [r for r in candidates if r.limited] or [max(candidates, key=lambda r: r.rps)]
        for row in chosen:
            with serve(Adapter(row.adapter), server, workers=plan.workers,
                       threads=plan.threads, cpus=cores.server) as live:  # fmt: skip
                result = wrk.run_wrk(live.url, plan.users, plan.duration, cores.load)
            progress(f"wrk cross-check: {server} {row.adapter}: {result.rps:,.0f} req/s")
            rows = with_wrk(rows, server, row.adapter, result.rps)
    return rows


def notes_for(plan: Plan, rows: list[Row]) -> list[str]:
    notes: list[str] = []
    limited = [f"{r.server}/{r.adapter}" for r in rows if r.limited]
    if limited:
        notes.append(
            "WARNING: the load generator, not the server, was the bottleneck for "
            f"{', '.join(limited)}: compare those by CPU µs per request, or see wrk's figure."
        )
    failed = [f"{r.server}/{r.adapter} ({r.failures})" for r in rows if r.failures]
    if failed:
        notes.append(f"WARNING: failed requests: {', '.join(failed)}; see runs/*/locust.html.")
    rate = plan.pacing * plan.users
    behind = [f"{r.server}/{r.adapter} ({r.rps:,.0f})" for r in rows if r.rps < SUSTAINED * rate]
    if behind:
        notes.append(
            f"WARNING: could not sustain the open model's {rate:,.0f} req/s: {', '.join(behind)}. "
            "Their latency is queueing, not service time: choose a lower --rate."
        )
    if not plan.wrk:
        notes.append("wrk cross-check skipped (--no-wrk).")
    elif not wrk.available():
        notes.append("wrk cross-check skipped: wrk is not installed (apt-get install wrk).")
    else:
        notes.append(
            f"wrk sends only GET {wrk.WRK_PATH} over keep-alive connections, Locust the "
            "whole mix: the two figures are a cross-check, not the same measurement."
        )
    return notes


def measure_apps(plan: Plan, progress: Progress = _say) -> list[inprocess.AppCost]:
    """Each framework alone, called in-process on the server's core."""
    progress(f"in-process: {inprocess.CYCLES} interleaved batches of the mix per adapter...")
    costs = inprocess.measure(select(plan.adapters), pinning().server)
    progress(
        "in-process, no server: "
        + ", ".join(f"{c.adapter} {c.us_per_request:.1f} µs/req" for c in costs)
    )
    return costs


def run(plan: Plan, command: str, progress: Progress = _say) -> tuple[Report, Path]:
    """Everything: the apps alone, windows, summary, wrk. Returns the report and its folder."""
    folder = plan.output / time.strftime("%Y-%m-%dT%H-%M-%S")
    app_costs = measure_apps(plan, progress)
    windows = run_windows(plan, folder / "runs", progress)
    rows = cross_check_with_wrk(plan, summarize(windows), progress)
    report = Report(
        plan=plan,
        machine=machine_facts(),
        pinning=pinning().description,
        rows=rows,
        windows=windows,
        notes=notes_for(plan, rows),
        command=command,
        app_costs=app_costs,
    )
    return report, folder
