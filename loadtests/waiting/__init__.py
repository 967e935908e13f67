"""When async pays: every request first waits (as on a database call), at a concurrency well
above a sync server's threads.

A sync server holds at most one waiting request per thread; the rest queue, so its req/s
cannot pass threads ÷ wait, however little CPU it uses. An async server awaits every wait on
one event loop. The wait is put in front of the app by ``--wait-ms`` (``harness/delayed_app.py``),
not in the served contract: the answers are the contract's, only later. Each setup is served
alone in its windows, in the closed model (every user sends as soon as its answer comes), the
load moved among the setups round by round. ``python -m loadtests.waiting`` runs it alone.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from harness.adapters import Adapter
from harness.servers.live import serve
from loadtests.results.model import Estimate
from loadtests.results.model import Setup
from loadtests.results.model import Waited
from loadtests.results.model import Window
from loadtests.runs.per_server import Progress
from loadtests.runs.per_server import say
from loadtests.runs.pinning import pinning
from loadtests.runs.schedule import Schedule
from loadtests.runs.schedule import Target
from loadtests.runs.verify import check_contract
from loadtests.runs.windows import run_schedule
from loadtests.stats.intervals import total_ratio
from loadtests.stats.rows import clean

WAIT_MS = 50.0
USERS = 64
"""Far above the sync server's threads: 64 requests waiting at once."""
WINDOWS = 5
WINDOW = 2.0


SETUPS = (Setup("falcon", "waitress", 4), Setup("falcon_asgi", "uvicorn"),
          Setup("fastapi", "uvicorn"))  # fmt: skip
"""Falcon's two apps, the same code sync and async, and FastAPI (async)."""


def _median(values: Sequence[float]) -> float:
    finite = [value for value in values if not math.isnan(value)]
    return statistics.median(finite) if finite else math.nan


def figures(setups: Sequence[Setup], windows: Sequence[Window]) -> list[Waited]:
    """Each setup's figures; an async one's req/s also over the first sync setup's."""
    kept = clean(windows)
    sync = next((setup for setup in setups if setup.sync), None)
    found = []
    for setup in setups:
        mine = [w for w in kept if w.label == setup.label]
        rounds = [w.round for w in mine]
        found.append(Waited(
            setup,
            total_ratio([(w.requests, w.seconds, 1.0, 1.0) for w in mine], rounds),
            _median([w.latency_ms.get("p50", math.nan) for w in mine]),
            _median([w.latency_ms.get("p99", math.nan) for w in mine]),
            total_ratio([(w.server_cpu_s * 1e6, w.requests, 1.0, 1.0) for w in mine], rounds),
            len(mine),
            sum(w.failures for w in windows if w.label == setup.label),
            _median([w.load_cpu_share for w in mine]),
            async_over_sync(windows, setup, sync) if sync and not setup.sync else None,
        ))  # fmt: skip
    return found


def async_over_sync(windows: Sequence[Window], fast: Setup, slow: Setup) -> Estimate:
    """One setup's req/s over another's, from the rounds both measured cleanly."""
    by_round = {(w.label, w.round): w for w in clean(windows)}
    pairs = [
        (w.requests, w.seconds, b.requests, b.seconds)
        for (label, number), w in by_round.items()
        if label == fast.label and (b := by_round.get((slow.label, number))) is not None
    ]
    return total_ratio(pairs)


def measure(
    folder: Path,
    progress: Progress = say,
    wait_ms: float = WAIT_MS,
    users: int = USERS,
    windows: int = WINDOWS,
    setups: Sequence[Setup] = SETUPS,
) -> list[Window]:
    """Every setup running at once, each loaded alone in its windows."""
    cores = pinning()
    folder.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        targets = []
        for setup in setups:
            log = stack.enter_context(open(folder / f"{setup.adapter}-{setup.server}.log", "wb"))
            live = stack.enter_context(
                serve(Adapter(setup.adapter), setup.server, threads=setup.threads,
                      cpus=cores.server, log=log, options=["--wait-ms", f"{wait_ms:g}"])
            )  # fmt: skip
            check_contract(live.url)
            targets.append(Target(setup.label, setup.adapter, setup.server, live.url,
                                  live.process.pid))  # fmt: skip
        progress(f"when async pays: every request waits {wait_ms:g} ms, {users} users, "
                 f"{windows} windows of {WINDOW:g} s per setup")  # fmt: skip
        schedule = Schedule(
            targets=tuple(targets), users=users, rate=0.0, warmup=1.0, settle=0.5,
            seconds=WINDOW, rounds=windows, retries=2,
            server_cpus=tuple(sorted(cores.server)) if cores.server else None,
            load_cpus=tuple(sorted(cores.load)) if cores.load else None,
        )  # fmt: skip
        return run_schedule(schedule, folder, lambda w: progress(
            f"  {w.label}: {w.rps:,.0f} req/s, p50 {w.latency_ms.get('p50', math.nan):.0f} ms"
            + (f"  DISTURBED ({w.disturbed})" if w.disturbed else "")))  # fmt: skip
