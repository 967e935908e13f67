"""The command line of ``check-sum-echo URL`` (or ``python -m conformance_tests URL`` in a
clone): grade your own implementation.

Needs only requests and PyYAML: ``pip install ./conformance_tests`` puts the command on the PATH.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from conformance_tests.grader.card import render
from conformance_tests.grader.cases import CASES
from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import with_head_twins
from conformance_tests.grader.examine import examine
from conformance_tests.grader.files import details
from conformance_tests.grader.files import write_document
from conformance_tests.grader.files import write_json
from conformance_tests.grader.files import write_junit
from conformance_tests.grader.generated import every_case
from conformance_tests.grader.levels import Level
from conformance_tests.grader.points import classroom
from conformance_tests.grader.points import gradescope
from conformance_tests.grader.points import level_points
from conformance_tests.grader.run import Unusable
from conformance_tests.grader.run import preflight
from conformance_tests.grader.showing import WIDTH

WIDTHS = range(60, 201)
"""The card's widths: narrower, a fix's code does not fit; wider, lines are hard to read."""
DATA_NAMES = {case.name for case in with_head_twins(CASES)}
EXAMPLES = """\
examples:
  {prog} http://127.0.0.1:5000
  {prog} http://127.0.0.1:5000 --require 1 --junit grade.xml
  {prog} http://127.0.0.1:5000 --seed 42 -v
  {prog} http://127.0.0.1:5000 --gradescope /autograder/results/results.json

exit status: 0 the required level is reached; 1 it is not; 2 the URL could not be checked.
"""


def level_argument(text: str) -> Level:
    try:
        return Level.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def count_argument(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _width(text: str) -> int:
    value = int(text)
    if value not in WIDTHS:
        raise argparse.ArgumentTypeError(f"must be {WIDTHS[0]} to {WIDTHS[-1]}, not {value}")
    return value


def terminal_width() -> int:
    """The terminal's width, where the card is shown on one; else the same card every time
    (a file, a pipe, a test), at the fixed width."""
    if not sys.stdout.isatty():
        return WIDTH
    return min(max(shutil.get_terminal_size((WIDTH, 24)).columns, WIDTHS[0]), WIDTHS[-1])


def program_name() -> str:
    """What the author typed: the installed command's name, or ``python -m conformance_tests``."""
    name = Path(sys.argv[0]).name
    return "python -m conformance_tests" if name in ("__main__.py", "") else name


def parser() -> argparse.ArgumentParser:
    prog = program_name()
    cli = argparse.ArgumentParser(
        prog=prog,
        description="Check a server at URL against the sum/echo contract, level by level: "
        "1 meaning (status and JSON value), 2 HTTP manners (headers, HEAD, OPTIONS, 405), "
        "3 exact bytes.",
        epilog=EXAMPLES.format(prog=prog),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cli.add_argument("url", help="the server's base URL, e.g. http://127.0.0.1:5000")
    cli.add_argument(
        "--require",
        type=level_argument,
        default=Level.EXACT,
        metavar="LEVEL",
        help="exit 0 only if this level is reached: 1/meaning, 2/manners, 3/exact (default: 3)",
    )
    cli.add_argument("-v", "--verbose", action="store_true", help="also print every case")
    cli.add_argument("--details", metavar="FILE", help="write every case in detail to FILE")
    cli.add_argument("--json", metavar="FILE", help="write the results as JSON to FILE")
    cli.add_argument("--junit", metavar="FILE", help="write JUnit XML to FILE (for CI)")
    cli.add_argument(
        "--gradescope",
        metavar="FILE",
        help="write Gradescope's results.json to FILE: points per level, the card as feedback",
    )
    cli.add_argument(
        "--classroom",
        metavar="FILE",
        help="write GitHub Classroom's autograding result to FILE (base64 it into the step's "
        "`result` output): points per level, the card as feedback",
    )
    cli.add_argument(
        "--seed", type=int, help="seed of the generated cases (default: a new one, printed)"
    )
    cli.add_argument(
        "--generated",
        type=count_argument,
        default=8,
        metavar="N",
        help="random cases of each kind (sum by path, by query, echo) (default: 8)",
    )
    cli.add_argument(
        "--fuzz",
        type=count_argument,
        default=0,
        metavar="N",
        help="also send N requests drawn by Hypothesis (needs: pip install hypothesis)",
    )
    cli.add_argument(
        "--width",
        type=_width,
        metavar="N",
        help=f"wrap the card at N columns (default: the terminal's width, or {WIDTH} when the "
        "card goes to a file or a pipe)",
    )
    cli.add_argument(
        "--timeout", type=float, default=5.0, help="seconds to wait per answer (default: 5)"
    )
    return cli


def about_run(cases: Sequence[Case], seconds: float, seed: int) -> str:
    """The card's third line: what was sent, and how to send the same again."""
    data = sum(case.name in DATA_NAMES for case in cases)
    return (
        f"{len(cases)} requests in {seconds:.1f} s: {data} from the case data "
        f"(with HEAD twins), {len(cases) - data} generated with seed {seed} "
        f"(--seed {seed} repeats them)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    cli = parser()
    args = cli.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(10**6)
    try:
        url = preflight(args.url)
        cases = every_case(seed, args.generated, args.fuzz, over_http=True)
    except Unusable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ImportError as error:
        print(f"error: --fuzz needs Hypothesis ({error.name} is missing): "
              "pip install hypothesis", file=sys.stderr)  # fmt: skip
        return 2
    print(f"Checking {url}: {len(cases)} requests...", file=sys.stderr, flush=True)
    try:
        report = examine(url, cases, timeout=args.timeout)
    except Unusable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    about = about_run(cases, report.seconds, seed)
    grading = report.grading
    try:
        if args.verbose:
            print(details(grading) + "\n")
        print(render(grading, report.routes, url, about, width=args.width or terminal_width()))
        sys.stdout.flush()
    except BrokenPipeError:  # `| head`: the reader read enough; the files below are still written
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if args.details:
        with open(args.details, "w", encoding="utf-8") as file:
            file.write(details(grading) + "\n")
    if args.json:
        write_json(grading, report.routes, url, seed, args.json)
    if args.junit:
        write_junit(grading, args.junit)
    if args.gradescope or args.classroom:
        card = render(grading, report.routes, url, about)  # the files' card: the fixed width
        points = level_points(grading)
        if args.gradescope:
            write_document(args.gradescope, gradescope(points, card, report.seconds))
        if args.classroom:
            write_document(args.classroom, classroom(points, card, report.seconds, args.require))
    return 0 if grading.reached() >= args.require else 1
