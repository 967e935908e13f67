"""The statistics: ratios round by round, intervals that know the starts, the noise floor.

Windows are made by hand (``tests/benchmark_windows.py``): every figure is exact.
"""

from __future__ import annotations

import math
import statistics

import pytest

from loadtests.report.tables import verdict
from loadtests.results.model import Estimate
from loadtests.stats.intervals import BETWEEN_RUNS
from loadtests.stats.intervals import NOTHING
from loadtests.stats.intervals import fast
from loadtests.stats.intervals import fast_ratio
from loadtests.stats.intervals import full_speed_share
from loadtests.stats.intervals import spread
from loadtests.stats.intervals import total_ratio
from loadtests.stats.rows import comparisons
from loadtests.stats.rows import floor_of
from loadtests.stats.rows import summarize
from tests.benchmark_windows import AA
from tests.benchmark_windows import rounds
from tests.benchmark_windows import window


def test_ratios_are_taken_round_by_round_so_drift_cancels() -> None:
    """The machine slows down threefold over the run: each ratio stays exactly 3."""
    rows = {r.label: r for r in summarize(rounds({
        "wsgi": [100, 200, 300, 150], "flask": [300, 600, 900, 450], AA: [100, 200, 300, 150],
    }))}  # fmt: skip
    flask = rows["flask"]
    assert flask.cpu_ratio == pytest.approx(3) and flask.cpu_ratio_low == pytest.approx(3)
    assert flask.cpu_us == pytest.approx(562.5)  # all its CPU over all its requests
    assert flask.cpu_us_low < 562.5 < flask.cpu_us_high
    assert rows["flask"].measurable and rows[AA].control and not rows["flask"].control
    assert not rows[AA].measurable  # the baseline against itself: ratio 1, nothing to see


def test_a_bias_that_lasts_a_whole_start_widens_the_interval() -> None:
    """Four starts of the servers, each with its own lasting bias (2.0×, 2.4×, 2.1×, 2.3×) and
    little noise within it: rounds alone would claim ±1%; the spread of the starts says how
    little four of them tell."""
    biases = [2.0, 2.4, 2.1, 2.3]
    wobble = [1.0, 1.01, 0.99, 1.0, 1.01]
    pairs = [(b * w * 300, 300, 300.0, 300) for b in biases for w in wobble]
    starts = [s for s, _ in enumerate(biases) for _ in wobble]
    by_start = total_ratio(pairs, starts)
    by_round = total_ratio(pairs)
    assert by_start.value == by_round.value == pytest.approx(2.2, rel=0.01)
    assert by_start.low < 2.1 and by_start.high > 2.3
    assert by_round.high - by_round.low < (by_start.high - by_start.low) / 1.5
    windows = [window("flask", n, b * w, start=s) for n, (b, w, s) in enumerate(
        (b, w, s) for s, b in enumerate(biases) for w in wobble)]  # fmt: skip
    windows += [window("wsgi", n, 1.0, start=s) for n, s in enumerate(starts)]
    flask = next(r for r in summarize(windows) if r.label == "flask")
    assert flask.cpu_ratio_low == pytest.approx(by_start.low)
    assert flask.cpu_ratio_high == pytest.approx(by_start.high)


def test_a_difference_inside_the_noise_floor_is_no_difference() -> None:
    noisy = [1.00, 1.08, 0.93, 1.06, 0.95, 1.02, 0.91, 1.09]
    costs = {
        "wsgi": [100.0] * 8,
        AA: [100 * n for n in noisy],
        "falcon": [104 * n for n in reversed(noisy)],
        "flask": [250 * n for n in noisy],
    }
    windows = rounds(costs)
    rows = summarize(windows)
    by = {r.label: r for r in rows}
    assert not by["falcon"].measurable and by["flask"].measurable
    floor = floor_of(rows, "waitress")
    assert 0.05 < floor < 0.15
    [line] = comparisons(rows, windows)
    assert line.startswith("waitress, each adapter beside the next cheaper: falcon ≈ wsgi (no "
                           "measurable difference); flask costs 2.")  # fmt: skip
    assert line.endswith(" falcon")  # the step it measures: beside falcon, not raw WSGI
    assert verdict(by["falcon"]) == "no measurable difference"
    assert verdict(by["flask"]).startswith("costs 2.") and verdict(by["wsgi"]) == "baseline"


