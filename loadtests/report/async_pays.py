"""The report's section on when async pays: each setup's req/s, latency and CPU, waiting."""

from __future__ import annotations

import math
from collections.abc import Sequence

from loadtests.report.tables import number
from loadtests.report.tables import table
from loadtests.results.model import SATURATED
from loadtests.results.model import Waited

READING = """\
A sync server holds one waiting request per thread, so its req/s cannot pass threads ÷ wait,
and the rest of the users queue (their latency is the queue's), however little of its core it
uses: its limit is its threads, not its CPU. An async server awaits every wait on one event
loop. This is where async pays; when requests do not wait (the tables above), it buys nothing
and costs a little."""


def waiting_table(found: Sequence[Waited], wait_ms: float, keep: Sequence[str] = ()) -> str:
    """Each setup's req/s, latency and CPU when every request waits ``wait_ms`` first."""
    cells = []
    for each in found:
        ceiling = each.setup.ceiling(wait_ms)
        limited = " **LIMITED** (Locust)" if each.load_cpu >= SATURATED else ""
        cells.append([
            each.setup.label, each.rps.text(0, "") + limited,
            number(ceiling) if not math.isinf(ceiling) else "none",
            number(each.p50_ms), number(each.p99_ms), each.cpu_us.text(1, ""),
            f"{each.rps.value * each.cpu_us.value / 1e4:.0f}%",
            f"{each.windows}", f"{each.failures}",
        ])  # fmt: skip
    header = ["setup", "req/s [95%]", "sync ceiling, req/s", "p50 ms", "p99 ms",
              "server CPU µs/req [95%]", "share of a core", "windows", "failures"]  # fmt: skip
    return table(header, cells, keep)


def served_lines(found: Sequence[Waited]) -> list[str]:
    """What each async setup served beside the sync one's req/s, one line each."""
    sync = next((each.setup for each in found if each.setup.sync), None)
    if sync is None:
        return []
    return [f"- {each.setup.label} served {each.over_sync.text()} {sync.label}'s req/s"
            for each in found if each.over_sync is not None]  # fmt: skip


def waiting_markdown(found: Sequence[Waited], wait_ms: float, users: int) -> str:
    """The section, from each setup's figures."""
    parts = [
        f"## When async pays: every request waits {wait_ms:g} ms first",
        f"{users} users, each sending as soon as its answer comes (the closed model):",
        waiting_table(found, wait_ms),
    ]
    if lines := served_lines(found):
        parts.append("\n".join(lines))
    return "\n\n".join([*parts, READING])
