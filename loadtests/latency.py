"""Exact latency percentiles: Locust's own are rounded to whole milliseconds."""

from __future__ import annotations

import statistics


def latency_summary(times_ms: list[float]) -> dict[str, float]:
    """Exact percentiles in ms (single-process runs: workers keep their own samples)."""
    if len(times_ms) < 2:
        return {"count": len(times_ms)}
    cuts = statistics.quantiles(times_ms, n=100, method="inclusive")
    return {
        "count": len(times_ms),
        "mean": statistics.fmean(times_ms),
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
        "max": max(times_ms),
    }
