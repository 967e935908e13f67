"""Every table of the report, as Markdown: the one source the HTML page is rendered from."""

from __future__ import annotations

import math
from collections.abc import Sequence

from harness.adapters import BASELINES
from harness.adapters import Adapter
from loadtests.results.model import Cost
from loadtests.results.model import Row

BASELINE_NAMES = {name: f"raw {kind.upper()}" for kind, name in BASELINES.items()}
"""``wsgi`` → raw WSGI: how reports name the baselines."""


def beside(adapter: str) -> str:
    """The name of the baseline an adapter's ratios are taken to: raw WSGI or raw ASGI."""
    return BASELINE_NAMES[Adapter(adapter).baseline.name]


def table(header: Sequence[str], rows: Sequence[Sequence[str]], keep: Sequence[str] = ()) -> str:
    """A Markdown table; with ``keep``, only those columns, in that order (the guide's narrow
    quotes of the report's wide tables)."""
    if keep:
        at = [list(header).index(name) for name in keep]
        header, rows = keep, [[row[i] for i in at] for row in rows]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def number(value: float | None, digits: int = 0) -> str:
    if value is None or math.isnan(value):
        return "–"
    return f"{value:,.{digits}f}"


def verdict(row: Row) -> str:
    if row.adapter in BASELINES.values() and not row.control:
        return "baseline"
    if row.control:
        return "A/A control: the noise floor"
    if math.isnan(row.cpu_ratio):
        return "–"
    if not row.measurable:
        return "no measurable difference"
    return f"costs {row.cpu_ratio:.2f}× {beside(row.adapter)}"


SERVER_HEADER = [
    "server", "adapter", "CPU µs/req [95%]", "vs its baseline [95%]", "verdict", "req/s (asked)",
    "p50 ms", "p99 ms", "windows (redone)", "server CPU", "load gen CPU", "failures",
]  # fmt: skip


def server_cells(row: Row) -> list[str]:
    rps = f"{number(row.rps)} ({number(row.rate)})" + (" **LIMITED**" if row.limited else "")
    return [
        row.server, row.label, row.cost.text(1, ""), row.ratio.text(), verdict(row),
        rps, number(row.p50_ms, 2), number(row.p99_ms, 2), f"{row.windows} ({row.redone})",
        f"{row.server_cpu:.0%}", f"{row.load_cpu:.0%}", f"{row.failures} / {row.requests:,}",
    ]  # fmt: skip


def server_table(rows: Sequence[Row]) -> str:
    """Server CPU per request at the same fixed rate: the headline."""
    return table(SERVER_HEADER, [server_cells(row) for row in rows])


def capacity_table(rows: Sequence[Row]) -> str:
    """The most req/s in the closed model, from Locust and from wrk."""
    cells = []
    for row in rows:
        if not row.control:
            locust = number(row.capacity_rps)
            if row.capacity_limited:
                locust = f"≥ {locust} (Locust's limit)"
            cells.append([row.server, row.label, locust, number(row.wrk_rps)])
    return table(["server", "adapter", "Locust req/s (closed model)", "wrk req/s"], cells)


def mix_table(costs: Sequence[Cost]) -> str:
    """The framework alone, over the load's mix, beside its baseline (raw WSGI or raw ASGI)."""
    cells = [[c.adapter, number(c.us_per_request, 1), beside(c.adapter), c.ratio.text()]
             for c in costs]  # fmt: skip
    return table(["adapter", "in-process µs/req", "beside", "ratio [95%]"], cells)


def twin_table(costs: Sequence[Cost]) -> str:
    """Each ASGI adapter beside its WSGI twin: the same code, async."""
    cells = [[c.adapter, number(c.us_per_request, 1), c.beside, number(c.beside_us, 1),
              c.ratio.text()] for c in costs]  # fmt: skip
    header = ["async adapter", "µs/req", "its sync twin", "µs/req", "async vs sync [95%]"]
    return table(header, cells)


def wiring_table(costs: Sequence[Cost]) -> str:
    """Each adapter beside its framework's shortest route to the same answer."""
    cells = [[c.adapter, number(c.us_per_request, 1), number(c.beside_us, 1), c.ratio.text()]
             for c in costs]  # fmt: skip
    header = ["adapter", "adapter µs/req", "minimal route µs/req", "adapter vs minimal [95%]"]
    return table(header, cells)
