"""The side-by-side benchmark: every adapter's server running at once, the load moved among them.

Per server: start every adapter (and the baseline a second time, the A/A
control), all pinned to the server's core; probe each one's capacity in the
closed model; then send every one the same fixed rate, in short windows
A B C D A B C D …, so drift on a shared machine falls on all of them alike.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from harness.adapters import BASELINE
from harness.adapters import Adapter
from harness.adapters import select
from harness.adapters import with_baseline
from harness.live import serve
from loadtests import inprocess
from loadtests import overhead
from loadtests import wrk
from loadtests.inprocess import Batches
from loadtests.machine import machine_facts
from loadtests.plan import Pinning
from loadtests.plan import Plan
from loadtests.plan import pinning
from loadtests.report import Report
from loadtests.schedule import Schedule
from loadtests.schedule import Target
from loadtests.schedule import blocks
from loadtests.summary import CONTROL_SUFFIX
from loadtests.summary import Row
from loadtests.summary import comparisons
from loadtests.summary import summarize
from loadtests.summary import with_capacity
from loadtests.summary import with_wrk
from loadtests.verify import check_contract
from loadtests.window import Window
from loadtests.window import run_schedule

Progress = Callable[[str], None]
RATE = 300.0
"""The fixed rate, the same in every run so that runs compare: CPU per request depends on it."""
RATE_SHARE = 0.4
"""Where the slowest adapter's capacity is low, the rate drops to this share of it."""
WRK_SECONDS = 2


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def chosen_rate(probes: list[Window]) -> float:
    """RATE, or on a slow machine a share of the least capacity seen (Locust's own included),
    rounded down to 1, 2, 3, 5 or 7 times a power of ten, so that runs mostly agree on it."""
    capacities: dict[str, list[float]] = {}
    for window in probes:
        capacities.setdefault(window.label, []).append(window.rps)
    least = min(statistics.median_high(rates) for rates in capacities.values())
    rate = RATE_SHARE * least
    if rate < 1:
        raise RuntimeError("an adapter served (almost) nothing during the capacity probe")
    power = 10.0 ** math.floor(math.log10(rate))
    return min(RATE, max(step * power for step in (1, 2, 3, 5, 7) if step * power <= rate))


def targets(plan: Plan, server: str, cores: Pinning, stack: ExitStack, logs: Path) -> list[Target]:
    """Every adapter's server, and the baseline's twin, running and checked."""
    adapters = with_baseline(select(plan.adapters))
    entries = [(a, a.name) for a in adapters] + [(Adapter(BASELINE), BASELINE + CONTROL_SUFFIX)]
    found = []
    for adapter, label in entries:
        name = f"{server}-{adapter.name}{'-control' if label.endswith(CONTROL_SUFFIX) else ''}"
        log = stack.enter_context(open(logs / f"{name}.log", "a+b"))  # every start, one log
        live = stack.enter_context(
            serve(adapter, server, workers=plan.workers, threads=plan.threads,
                  cpus=cores.server, log=log)
        )  # fmt: skip
        check_contract(live.url)
        found.append(Target(label, adapter.name, server, live.url, live.process.pid))
    return found


def schedule(
    plan: Plan, found: list[Target], cores: Pinning, rate: float, cycles: int, first_cycle: int = 0
) -> Schedule:
    return Schedule(
        targets=tuple(found), users=plan.users, rate=rate, warmup=plan.warmup, settle=plan.settle,
        seconds=plan.window, cycles=cycles, retries=plan.retries,
        server_cpus=tuple(sorted(cores.server)) if cores.server else None,
        load_cpus=tuple(sorted(cores.load)) if cores.load else None, first_cycle=first_cycle,
    )  # fmt: skip


def _shown(window: Window, done: int, total: int, started: float) -> str:
    eta = (time.monotonic() - started) / max(1, done) * (total - done)
    retry = f"  DISTURBED ({window.disturbed}), measuring again" if window.disturbed else ""
    return (
        f"[{done:>3}/{total}] {window.server:<9} {window.label:<11} {window.rps:>7,.0f} req/s  "
        f"{window.cpu_us_per_request:>6.1f} µs CPU/req  load gen CPU {window.load_cpu_share:.0%}"
        f"  (about {eta:.0f} s left){retry}"
    )


