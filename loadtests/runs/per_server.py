"""One server's share of the run: every adapter under it at once, the load moved among them.

Per server: start every adapter of its kind (WSGI or ASGI), with that kind's
baseline and the baseline a second time (the A/A control), all pinned to the
server's core; measure each one's capacity in the closed model; then send every
one the same fixed rate, in short windows, a new order each round, so drift on a
shared machine falls on all of them alike.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from collections.abc import Callable
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from dataclasses import replace
from pathlib import Path

from harness.adapters import BASELINES
from harness.adapters import Adapter
from harness.adapters import of_interface
from harness.adapters import select
from harness.adapters import with_baseline
from harness.servers.live import serve
from harness.servers.registry import SERVERS
from loadtests.results.model import CONTROL_SUFFIX
from loadtests.results.model import Residency
from loadtests.results.model import Window
from loadtests.results.plan import Plan
from loadtests.runs import wrk
from loadtests.runs.pinning import Pinning
from loadtests.runs.pinning import pinning
from loadtests.runs.schedule import Schedule
from loadtests.runs.schedule import Target
from loadtests.runs.schedule import shares
from loadtests.runs.verify import check_contract
from loadtests.runs.windows import run_schedule

Progress = Callable[[str], None]


def residency(server: str, start: int, measured: Sequence[Window]) -> list[Residency]:
    """Each server's memory from its first window of a start to its last, in the order run."""
    found = []
    for label in dict.fromkeys(w.label for w in measured):
        mine = [w for w in measured if w.label == label and w.rss_bytes]
        if len(mine) > 1:
            requests = sum(w.requests for w in mine[1:])
            found.append(Residency(server, label, start, mine[0].rss_bytes, mine[-1].rss_bytes,
                                   requests))  # fmt: skip
    return found


RATE = 300.0
"""The fixed rate, the same in every run so that runs compare: CPU per request depends on it."""
RATE_SHARE = 0.4
"""Where the slowest adapter's capacity is low, the rate drops to this share of it."""
WRK_SECONDS = 2


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def chosen_rate(capacity: list[Window]) -> float:
    """RATE, or on a slow machine a share of the least capacity seen (Locust's own included),
    rounded down to 1, 2, 3, 5 or 7 times a power of ten, so that runs mostly agree on it."""
    seen: dict[str, list[float]] = {}
    for window in capacity:
        seen.setdefault(window.label, []).append(window.rps)
    least = min(statistics.median_high(rates) for rates in seen.values())
    rate = RATE_SHARE * least
    if rate < 1:
        raise RuntimeError("an adapter served (almost) nothing in its capacity windows")
    power = 10.0 ** math.floor(math.log10(rate))
    return min(RATE, max(step * power for step in (1, 2, 3, 5, 7) if step * power <= rate))


def served_by(plan: Plan, server: str) -> list[Adapter]:
    """The plan's adapters that this server can serve, with their baseline."""
    kind = SERVERS[server].interface
    chosen = of_interface(select(plan.adapters), kind)
    return with_baseline(chosen) if chosen else [Adapter(BASELINES[kind])]


def threads_for(plan: Plan, server: str) -> int:
    """The plan's threads for a WSGI server; an ASGI server runs one event loop a process."""
    return plan.threads if SERVERS[server].interface == "wsgi" else 1


def targets(plan: Plan, server: str, cores: Pinning, stack: ExitStack, logs: Path) -> list[Target]:
    """Every adapter's server, and the baseline's twin, running and checked."""
    adapters = served_by(plan, server)
    base = Adapter(BASELINES[SERVERS[server].interface])
    entries = [(a, a.name) for a in adapters] + [(base, base.name + CONTROL_SUFFIX)]
    found = []
    for adapter, label in entries:
        name = f"{server}-{adapter.name}{'-control' if label.endswith(CONTROL_SUFFIX) else ''}"
        log = stack.enter_context(open(logs / f"{name}.log", "a+b"))  # every start, one log
        live = stack.enter_context(
            serve(adapter, server, workers=plan.workers, threads=threads_for(plan, server),
                  cpus=cores.server, log=log)
        )  # fmt: skip
        check_contract(live.url)
        found.append(Target(label, adapter.name, server, live.url, live.process.pid))
    return found


