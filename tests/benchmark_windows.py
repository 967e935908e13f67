"""Windows made by hand, for testing the statistics and the report without a run."""

from __future__ import annotations

from typing import Any

from loadtests.results.model import Window

AA = "wsgi (A/A)"


def window(
    label: str, number: int, cpu_us: float, *, rps: float = 600, load: float = 0.3,
    rate: float = 600, disturbed: str = "", attempt: int = 0, server: str = "waitress",
    start: int = 0,
) -> Window:  # fmt: skip
    """One window of ``label`` in round ``number``, costing ``cpu_us`` µs per request."""
    seconds = 1.0
    requests = int(rps * seconds)
    return Window(
        label=label, adapter=label.split()[0], server=server, round=number, seconds=seconds,
        requests=requests, failures=0, server_cpu_s=cpu_us * requests / 1e6,
        load_cpu_s=load * seconds, latency_ms={"p50": 1.0, "p95": 2.0, "p99": 3.0, "max": 9.0},
        rate=rate, attempt=attempt, disturbed=disturbed, start=start,
    )  # fmt: skip


def rounds(costs: dict[str, list[float]], **kwargs: Any) -> list[Window]:
    """Windows A B C … per round, from each label's CPU µs per request in every round."""
    count = len(next(iter(costs.values())))
    return [window(label, n, values[n], **kwargs) for n in range(count)
            for label, values in costs.items()]  # fmt: skip
