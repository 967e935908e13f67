"""From many windows to one row per (server, adapter): medians over interleaved rounds."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace
from statistics import median

from harness.adapters import BASELINE
from loadtests.plan import SATURATED
from loadtests.window import Window


@dataclass(frozen=True)
class Row:
    """One adapter under one server. Latencies are exact (ms), medians over rounds."""

    server: str
    adapter: str
    rounds: int
    rps: float
    rps_min: float
    rps_max: float
    cpu_us: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    requests: int
    failures: int
    server_cpu: float
    load_cpu: float
    rps_ratio: float
    cpu_ratio: float
    wrk_rps: float | None = None

    @property
    def limited(self) -> bool:
        """The load generator used (nearly) a whole core: req/s is Locust's limit."""
        return self.load_cpu >= SATURATED


def _median(values: Sequence[float]) -> float:
    finite = [v for v in values if not math.isnan(v)]
    return median(finite) if finite else float("nan")


def _latency(windows: Sequence[Window], key: str) -> float:
    return _median([w.latency_ms.get(key, float("nan")) for w in windows])


def summarize(windows: Sequence[Window]) -> list[Row]:
    """Rows in server order, then adapter order, as first measured."""
    groups: dict[tuple[str, str], list[Window]] = {}
    for window in windows:
        groups.setdefault((window.server, window.adapter), []).append(window)
    rows: list[Row] = []
    for (server, adapter), group in groups.items():
        rates = [w.rps for w in group]
        rows.append(
            Row(
                server=server,
                adapter=adapter,
                rounds=len(group),
                rps=_median(rates),
                rps_min=min(rates),
                rps_max=max(rates),
                cpu_us=_median([w.cpu_us_per_request for w in group]),
                p50_ms=_latency(group, "p50"),
                p95_ms=_latency(group, "p95"),
                p99_ms=_latency(group, "p99"),
                max_ms=max((w.latency_ms.get("max", float("nan")) for w in group), default=0.0),
                requests=sum(w.requests for w in group),
                failures=sum(w.failures for w in group),
                server_cpu=_median([w.server_cpu_share for w in group]),
                load_cpu=_median([w.load_cpu_share for w in group]),
                rps_ratio=float("nan"),
                cpu_ratio=float("nan"),
            )
        )
    return [_with_ratios(row, rows) for row in rows]


def _with_ratios(row: Row, rows: Sequence[Row]) -> Row:
    base = next((r for r in rows if r.server == row.server and r.adapter == BASELINE), None)
    if base is None:
        return row
    return replace(
        row,
        rps_ratio=row.rps / base.rps if base.rps else float("nan"),
        cpu_ratio=row.cpu_us / base.cpu_us if base.cpu_us else float("nan"),
    )


def with_wrk(rows: Sequence[Row], server: str, adapter: str, rps: float) -> list[Row]:
    return [
        replace(r, wrk_rps=rps) if (r.server, r.adapter) == (server, adapter) else r for r in rows
    ]
