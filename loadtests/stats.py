"""Medians with 95% bootstrap intervals, and when two figures cannot be told apart."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.stats import bootstrap

CONFIDENCE = 0.95
RESAMPLES = 2000


@dataclass(frozen=True)
class Estimate:
    """A median and its 95% interval (bootstrap over windows); nan where too few values."""

    median: float
    low: float
    high: float
    n: int

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    def text(self, digits: int = 2, unit: str = "×") -> str:
        if math.isnan(self.median):
            return "–"
        if math.isnan(self.low):
            return f"{self.median:.{digits}f}{unit}"
        return f"{self.median:.{digits}f}{unit} [{self.low:.{digits}f}–{self.high:.{digits}f}]"


NOTHING = Estimate(float("nan"), float("nan"), float("nan"), 0)


def median_interval(values: Sequence[float], seed: int = 0) -> Estimate:
    """The median, with a percentile bootstrap interval once there are 3 values or more."""
    finite = [v for v in values if not math.isnan(v)]
    if not finite:
        return NOTHING
    middle = float(np.median(finite))
    if len(finite) < 3 or min(finite) == max(finite):
        low = high = middle if len(finite) >= 3 else float("nan")
        return Estimate(middle, low, high, len(finite))
    return _bootstrapped((np.asarray(finite),), np.median, middle, len(finite), seed)


def _bootstrapped(
    data: tuple[np.ndarray, ...], statistic: Any, middle: float, count: int, seed: int,
    **options: Any,
) -> Estimate:  # fmt: skip
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
    return Estimate(middle, float(interval.low), float(interval.high), count)


def _ratio_of_sums(*columns: np.ndarray, axis: int = -1) -> np.ndarray:
    """(Σa / Σb) / (Σc / Σd): one side's cost per request over the other's, from totals."""
    a, b, c, d = (np.sum(column, axis=axis) for column in columns)
    result: np.ndarray = (a / b) / (c / d)
    return result


def total_ratio(pairs: Sequence[tuple[float, float, float, float]], seed: int = 0) -> Estimate:
    """Per cycle (cost, count, base cost, base count): the ratio of the totals, with an interval.

    Totals weigh every request alike (a mean, not a median of windows): on noise
    that is spread evenly, the most each window can tell. The bootstrap resamples
    whole cycles, so each side keeps its partner from the same moment.
    """
    rows = [p for p in pairs if all(v > 0 and not math.isnan(v) for v in p)]
    if not rows:
        return NOTHING
    columns = tuple(np.asarray(column, dtype=float) for column in zip(*rows, strict=True))
    middle = float(_ratio_of_sums(*columns))
    if len(rows) < 3:
        return Estimate(middle, float("nan"), float("nan"), len(rows))
    each = (columns[0] / columns[1]) / (columns[2] / columns[3])
    if np.allclose(each, each[0]):
        return Estimate(middle, middle, middle, len(rows))  # no spread: nothing to resample
    options = {"paired": True, "vectorized": True}
    return _bootstrapped(columns, _ratio_of_sums, middle, len(rows), seed, **options)


def noise_floor(control: Estimate) -> float:
    """How far from 1 the A/A ratio (the baseline against itself) may fall: this run's noise."""
    if math.isnan(control.low):
        return float("nan")
    return max(abs(control.median - 1), control.high - 1, 1 - control.low)


def measurable(ratio: Estimate, floor: float) -> bool:
    """A ratio differs from 1 when its interval excludes 1 and it lies beyond the noise floor."""
    if math.isnan(ratio.low):
        return False
    beyond_floor = math.isnan(floor) or abs(ratio.median - 1) > floor
    return not ratio.contains(1.0) and beyond_floor
