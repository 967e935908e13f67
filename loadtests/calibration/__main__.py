"""``python -m loadtests.calibration``: run the benchmark several times back to back (or take
runs already made) and show, ratio by ratio, whether one run's intervals hold the others'."""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from loadtests.calibration import calibration_table
from loadtests.calibration import held
from loadtests.calibration import summary
from loadtests.results.model import load

DEFAULT_BENCHMARK = ["--servers", "waitress", "granian", "uvicorn", "--windows", "10",
                     "--starts", "5"]  # fmt: skip
"""``make benchmark``'s arguments: the default benchmark is the one to calibrate."""
FINISHED = (0, 3)
"""The benchmark's exit statuses that leave a report (3: some windows were disturbed)."""


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="python -m loadtests.calibration",
        description=__doc__,
        epilog="Examples: --runs 3 (three default benchmarks, about 35 minutes on 2 cores); "
        "--from results/2026-12-07T04-46-17 results/2026-12-07T05-10-02 (runs already made); "
        "--runs 3 -- --adapters flask --windows 6 (any benchmark arguments after --).",
    )
    cli.add_argument("--runs", type=int, default=3, help="benchmark runs to make (default: 3)")
    cli.add_argument("--from", dest="given", nargs="+", type=Path, metavar="FOLDER",
                     help="take these run folders (each holding results.json) instead")  # fmt: skip
    cli.add_argument("--as-saved", action="store_true",
                     help="take each run's intervals as it saved them, not worked out again "
                     "with this checkout's statistics (to see an older method's)")  # fmt: skip
    cli.add_argument("--output", type=Path, default=Path("results/calibration"),
                     help="folder for the runs and the table (default: %(default)s)")  # fmt: skip
    cli.add_argument(
        "benchmark", nargs="*", metavar="-- ARGS",
        help=f"benchmark arguments (default: {shlex.join(DEFAULT_BENCHMARK)})",
    )  # fmt: skip
    return cli


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def make_runs(count: int, arguments: list[str], folder: Path) -> list[Path]:
    """``count`` benchmarks, one after another; each run's log beside its report."""
    made: list[Path] = []
    started = time.monotonic()
    for number in range(1, count + 1):
        left = (time.monotonic() - started) / (number - 1) * (count - number + 1) if made else 0
        about = f", about {left / 60:.0f} min left" if made else ""
        log = folder / f"run-{number}.log"
        _say(f"calibration: run {number} of {count}{about} (log: {log})")
        before = set(folder.glob("*/results.json"))
        command = [sys.executable, "-m", "loadtests", *arguments, "--output", str(folder)]
        with log.open("w") as out:
            status = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False)
        new = sorted(set(folder.glob("*/results.json")) - before)
        if status.returncode not in FINISHED or not new:
            tail = log.read_text(errors="replace").splitlines()[-5:]
            raise SystemExit(f"error: run {number} failed ({status.returncode}):\n" +
                             "\n".join(tail))  # fmt: skip
        made.append(new[-1].parent)
    return made


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.given:
        folders = list(args.given)
        missing = [str(f) for f in folders if not (f / "results.json").is_file()]
        if missing:
            parser().error(f"no results.json in {', '.join(missing)}")
        args.output.mkdir(parents=True, exist_ok=True)
    else:
        if args.runs < 2:
            parser().error("--runs must be at least 2: one run has nothing to hold")
        folder = args.output / time.strftime("%Y-%m-%dT%H-%M-%S")
        folder.mkdir(parents=True, exist_ok=True)
        folders = make_runs(args.runs, args.benchmark or DEFAULT_BENCHMARK, folder)
        args.output = folder
    rows = held([load(f / "results.json") for f in folders], again=not args.as_saved)
    command = shlex.join(["python", "-m", "loadtests.calibration", *(argv or sys.argv[1:])])
    text = (f"{calibration_table(rows)}\n\n{summary(rows)}\n\nRuns: "
            + ", ".join(str(f) for f in folders) + f"\n\nCommand: `{command}`\n")  # fmt: skip
    (args.output / "calibration.md").write_text(text, encoding="utf-8")
    found = [{"ratio": r.name, "runs": [asdict(e) for e in r.runs], "holds": r.holds,
              "overlaps": r.overlaps} for r in rows]  # fmt: skip
    (args.output / "calibration.json").write_text(json.dumps(found, indent=2), encoding="utf-8")
    print(text + f"\nWritten: {args.output / 'calibration.md'} (and calibration.json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
