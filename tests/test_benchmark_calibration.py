"""The calibration: whether one run's intervals hold the others' figures, from runs made by hand."""

from __future__ import annotations

import shlex
from dataclasses import replace
from pathlib import Path

import pytest

from loadtests.calibration import calibration_table
from loadtests.calibration import held
from loadtests.calibration import ratios
from loadtests.calibration import summary
from loadtests.calibration.__main__ import DEFAULT_BENCHMARK
from loadtests.calibration.__main__ import main
from loadtests.results.model import Results
from loadtests.results.model import save
from loadtests.results.plan import Plan
from loadtests.stats.rows import summarize
from tests.benchmark_windows import AA
from tests.benchmark_windows import window


def run(flask_by_start: list[float]) -> Results:
    """One run: three starts of two rounds each, Flask costing so many times raw WSGI."""
    windows = [
        each
        for start, ratio in enumerate(flask_by_start)
        for number in (2 * start, 2 * start + 1)
        for each in (
            window("wsgi", number, 100, start=start),
            window(AA, number, 100 + number % 3, start=start),
            window("flask", number, 100 * ratio, start=start),
        )  # fmt: skip
    ]
    return Results(Plan(adapters=("flask",), servers=("waitress",)), {}, "", [], windows)


def test_each_interval_is_asked_to_hold_the_other_runs_figures() -> None:
    """Two runs that agree and a third far off: its figure lies outside both others' intervals,
    and its tight interval holds neither of theirs."""
    runs = [run([2.3, 2.5, 2.4]), run([2.5, 2.35, 2.45]), run([3.5, 3.52, 3.49])]
    flask = next(r for r in held(runs) if r.name == "server CPU, waitress, flask")
    assert flask.holds == (2, 6) and flask.overlaps == (1, 3)
    control = next(r for r in held(runs) if r.name == "server CPU, waitress, wsgi (A/A)")
    assert control.overlaps == (3, 3)
    text = calibration_table(held(runs))
    assert "| server CPU, waitress, flask | 2.40× [" in text and "| 2 of 6 | **1 of 3** |" in text
    assert summary(held(runs)).endswith("apart: server CPU, waitress, flask.")


def test_in_process_figures_are_worked_out_again_from_the_saved_batches() -> None:
    """Two portions (processes) each: Flask 8× and 9× raw WSGI; a baseline beside itself is
    left out, an ASGI app beside its WSGI twin is in."""
    base = [[10.0 + 0.1 * n for n in range(20)] for _ in range(2)]
    faster = [[1.1 * v for v in p] for p in base]
    mix = {"wsgi": base, "flask": [[8 * v for v in base[0]], [9 * v for v in base[1]]],
           "falcon": base, "falcon_asgi": faster, "asgi": base}  # fmt: skip
    wiring = {"flask": base, "flask (minimal)": [[v / 1.1 for v in p] for p in base]}
    report = Results(Plan(adapters=(), servers=()), {}, "", [], [],
                     samples={"mix": mix, "wiring": wiring})  # fmt: skip
    found = ratios(report)
    assert found["in-process, flask"].value == pytest.approx(72**0.5)
    assert found["in-process, flask"].low < 8 and found["in-process, flask"].high > 9
    assert found["async, falcon_asgi vs falcon"].value == pytest.approx(1.1)
    assert found["wiring, flask"].value == pytest.approx(1.1)
    assert "in-process, wsgi" not in found and "in-process, asgi" not in found


def test_as_saved_takes_the_intervals_a_run_printed_not_this_checkout_s() -> None:
    """How an older method's intervals held: the saved rows, not the windows worked again."""
    made = run([2.3, 2.5, 2.4])
    claimed = [replace(row, cpu_ratio_low=2.39, cpu_ratio_high=2.41) for row in
               summarize(made.windows)]  # fmt: skip
    saved = replace(made, rows=claimed)
    name = "server CPU, waitress, flask"
    as_saved = ratios(saved, again=False)[name]
    assert (as_saved.low, as_saved.high) == (2.39, 2.41) and as_saved.value == pytest.approx(2.4)
    assert ratios(saved)[name].low < 2.3


def test_the_command_takes_runs_already_made_and_writes_its_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, by_start in (("a", [2.3, 2.5, 2.4]), ("b", [2.5, 2.35, 2.45])):
        (tmp_path / name).mkdir()
        save(run(by_start), tmp_path / name / "results.json")
    out = tmp_path / "out"
    assert main(["--from", str(tmp_path / "a"), str(tmp_path / "b"), "--output", str(out)]) == 0
    written = (out / "calibration.md").read_text()
    assert "| server CPU, waitress, flask |" in written and "every one." in written
    assert written in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--from", str(tmp_path / "nowhere")])
    with pytest.raises(SystemExit):
        main(["--runs", "1"])


def test_a_benchmark_run_that_fails_stops_the_calibration_with_its_log(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"run 1 failed \(2\)(.|\n)*invalid choice"):
        main(["--runs", "2", "--output", str(tmp_path), "--", "--adapters", "no_such_adapter"])


def test_the_calibration_calibrates_the_benchmark_that_make_benchmark_runs() -> None:
    makefile = (Path(__file__).parents[1] / "Makefile").read_text(encoding="utf-8")
    assert f"BENCHMARK_ARGS := {shlex.join(DEFAULT_BENCHMARK)}\n" in makefile