def measure_server(
    plan: Plan, server: str, folder: Path, progress: Progress = _say,
    between: Callable[[], None] = lambda: None,
) -> tuple[list[Window], list[Window], dict[str, float]]:  # fmt: skip
    """Capacity probe and wrk once, then fixed-rate windows over fresh starts of the servers.

    ``between`` runs before each start, while no server runs: the in-process blocks.
    """
    cores = pinning()
    total = (len(with_baseline(select(plan.adapters))) + 1) * (plan.probe_cycles + plan.cycles)
    started, done = time.monotonic(), 0

    def show(window: Window) -> None:
        nonlocal done
        done += 0 if window.disturbed else 1
        progress(_shown(window, done, total, started))

    probes: list[Window] = []
    windows: list[Window] = []
    capacity: dict[str, float] = {}
    rate, first = plan.rate, 0
    for start, count in enumerate(blocks(plan.cycles, plan.restarts), 1):
        between()
        with ExitStack() as stack:
            found = targets(plan, server, cores, stack, folder)
            if not probes:
                progress(f"{server}: capacity probe (closed model, {plan.probe_cycles} each)...")
                probes = run_schedule(schedule(plan, found, cores, 0.0, plan.probe_cycles),
                                      folder / f"{server}-capacity", show)  # fmt: skip
                rate = rate or chosen_rate(probes)
                capacity = wrk_capacity(plan, found, cores, progress)
                progress(f"{server}: {rate:,.0f} req/s for every adapter, {plan.cycles} windows "
                         f"each over {plan.restarts} starts of the servers...")  # fmt: skip
            fixed = schedule(plan, found, cores, rate, count, first_cycle=first)
            measured = run_schedule(fixed, folder / f"{server}-fixed-rate-{start}", show)
            windows += [replace(window, start=start) for window in measured]
            first += count
    return probes, windows, capacity


def wrk_capacity(
    plan: Plan, found: list[Target], cores: Pinning, progress: Progress
) -> dict[str, float]:
    """wrk's req/s for each adapter (not the control), where wrk is installed."""
    capacity: dict[str, float] = {}
    if plan.wrk and wrk.available():
        for target in found:
            if not target.label.endswith(CONTROL_SUFFIX):
                result = wrk.run_wrk(target.url, plan.users, WRK_SECONDS, cores.load)
                capacity[target.label] = result.rps
                progress(f"wrk: {target.server} {target.label}: {result.rps:,.0f} req/s")
    return capacity


def notes_for(plan: Plan, rows: list[Row], windows: list[Window]) -> list[str]:
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


def in_process(plan: Plan, progress: Progress) -> tuple[Batches, Batches, Callable[[], None]]:
    """The frameworks alone, and beside their minimal routes: a block before each start of
    the servers (no server runs then), so that the batches span the run."""
    starts = len(plan.servers) * len(blocks(plan.cycles, plan.restarts))
    adapters = with_baseline(select(plan.adapters))
    mixed = inprocess.mix_batches(adapters, pinning().server, blocks=starts)
    wiring = overhead.batches(adapters, blocks=starts)

    def block() -> None:
        mixed.take_block()
        wiring.take_block()
        found = inprocess.costs(mixed)
        progress(
            f"in-process, no server ({found[0].batches} of {inprocess.CYCLES} batches each so "
            "far): " + ", ".join(f"{c.adapter} {c.us_per_request:.1f} µs/req" for c in found)
        )

    return mixed, wiring, block


def run(plan: Plan, command: str, progress: Progress = _say) -> tuple[Report, Path]:
    """Everything: the apps alone, then each server. Returns the report and its folder."""
    folder = plan.output / time.strftime("%Y-%m-%dT%H-%M-%S")
    runs = folder / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    mixed, wiring, in_process_block = in_process(plan, progress)
    probes: list[Window] = []
    windows: list[Window] = []
    capacities: dict[tuple[str, str], float] = {}
    for server in plan.servers:
        server_probes, server_windows, by_wrk = measure_server(
            plan, server, runs, progress, between=in_process_block
        )
        probes += server_probes
        windows += server_windows
        capacities.update({(server, label): rps for label, rps in by_wrk.items()})
    rows = with_capacity(summarize(windows), probes)
    for (server, label), rps in capacities.items():
        rows = with_wrk(rows, server, label, rps)
    report = Report(
        plan=plan,
        machine=machine_facts(),
        pinning=pinning().description,
        rows=rows,
        windows=[*probes, *windows],
        notes=notes_for(plan, rows, windows),
        command=command,
        app_costs=inprocess.costs(mixed),
        overheads=overhead.results(wiring),
    )
    return report, folder
