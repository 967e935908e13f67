"""From many windows to one row per server and adapter: medians, intervals, verdicts.

Ratios pair each window with the baseline's window of the same round (side by
side in time), so slow drift on a shared machine cancels out of them; the
intervals are as wide as the spread between the starts of the servers (``units``).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import replace

from harness.adapters import BASELINE
from harness.adapters import BASELINES
from harness.servers.registry import SERVERS
from loadtests.results.model import SATURATED
from loadtests.results.model import Estimate
from loadtests.results.model import Row
from loadtests.results.model import Window
from loadtests.stats.intervals import NOTHING
from loadtests.stats.intervals import measurable
from loadtests.stats.intervals import noise_floor
from loadtests.stats.intervals import total_ratio


def _median(values: Sequence[float]) -> float:
    finite = [v for v in values if not math.isnan(v)]
    return statistics.median(finite) if finite else float("nan")


def final(windows: Sequence[Window]) -> list[Window]:
    """The last attempt at each (server, label, round): earlier ones were disturbed."""
    last: dict[tuple[str, str, int], Window] = {}
    for window in windows:
        last[(window.server, window.label, window.round)] = window
    return list(last.values())


def clean(windows: Sequence[Window]) -> list[Window]:
    return [w for w in final(windows) if not w.disturbed]


def units(windows: Sequence[Window]) -> list[int]:
    """What varies independently: the starts of the servers, or with one start, its rounds."""
    several = len({w.start for w in windows}) > 1
    return [w.start if several else w.round for w in windows]


def paired_ratio(windows: Sequence[Window], label: str, base: str) -> Estimate:
    """This label's CPU per request over the base's, from the rounds both measured cleanly."""
    by_round = {(w.label, w.round): w for w in windows}
    paired = [
        (w, b)
        for (name, number), w in by_round.items()
        if name == label and (b := by_round.get((base, number))) is not None
    ]
    pairs = [(w.server_cpu_s, w.requests, b.server_cpu_s, b.requests) for w, b in paired]
    return total_ratio(pairs, units([w for w, _ in paired]))


def per_request(windows: Sequence[Window]) -> Estimate:
    """CPU µs per request over all these windows (total CPU over total requests)."""
    pairs = [(w.server_cpu_s * 1e6, w.requests, 1.0, 1.0) for w in windows]
    return total_ratio(pairs, units(windows))


def summarize(windows: Sequence[Window]) -> list[Row]:
    """Rows in server order, then by label (the A/A control after the baseline)."""
    kept = clean(windows)
    redone = [w for w in windows if w.disturbed]
    rows: list[Row] = []
    for server in dict.fromkeys(w.server for w in windows):
        here = [w for w in kept if w.server == server]
        labels = sorted({w.label for w in windows if w.server == server})
        for label in labels:
            group = [w for w in here if w.label == label]
            every = [w for w in windows if (w.server, w.label) == (server, label)]
            cpu = per_request(group)
            base = BASELINES[SERVERS[server].interface] if server in SERVERS else BASELINE
            ratio = paired_ratio(here, label, base) if base in labels else NOTHING
            rows.append(
                Row(
                    server=server, adapter=every[0].adapter, label=label, windows=len(group),
                    redone=sum(1 for w in redone if (w.server, w.label) == (server, label)),
                    rate=every[0].rate, rps=_median([w.rps for w in group]),
                    cpu_us=cpu.value, cpu_us_low=cpu.low, cpu_us_high=cpu.high,
                    cpu_ratio=ratio.value, cpu_ratio_low=ratio.low, cpu_ratio_high=ratio.high,
                    p50_ms=_latency(group, "p50"), p95_ms=_latency(group, "p95"),
                    p99_ms=_latency(group, "p99"),
                    max_ms=_median([w.latency_ms.get("max", math.nan) for w in group]),
                    requests=sum(w.requests for w in group),
                    failures=sum(w.failures for w in every),
                    server_cpu=_median([w.server_cpu_share for w in group]),
                    load_cpu=_median([w.load_cpu_share for w in group]),
                )
            )  # fmt: skip
    floors = {row.server: noise_floor(row.ratio) for row in rows if row.control}
    return [
        replace(row, measurable=measurable(row.ratio, floors.get(row.server, math.nan)))
        for row in rows
    ]


def _latency(windows: Sequence[Window], key: str) -> float:
    return _median([w.latency_ms.get(key, math.nan) for w in windows])


def floor_of(rows: Sequence[Row], server: str) -> float:
    """This server's noise floor: how far the A/A control strayed from 1."""
    return next((noise_floor(r.ratio) for r in rows if r.server == server and r.control), math.nan)


def with_capacity(rows: Sequence[Row], capacity: Sequence[Window]) -> list[Row]:
    """Each row's most req/s in the closed model, and whether Locust was the limit there."""
    result = []
    for row in rows:
        mine = [w for w in final(capacity) if (w.server, w.label) == (row.server, row.label)]
        rps = _median([w.rps for w in mine])
        load = _median([w.load_cpu_share for w in mine])
        result.append(replace(row, capacity_rps=rps, capacity_limited=load >= SATURATED))
    return result


def with_wrk(rows: Sequence[Row], server: str, label: str, rps: float) -> list[Row]:
    return [replace(r, wrk_rps=rps) if (r.server, r.label) == (server, label) else r for r in rows]


def comparisons(rows: Sequence[Row], windows: Sequence[Window]) -> list[str]:
    """Per server, the adapters from cheapest to dearest, each beside the one just cheaper
    (not beside raw WSGI, as the table's ratios are): a ratio, or no measurable difference."""
    lines = []
    kept = clean(windows)
    for server in dict.fromkeys(r.server for r in rows):
        ranked = sorted((r for r in rows if r.server == server and not r.control),
                        key=lambda r: r.cpu_us)  # fmt: skip
        floor = floor_of(rows, server)
        here = [w for w in kept if w.server == server]
        steps = []
        for cheaper, dearer in zip(ranked, ranked[1:], strict=False):
            ratio = paired_ratio(here, dearer.label, cheaper.label)
            if measurable(ratio, floor):
                steps.append(f"{dearer.label} costs {ratio.text()} {cheaper.label}")
            else:
                steps.append(f"{dearer.label} ≈ {cheaper.label} (no measurable difference)")
        if steps:
            lines.append(f"{server}, each adapter beside the next cheaper: " + "; ".join(steps))
    return lines
