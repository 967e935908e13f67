"""``check-sum-echo-class SUBMISSIONS`` (``python -m conformance_tests.classroom`` in a
clone): start each submission of a class in turn, grade it, stop it, and write the table.

With ``--single``, SUBMISSIONS is one student's work (their repository, in a course's CI),
and its points go where GitHub Classroom or Gradescope read them.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC
from datetime import datetime
from pathlib import Path

from conformance_tests.classroom.grading import Limits
from conformance_tests.classroom.grading import Place
from conformance_tests.classroom.grading import Row
from conformance_tests.classroom.grading import grade_submission
from conformance_tests.classroom.submissions import NotASubmission
from conformance_tests.classroom.submissions import Submission
from conformance_tests.classroom.submissions import recognise
from conformance_tests.classroom.submissions import submissions
from conformance_tests.classroom.table import terminal
from conformance_tests.classroom.table import write
from conformance_tests.grader.cli import count_argument
from conformance_tests.grader.cli import level_argument
from conformance_tests.grader.files import write_document
from conformance_tests.grader.generated import every_case
from conformance_tests.grader.levels import Level
from conformance_tests.grader.points import classroom
from conformance_tests.grader.points import gradescope

PROG = "check-sum-echo-class"
DEFAULTS = Limits()
EXAMPLES = f"""\
examples:
  {PROG} submissions/                  a folder: one file or folder per student
  {PROG} roster.csv                    name,url or name,command[,folder] per line
  {PROG} . --single --classroom points.json --require 1      in a course's CI

Each submission starts as its author would start it: flask --app FILE run, uvicorn
MODULE:app, python manage.py runserver, npm start (npm install first if it has no
node_modules), node FILE, python FILE, java FILE; told its port as PORT and as an
argument. It runs as an ordinary process, with your rights: this is not a sandbox.

exit status: 0 the class was graded (with --single: the required level is reached);
1 with --single, it is not; 2 SUBMISSIONS could not be read.
"""


def _seconds(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {value:g}")
    return value


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog=PROG,
        description="Grade a whole class against the sum/echo contract: start each submission "
        "on a free port on 127.0.0.1, grade it, stop it; a table (terminal, CSV, JSON) and "
        "each student's card.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cli.add_argument("submissions", type=Path, help="a folder of submissions, or a roster .csv")
    cli.add_argument(
        "--output",
        type=Path,
        default=Path("grades"),
        metavar="DIR",
        help="where the table, cards and logs go (default: ./grades)",
    )
    cli.add_argument(
        "--single",
        action="store_true",
        help="SUBMISSIONS is one submission (a student's repository), not a class",
    )
    cli.add_argument("--seed", type=int, help="seed of the generated cases, the same for all")
    cli.add_argument(
        "--generated",
        type=count_argument,
        default=8,
        metavar="N",
        help="random cases of each kind (default: 8)",
    )
    cli.add_argument(
        "--start-timeout",
        type=_seconds,
        default=DEFAULTS.start,
        metavar="S",
        help=f"seconds a submission has to listen once started (default: {DEFAULTS.start:g})",
    )
    cli.add_argument(
        "--time-limit",
        type=_seconds,
        default=DEFAULTS.total,
        metavar="S",
        help=f"seconds a submission has in all, setup included (default: {DEFAULTS.total:g})",
    )
    cli.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULTS.answer,
        metavar="S",
        help=f"seconds to wait per answer (default: {DEFAULTS.answer:g})",
    )
    cli.add_argument(
        "--require",
        type=level_argument,
        default=Level.EXACT,
        metavar="LEVEL",
        help="with --single: exit 0 only if this level is reached (default: 3)",
    )
    cli.add_argument(
        "--classroom", metavar="FILE", help="with --single: GitHub Classroom's autograding result"
    )
    cli.add_argument(
        "--gradescope", metavar="FILE", help="with --single: Gradescope's results.json"
    )
    return cli


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _done(row: Row) -> str:
    if not row.graded:
        return f"{row.first_problem} ({row.seconds:.1f} s)"
    return f"{row.score:.0f}/100, level {row.level} ({row.seconds:.1f} s)"


def _points_files(args: argparse.Namespace, row: Row, card: str) -> None:
    """With --single: the points where a course's autograder reads them; the card, or the one
    line of a submission that could not be graded, as the feedback."""
    card = card.rstrip("\n") or row.first_problem
    if args.classroom:
        write_document(args.classroom, classroom(row.points, card, row.seconds, args.require))
    if args.gradescope:
        write_document(args.gradescope, gradescope(row.points, card, row.seconds))


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if (args.classroom or args.gradescope) and not args.single:
        parser().error("--classroom and --gradescope grade one submission: add --single")
    try:
        if args.single:
            found: list[Submission] = [recognise(args.submissions.resolve())]
        else:
            found = submissions(args.submissions)
    except (NotASubmission, OSError) as error:
        _say(f"error: {error}")
        return 2
    if not found:
        _say(f"error: no submissions in {args.submissions}")
        return 2
    seed = args.seed if args.seed is not None else random.randrange(10**6)
    cases = every_case(seed, args.generated, over_http=True)
    limits = Limits(args.start_timeout, args.timeout, args.time_limit)
    args.output.mkdir(parents=True, exist_ok=True)
    place = Place(args.output)
    began, at = time.monotonic(), datetime.now(UTC).isoformat(timespec="seconds")
    _say(f"Grading {len(found)} submission(s), {len(cases)} requests each (--seed {seed})")
    rows: list[Row] = []
    try:
        for number, submission in enumerate(found, 1):
            _say(f"[{number}/{len(found)}] {submission.name}: {submission.shown or '(nothing)'}")
            rows.append(grade_submission(submission, cases, seed, limits, place))
            _say(f"    {_done(rows[-1])}")
            took = round(time.monotonic() - began, 1)
            about = {"started": at, "seed": seed, "requests": len(cases), "seconds": took,
                     "limits": asdict(limits)}  # fmt: skip
            write(rows, args.output, about)
    except KeyboardInterrupt:  # the submission in hand is stopped already; keep the rest
        _say(f"stopped: {len(rows)} of {len(found)} graded, in {args.output}/class.csv")
        return 130
    print(terminal(rows, shutil.get_terminal_size((120, 24)).columns))
    took = time.monotonic() - began
    graded = sum(row.graded for row in rows)
    _say(f"{len(rows)} submissions in {took:.0f} s ({graded} graded, {len(rows) - graded} could "
         f"not be): {args.output}/class.csv, class.json, cards/, logs/")  # fmt: skip
    if args.single:
        card = Path(rows[0].card).read_text(encoding="utf-8") if rows[0].card else ""
        if card:
            print("\n" + card, end="")
        _points_files(args, rows[0], card)
        return 0 if rows[0].graded and rows[0].level >= args.require else 1
    return 0
