"""Ratios with 95% bootstrap intervals, and when two figures cannot be told apart."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy.stats import bootstrap

from loadtests.results.model import Estimate

CONFIDENCE = 0.95
RESAMPLES = 2000
FAST_SHARE = 0.05
"""In-process figures come from each side's fastest 5% of batches (see ``fast_ratio``)."""
FULL_SPEED = 1.05
"""A batch within this of its side's fastest 5% ran at the host's full speed."""


NOTHING = Estimate(float("nan"), float("nan"), float("nan"))


def _bootstrapped(
    data: tuple[np.ndarray, ...], statistic: Any, middle: float, seed: int, **options: Any
) -> Estimate:
    """``middle`` with the 95% percentile-bootstrap interval of ``statistic`` over ``data``."""
    result = bootstrap(
        data,
        statistic,
        confidence_level=CONFIDENCE,
        n_resamples=RESAMPLES,
        method="percentile",
        rng=np.random.default_rng(seed),
        **options,
    )
    interval = result.confidence_interval
    return Estimate(middle, float(interval.low), float(interval.high))


def _ratio_of_totals(totals: np.ndarray) -> np.ndarray:
    """(a / b) / (c / d) over the last axis: one side's cost per request over the other's."""
    a, b, c, d = np.moveaxis(totals, -1, 0)
    result: np.ndarray = (a / b) / (c / d)
    return result


def total_ratio(
    pairs: Sequence[tuple[float, float, float, float]], starts: Sequence[int] = (), seed: int = 0
) -> Estimate:
    """Per round (cost, count, base cost, base count): the ratio of the totals, with an interval.

    Totals weigh every request alike (a mean, not a median of windows): on noise
    that is spread evenly, the most each window can tell. The interval comes
    from a two-stage bootstrap: whole starts of the servers (``starts``, one per
    pair) are resampled, then rounds within each, so that each side keeps its
    partner from the same moment, and a process's lasting bias from its start
    (3–4% for Flask, and for raw WSGI against itself, measured here) widens the
    interval instead of hiding in it, as it would if only rounds were resampled.
    """
    valid = [i for i, p in enumerate(pairs) if all(v > 0 and not math.isnan(v) for v in p)]
    if not valid:
        return NOTHING
    rows = np.asarray([pairs[i] for i in valid], dtype=float)
    groups = np.asarray([starts[i] for i in valid] if starts else [0] * len(valid))
    middle = float(_ratio_of_totals(rows.sum(axis=0)))
    if len(rows) < 3:
        return Estimate(middle, float("nan"), float("nan"))
    if np.allclose(_ratio_of_totals(rows), middle):
        return Estimate(middle, middle, middle)  # no spread: nothing to resample
    rng = np.random.default_rng(seed)
    clusters = [rows[groups == group] for group in np.unique(groups)]
    resampled = np.stack(  # (resample, start, column): each start's rounds drawn again
        [c[rng.integers(len(c), size=(RESAMPLES, len(c)))].sum(axis=1) for c in clusters], axis=1
    )
    picked = rng.integers(len(clusters), size=(RESAMPLES, len(clusters)))
    totals = np.take_along_axis(resampled, picked[:, :, None], axis=1).sum(axis=1)
    low, high = np.quantile(_ratio_of_totals(totals), [(1 - CONFIDENCE) / 2, (1 + CONFIDENCE) / 2])
    return Estimate(middle, float(low), float(high))


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


def _fast_ratio(costs: np.ndarray, base: np.ndarray, axis: int = -1) -> np.ndarray:
    result: np.ndarray = np.quantile(costs, FAST_SHARE, axis=axis) / np.quantile(
        base, FAST_SHARE, axis=axis
    )
    return result


def fast_ratio(costs: Sequence[float], base: Sequence[float], seed: int = 0) -> Estimate:
    """One side's fastest 5% over the other's, with an interval from resampling whole rounds.

    Slower batches are the host's doing (timeit's docs say the same of repeats),
    and a shared host's slow spells move ratios as well as times: there, raw
    WSGI took 18 µs or 30 µs per request by the second, and Flask's ratio to it
    went with them, 8.1× or 7.0×. The fastest 5% keeps to the first, and is there
    in every run that holds a few fast seconds (in one run here, 8% of the
    batches: enough for the fastest 5%, not for the fastest tenth).
    """
    if not costs or len(costs) != len(base):
        return NOTHING
    columns = (np.asarray(costs, dtype=float), np.asarray(base, dtype=float))
    middle = float(_fast_ratio(*columns))
    if len(costs) < 3 or np.allclose(columns[0] / columns[1], middle):
        return Estimate(middle, middle, middle)  # no spread: nothing to resample
    options = {"paired": True, "vectorized": True}
    return _bootstrapped(columns, _fast_ratio, middle, seed, **options)


def full_speed_share(values: Sequence[float]) -> float:
    """The share of batches that ran at full speed: within 5% of the fastest 5%."""
    edge = fast(values)
    return sum(v <= FULL_SPEED * edge for v in values) / len(values) if values else float("nan")