def schedule(
    plan: Plan, found: list[Target], cores: Pinning, rate: float, rounds: int, first_round: int = 0
) -> Schedule:
    return Schedule(
        targets=tuple(found), users=plan.users, rate=rate, warmup=plan.warmup, settle=plan.settle,
        seconds=plan.window, rounds=rounds, retries=plan.retries,
        server_cpus=tuple(sorted(cores.server)) if cores.server else None,
        load_cpus=tuple(sorted(cores.load)) if cores.load else None, first_round=first_round,
    )  # fmt: skip


def _shown(window: Window, done: int, total: int, started: float) -> str:
    eta = (time.monotonic() - started) / max(1, done) * (total - done)
    retry = f"  DISTURBED ({window.disturbed}), measuring again" if window.disturbed else ""
    return (
        f"[{done:>3}/{total}] {window.server:<9} {window.label:<11} {window.rps:>7,.0f} req/s  "
        f"{window.cpu_us_per_request:>6.1f} µs CPU/req  load gen CPU {window.load_cpu_share:.0%}"
        f"  (about {eta:.0f} s left){retry}"
    )


def wrk_capacity(
    plan: Plan, found: list[Target], cores: Pinning, progress: Progress
) -> tuple[dict[str, float], list[str]]:
    """wrk's req/s for each adapter (not the control), where wrk is installed; and what went
    wrong on the way: wrk counts wrong statuses and socket errors that Locust would fail."""
    capacity: dict[str, float] = {}
    problems: list[str] = []
    if plan.wrk and wrk.available():
        for target in found:
            if not target.label.endswith(CONTROL_SUFFIX):
                result = wrk.run_wrk(target.url, plan.users, WRK_SECONDS, cores.load)
                capacity[target.label] = result.rps
                problems += [f"wrk, {target.server} {target.label}: {p}" for p in result.problems]
                progress(f"wrk: {target.server} {target.label}: {result.rps:,.0f} req/s")
    return capacity, problems


@dataclass
class ServerRun:
    """What one server's share of the run measured."""

    capacity: list[Window]
    windows: list[Window]
    by_wrk: dict[str, float]
    wrk_problems: list[str]
    residency: list[Residency]


def measure_server(
    plan: Plan, server: str, folder: Path, progress: Progress = say,
    before_each_start: Callable[[], None] = lambda: None,
) -> ServerRun:  # fmt: skip
    """Capacity windows and wrk in a start of the servers of their own, then fixed-rate windows
    over fresh starts.

    A process that has just served at full speed stays dearer for a while: in one run,
    Flask's first fixed-rate window after them cost 4.95× raw WSGI under waitress where
    the rest cost 2.6×, and the first start's windows were the dearest under uvicorn in
    every run. So no fixed-rate window comes from a process that served the capacity.
    ``before_each_start`` runs while no server runs: the benchmark takes a portion of the
    in-process batches there, so that they meet the same spells of the machine as the windows
    (a plain callable: runs/ imports nothing of alone/).
    """
    cores = pinning()
    total = (len(served_by(plan, server)) + 1) * (plan.capacity_windows + plan.windows)
    started, done = time.monotonic(), 0

    def show(window: Window) -> None:
        nonlocal done
        done += 0 if window.disturbed else 1
        progress(_shown(window, done, total, started))

    found = ServerRun([], [], {}, [], [])
    with ExitStack() as stack:
        running = targets(plan, server, cores, stack, folder)
        progress(f"{server}: capacity ({plan.capacity_windows} closed-model windows each)")
        first_schedule = schedule(plan, running, cores, 0.0, plan.capacity_windows)
        found.capacity = run_schedule(first_schedule, folder / f"{server}-capacity", show)
        found.by_wrk, found.wrk_problems = wrk_capacity(plan, running, cores, progress)
    rate, first = plan.rate or chosen_rate(found.capacity), 0
    progress(f"{server}: {rate:,.0f} req/s for every adapter, {plan.windows} windows each over "
             f"{plan.starts} fresh starts of the servers...")  # fmt: skip
    for start, rounds in enumerate(shares(plan.windows, plan.starts), 1):
        before_each_start()
        with ExitStack() as stack:
            running = targets(plan, server, cores, stack, folder)
            fixed = schedule(plan, running, cores, rate, rounds, first_round=first)
            measured = run_schedule(fixed, folder / f"{server}-fixed-rate-{start}", show)
            found.windows += [replace(window, start=start) for window in measured]
            found.residency += residency(server, start, measured)
            first += rounds
    return found
