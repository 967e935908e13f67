"""Do one run's intervals hold the next run's figures? Every ratio with an interval, run by run.

For each ratio: each run's figure and interval; how many of the other runs' figures each
interval holds (a 95% interval should hold nearly all); and whether every two runs'
intervals overlap. The figures are worked out again from each run's raw windows and
batches with this checkout's statistics, so that runs taken before a change of method
can be judged by the new one (a run saved without its batches keeps its in-process figures).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from harness.adapters import BASELINES
from loadtests.alone import mix_costs
from loadtests.alone import twin_costs
from loadtests.alone import wiring_costs
from loadtests.report.tables import table
from loadtests.results.model import Cost
from loadtests.results.model import Estimate
from loadtests.results.model import Results
from loadtests.stats.rows import summarize


def server_ratios(results: Results, again: bool = True) -> dict[str, Estimate]:
    """Server CPU over the baseline's, per server and adapter (the A/A control too)."""
    rows = summarize([w for w in results.windows if w.rate > 0]) if again else results.rows
    return {
        f"server CPU, {row.server}, {row.label}": row.ratio
        for row in rows
        if row.adapter not in BASELINES.values() or row.control
    }


def _named(kind: str, costs: Sequence[Cost]) -> dict[str, Estimate]:
    """Each cost's ratio by name, but a baseline's beside itself (always 1)."""
    return {
        f"{kind}, {c.adapter}" + (f" vs {c.beside}" if kind == "async" else ""): c.ratio
        for c in costs
        if c.adapter != c.beside
    }


def in_process_ratios(results: Results, again: bool = True) -> dict[str, Estimate]:
    """The framework alone over its baseline, async over sync, the adapter over its minimum."""
    if results.samples and again:
        mix, wiring = results.samples["mix"], results.samples["wiring"]
        found = mix_costs(mix), twin_costs(mix), wiring_costs(wiring)
    else:
        found = results.in_process, results.twins, results.adapter_overhead
    return {
        **_named("in-process", found[0]),
        **_named("async", found[1]),
        **_named("wiring", found[2]),
    }


def ratios(results: Results, again: bool = True) -> dict[str, Estimate]:
    """Every ratio with an interval; ``again``: worked out from the raw windows and batches."""
    return {**server_ratios(results, again), **in_process_ratios(results, again)}


@dataclass(frozen=True)
class Held:
    """One ratio over several runs."""

    name: str
    runs: list[Estimate]

    @property
    def measured(self) -> list[Estimate]:
        return [r for r in self.runs if not math.isnan(r.low)]

    @property
    def holds(self) -> tuple[int, int]:
        """Other runs' figures inside each run's interval, and how many there were to hold."""
        pairs = list(itertools.permutations(self.measured, 2))
        return sum(a.contains(b.value) for a, b in pairs), len(pairs)

    @property
    def overlaps(self) -> tuple[int, int]:
        """Pairs of runs whose intervals overlap, and how many pairs there were."""
        pairs = list(itertools.combinations(self.measured, 2))
        return sum(a.low <= b.high and b.low <= a.high for a, b in pairs), len(pairs)


def held(runs: Sequence[Results], again: bool = True) -> list[Held]:
    """Every ratio any run measured, in the first run's order."""
    found = [ratios(r, again) for r in runs]
    names = dict.fromkeys(name for each in found for name in each)
    nothing = Estimate(math.nan, math.nan, math.nan)
    return [Held(name, [each.get(name, nothing) for each in found]) for name in names]


def _share(counted: tuple[int, int]) -> str:
    return f"{counted[0]} of {counted[1]}" if counted[1] else "–"


def calibration_table(rows: Sequence[Held]) -> str:
    """One line per ratio, one column per run, then what held."""
    count = max((len(r.runs) for r in rows), default=0)
    header = ["ratio", *(f"run {n + 1} [95%]" for n in range(count)),
              "others' figures held", "intervals overlap"]  # fmt: skip
    lines = [[r.name, *(e.text() for e in r.runs), _share(r.holds),
              "yes" if r.overlaps[0] == r.overlaps[1] else f"**{_share(r.overlaps)}**"]
             for r in rows]  # fmt: skip
    return table(header, lines)


def summary(rows: Sequence[Held]) -> str:
    """What held over every ratio: the figures inside others' intervals, the overlapping pairs."""
    holds = [sum(r.holds[i] for r in rows) for i in (0, 1)]
    overlaps = [sum(r.overlaps[i] for r in rows) for i in (0, 1)]
    apart = [r.name for r in rows if r.overlaps[0] < r.overlaps[1]]
    share = holds[0] / holds[1] if holds[1] else math.nan
    return (
        f"Over {len(rows)} ratios: {holds[0]} of {holds[1]} other runs' figures ({share:.0%}) "
        f"lay inside a run's interval; {overlaps[0]} of {overlaps[1]} pairs of intervals "
        "overlapped" + (f"; apart: {', '.join(apart)}." if apart else ", every one.")
    )
