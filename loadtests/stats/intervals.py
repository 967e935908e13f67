"""Ratios with 95% intervals over their independent units; when two cannot be told apart."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy.stats import norm
from scipy.stats import t

from loadtests.results.model import Estimate

CONFIDENCE = 0.95
FAST_SHARE = 0.05
"""In-process figures come from each side's fastest 5% of batches (see ``fast_ratio``)."""
FULL_SPEED = 1.05
"""A batch within this of its side's fastest 5% ran at the host's full speed."""
BETWEEN_RUNS = 0.007
"""What moves an in-process ratio from one run to the next beyond its portions' spread (a
standard deviation of its logarithm). Six runs of ``make benchmark`` here (``make calibration``
twice) moved the ASGI apps' ratios by 0.5–0.65% more than their portions' spread allowed (the
others hardly): something that lasts a whole run, which no run can see in itself. So every
in-process interval allows for it; ``make calibration`` shows whether that holds elsewhere."""


NOTHING = Estimate(float("nan"), float("nan"), float("nan"))


def _ratio_of_totals(totals: np.ndarray) -> np.ndarray:
    """(a / b) / (c / d) over the last axis: one side's cost per request over the other's."""
    a, b, c, d = np.moveaxis(totals, -1, 0)
    result: np.ndarray = (a / b) / (c / d)
    return result


def spread(middle: float, ratios: Sequence[float], between_runs: float = 0.0) -> Estimate:
    """``middle`` with a 95% interval as wide as the spread of ``ratios``, one per independent
    unit (a start of the servers, a fresh process): Student's t over their logarithms, and
    ``between_runs`` (a standard deviation of the logarithm) beside it, for what lasts a run.

    The units are what differs from one run to the next: a process's lasting bias from its
    start (3–4% for Flask here), the machine's spells over minutes. A bootstrap over so few
    units (3 to 9) claims too much; t with their degrees of freedom does not.
    """
    logs = np.log([r for r in ratios if r > 0 and math.isfinite(r)])
    if len(logs) < 2:
        return Estimate(middle, float("nan"), float("nan"))
    within = 0.0  # units that do not differ: nothing of theirs to widen by
    if not np.allclose(logs, logs[0]):
        factor = float(t.ppf((1 + CONFIDENCE) / 2, len(logs) - 1))
        within = factor * float(logs.std(ddof=1)) / len(logs) ** 0.5
    half = math.hypot(within, float(norm.ppf((1 + CONFIDENCE) / 2)) * between_runs)
    return Estimate(middle, middle * math.exp(-half), middle * math.exp(half))


def total_ratio(
    pairs: Sequence[tuple[float, float, float, float]], units: Sequence[int] = ()
) -> Estimate:
    """Per round (cost, count, base cost, base count): the ratio of the totals, with an interval.

    Totals weigh every request alike (a mean, not a median of windows): on noise
    that is spread evenly, the most each window can tell. The interval is the
    ``spread`` of the ratios of each unit's totals (``units``, one per pair: the
    starts of the servers), so that a start's lasting bias widens the interval
    instead of hiding in it; without units, each pair is one.
    """
    valid = [i for i, p in enumerate(pairs) if all(v > 0 and not math.isnan(v) for v in p)]
    if not valid:
        return NOTHING
    rows = np.asarray([pairs[i] for i in valid], dtype=float)
    groups = np.asarray([units[i] for i in valid] if units else range(len(valid)))
    middle = float(_ratio_of_totals(rows.sum(axis=0)))
    per_unit = [float(_ratio_of_totals(rows[groups == g].sum(axis=0))) for g in np.unique(groups)]
    return spread(middle, per_unit)


def noise_floor(control: Estimate) -> float:
    """How far from 1 the A/A ratio (the baseline against itself) may fall: this run's noise."""
    if math.isnan(control.low):
        return float("nan")
    return max(abs(control.value - 1), control.high - 1, 1 - control.low)


def measurable(ratio: Estimate, floor: float) -> bool:
    """A ratio differs from 1 when its interval excludes 1 and it lies beyond the noise floor."""
    if math.isnan(ratio.low):
        return False
    beyond_floor = math.isnan(floor) or abs(ratio.value - 1) > floor
    return not ratio.contains(1.0) and beyond_floor


def fast(values: Sequence[float]) -> float:
    """The fastest 5%'s edge: what the code costs when nothing else slows the machine."""
    return float(np.quantile(values, FAST_SHARE)) if len(values) else float("nan")


def fast_ratio(costs: Sequence[Sequence[float]], base: Sequence[Sequence[float]]) -> Estimate:
    """One side's ``typical`` fastest 5% over the other's, with the ``spread`` of the
    portions' own such ratios (or, from one portion, of its batches' ratios).

    Slower batches are the host's doing (timeit's docs say the same of repeats),
    and a shared host's slow spells move ratios as well as times: there, raw
    WSGI took 18 µs or 30 µs per request by the second, and Flask's ratio to it
    went with them, 8.1× or 7.0×. The fastest 5% keeps to the first, and is there
    in every run that holds a few fast seconds (in one run here, 8% of the
    batches: enough for the fastest 5%, not for the fastest tenth). Each portion
    runs in a fresh process, so their spread holds a process's lasting bias too; what
    lasts the whole run is ``BETWEEN_RUNS``.
    """
    if not costs or len(costs) != len(base) or not all(costs) or not all(base):
        return NOTHING
    middle = typical(costs) / typical(base)
    if len(costs) > 1:
        units = [fast(c) / fast(b) for c, b in zip(costs, base, strict=True)]
    else:
        units = [c / b for c, b in zip(costs[0], base[0], strict=True)]
    return spread(middle, units, BETWEEN_RUNS)


def typical(portions: Sequence[Sequence[float]]) -> float:
    """The portions' fastest 5%, each in its own process, as one figure: their geometric
    mean, so that one side's over the other's is the mean of the portions' own ratios."""
    edges = [fast(portion) for portion in portions if len(portion)]
    return float(np.exp(np.mean(np.log(edges)))) if edges else float("nan")


def full_speed_share(values: Sequence[float]) -> float:
    """The share of batches that ran at full speed: within 5% of the fastest 5%."""
    edge = fast(values)
    return sum(v <= FULL_SPEED * edge for v in values) / len(values) if values else float("nan")
