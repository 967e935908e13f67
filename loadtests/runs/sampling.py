"""What the machine did during a window: the servers' CPU, and everyone else's on our cores.

A server's CPU time is read from the kernel's per-process CPU clock (nanoseconds,
all threads), not from /proc's 10 ms ticks: a one-second window of a server
that spends 0.2 s of CPU would otherwise be measured to within 5% at best.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

import psutil

DISTURBED_SHARE = 0.10
"""Another program using this share of a benchmark core during a window disturbs it."""


def _clock(pid: int) -> float | None:
    """The process-wide CPU clock of ``pid`` (Linux: CPUCLOCK_SCHED on the thread group)."""
    try:
        return time.clock_gettime((~pid << 3) | 2)
    except (OSError, OverflowError):
        return None


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process and all its descendants (gunicorn's workers)."""
    try:
        root = psutil.Process(pid)
        pids = [pid, *(child.pid for child in root.children(recursive=True))]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for each in pids:
        precise = _clock(each)
        if precise is not None:
            total += precise
            continue
        try:  # no CPU clock to read: /proc's ticks
            times = psutil.Process(each).cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def process_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (gunicorn's workers); 0 once gone."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for each in processes:
        try:
            total += each.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


@dataclass(frozen=True)
class CoreTimes:
    """Busy and stolen CPU seconds of a set of cores, as the kernel counts them."""

    busy: float
    steal: float


def core_times(cores: Iterable[int] | None) -> CoreTimes:
    """Busy (not idle, not waiting on I/O) and steal time of these cores; all if None."""
    per_cpu = psutil.cpu_times(percpu=True)
    chosen = [per_cpu[i] for i in cores if i < len(per_cpu)] if cores else per_cpu
    busy = sum(t.user + t.nice + t.system + t.irq + t.softirq + t.steal for t in chosen)
    return CoreTimes(busy=busy, steal=sum(t.steal for t in chosen))


@dataclass(frozen=True)
class Interference:
    """Others' use of the benchmark's cores in a window, each as a share of one core."""

    server_core: float
    load_core: float
    steal: float

    @property
    def reason(self) -> str:
        """Empty when the window was clean; otherwise what disturbed it."""
        found = []
        if self.server_core > DISTURBED_SHARE:
            found.append(f"other programs used {self.server_core:.0%} of the server's core")
        if self.load_core > DISTURBED_SHARE:
            found.append(f"other programs used {self.load_core:.0%} of the load generator's core")
        if self.steal > DISTURBED_SHARE / 2:
            found.append(f"the hypervisor took {self.steal:.0%} of a core (steal)")
        return "; ".join(found)


def interference(
    seconds: float,
    server: tuple[CoreTimes, CoreTimes],
    load: tuple[CoreTimes, CoreTimes],
    servers_cpu: float,
    load_cpu: float,
) -> Interference:
    """What is left of each core's busy time once our own processes' CPU is taken out."""
    if seconds <= 0:
        return Interference(0.0, 0.0, 0.0)
    server_busy = server[1].busy - server[0].busy
    load_busy = load[1].busy - load[0].busy
    steal = (server[1].steal - server[0].steal) + (load[1].steal - load[0].steal)
    return Interference(
        server_core=max(0.0, server_busy - servers_cpu) / seconds,
        load_core=max(0.0, load_busy - load_cpu) / seconds,
        steal=max(0.0, steal) / seconds,
    )