def test_disturbed_windows_are_measured_again_and_left_out() -> None:
    clean = rounds({"wsgi": [100.0] * 6, AA: [100.0] * 6, "flask": [300.0] * 6})
    busy = "other programs used 60% of the server's core"
    redone = [window("flask", 2, 900, disturbed=busy), window("flask", 4, 800, disturbed=busy)]
    rows = {r.label: r for r in summarize([*redone, *clean])}
    assert (rows["flask"].windows, rows["flask"].redone, rows["flask"].cpu_us) == (6, 2, 300)
    lost = [window("flask", n, 900, disturbed=busy, attempt=1) for n in range(4)]
    rows = {r.label: r for r in summarize([*clean, *lost])}
    assert rows["flask"].windows == 2 and rows["flask"].cpu_us == 300


def test_in_process_ratios_come_from_the_fastest_batches_so_slow_spells_do_not_move_them() -> None:
    """As measured on a shared host: in its slow spells raw WSGI took 30 µs, not 18, and the
    other side's ratio fell from 8 to 7; in one run only 8% of the batches were fast."""
    base = [18.0 + 0.1 * (n % 3) for n in range(8)] + [30.0 + 0.2 * (n % 5) for n in range(92)]
    flask = [8 * b if b < 20 else 7 * b for b in base]
    ratio = fast_ratio([flask], [base])
    assert ratio.value == pytest.approx(8, rel=0.01) and ratio.low <= 8 <= ratio.high
    assert statistics.median(f / b for f, b in zip(flask, base, strict=True)) == 7
    assert fast(base) == pytest.approx(18.0, abs=0.11)
    assert full_speed_share(base) == pytest.approx(0.08)
    assert fast_ratio([base], [base]).value == 1 and fast_ratio([], []) == NOTHING


def test_a_process_s_lasting_luck_widens_the_in_process_interval() -> None:
    """Four fresh processes, each a few per cent faster or slower for its whole life (8.0×,
    8.4×, 7.8×, 8.2×): the interval spans their spread, not the batches' steadiness within
    one process, which would claim ±0.1% and miss the next run's process."""
    luck = [8.0, 8.4, 7.8, 8.2]
    base = [[20.0 + 0.01 * n for n in range(40)] for _ in luck]
    costs = [[r * b for b in portion] for r, portion in zip(luck, base, strict=True)]
    across = fast_ratio(costs, base)
    within = fast_ratio([costs[0]], [base[0]])
    assert across.low < 7.8 and across.high > 8.3
    run_wide = 2 * within.value * math.sinh(1.96 * BETWEEN_RUNS)  # BETWEEN_RUNS' share alone
    assert within.high - within.low == pytest.approx(run_wide, rel=1e-3)
    assert within.high - within.low < (across.high - across.low) / 3


def test_what_lasts_a_whole_run_widens_every_in_process_interval() -> None:
    """Two runs here whose portions agreed within each run gave FastAPI 7.11× and 7.24×: the
    portions' spread alone gave intervals that missed each other; ``BETWEEN_RUNS`` beside it
    does not."""
    steady = [[10.0 + 0.01 * n for n in range(8)] for _ in range(15)]

    def run(ratio: float) -> Estimate:
        costs = [[ratio * b * (1 + 0.002 * (i % 3)) for b in p] for i, p in enumerate(steady)]
        return fast_ratio(costs, steady)

    first, second = run(7.11), run(7.24)
    assert first.high > second.low and first.low < 7.11 < first.high
    half = 1.96 * BETWEEN_RUNS
    assert spread(2.0, [2.0, 2.0], BETWEEN_RUNS).high == pytest.approx(2 * math.exp(half), 1e-3)
    assert spread(2.0, [2.0, 2.0]).high == 2.0


def test_an_interval_over_units_is_students_t_over_their_logarithms() -> None:
    """Three starts giving 2.0×, 2.2× and 2.4×: t with 2 degrees of freedom (4.30), not a
    bootstrap over three, which cannot reach past the extremes."""
    found = spread(2.2, [2.0, 2.2, 2.4])
    logs = [math.log(r) for r in (2.0, 2.2, 2.4)]
    half = 4.303 * statistics.stdev(logs) / math.sqrt(3)
    assert found.low == pytest.approx(2.2 * math.exp(-half), rel=1e-3)
    assert found.high == pytest.approx(2.2 * math.exp(half), rel=1e-3)
    assert found.low < 2.0 and found.high > 2.4
    assert math.isnan(spread(2.2, [2.2]).low) and spread(2.2, [2.2, 2.2]).low == 2.2
