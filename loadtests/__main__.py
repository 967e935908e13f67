"""``python -m loadtests``: the side-by-side benchmark and its report (see ``--help``)."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable
from collections.abc import Sequence
from pathlib import Path

from harness.adapters import discover
from harness.servers.live import ServerDidNotStart
from harness.servers.registry import PRODUCTION
from loadtests.alone import WrongAnswer
from loadtests.benchmark import run
from loadtests.cost.instructions import CountFailed
from loadtests.report.costs import cost_markdown
from loadtests.report.document import headline
from loadtests.report.tables import capacity_table
from loadtests.report.tables import mix_table
from loadtests.report.tables import server_table
from loadtests.report.tables import wiring_table
from loadtests.report.writing import write_report
from loadtests.results.plan import DEFAULT_PLAN_SERVERS
from loadtests.results.plan import Plan
from loadtests.runs.verify import ContractMismatch

DISTURBED = 3
"""Exit status when other programs kept the machine too busy for clean windows."""


def _at_least(
    bound: float, kind: Callable[[str], float], strictly: bool = False
) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = kind(text)
        if value < bound or (strictly and value == bound):
            relation = "above" if strictly else "at least"
            raise argparse.ArgumentTypeError(f"must be {relation} {bound:g}, not {text}")
        return value

    parse.__name__ = getattr(kind, "__name__", "number")
    return parse


TUNING: list[tuple[str, Callable[[str], float], str]] = [
    ("--users", _at_least(1, int), "concurrent Locust users"),
    (
        "--windows",
        _at_least(3, int),
        "measured windows per adapter, in rounds: A B C D, D A C B, …",
    ),
    ("--window", _at_least(0, float, strictly=True), "seconds measured per window"),
    ("--warmup", _at_least(0, float), "seconds of load on each server before the first window"),
    ("--capacity-windows", _at_least(1, int), "closed-model windows per adapter for capacity"),
    ("--starts", _at_least(1, int), "fresh starts of the servers the rounds are split over"),
    ("--retries", _at_least(0, int), "times a disturbed window is measured again"),
    ("--workers", _at_least(1, int), "server processes"),
    ("--threads", _at_least(1, int), "threads per server process"),
]
"""The knobs every adapter shares in one run; defaults come from Plan."""


def parser() -> argparse.ArgumentParser:
    defaults = Plan(adapters=(), servers=DEFAULT_PLAN_SERVERS)
    cli = argparse.ArgumentParser(
        prog="python -m loadtests",
        description="Benchmark every adapter side by side: in-process (the framework alone), "
        "then every adapter's server running at once (WSGI adapters under WSGI servers, ASGI "
        "under ASGI ones), each sent the same fixed rate in interleaved windows, with the raw "
        "baseline measured twice as the noise floor; then the scenario of when async pays; "
        "write a report "
        "(Markdown, CSV, JSON, chart, HTML). Exit status: 0 done, 1 a wrong answer or failed "
        "requests, 3 the machine was too busy for clean windows.",
        epilog="Examples: --servers waitress granian uvicorn (the matrix, as make "
        "benchmark); --adapters flask --windows 40 (flask against raw WSGI, tighter intervals); "
        "--rate 800 (this rate instead of the benchmark's choice).",
    )
    names = [a.name for a in discover()]
    cli.add_argument(
        "--adapters",
        nargs="+",
        choices=names,
        metavar="NAME",
        help=f"adapters to run (default: all: {' '.join(names)})",
    )
    cli.add_argument(
        "--servers",
        nargs="+",
        choices=PRODUCTION,
        default=list(DEFAULT_PLAN_SERVERS),
        metavar="NAME",
        help="servers to run each adapter under; several make a matrix "
        f"(default: %(default)s; all: {' '.join(PRODUCTION)})",
    )
    for flag, kind, about in TUNING:
        default = getattr(defaults, flag.removeprefix("--").replace("-", "_"))
        cli.add_argument(flag, type=kind, default=default, help=f"{about} (default: {default})")
    cli.add_argument(
        "--rate",
        type=_at_least(0.0, float, strictly=True),
        help="requests/s for every adapter, shared by the users (default: 300, the same in "
        "every run; lower only where the capacity windows find the slowest adapter cannot serve "
        "2.5 times that)",
    )
    cli.add_argument("--no-wrk", action="store_true", help="skip wrk's capacity figures")
    cli.add_argument(
        "--no-count", action="store_true", help="skip the instruction counts under valgrind"
    )
    cli.add_argument(
        "--no-waiting",
        action="store_true",
        help="skip the scenario of when async pays (every request waiting 50 ms first)",
    )
    cli.add_argument(
        "--output",
        type=Path,
        default=defaults.output,
        help="folder for reports; each run gets a dated subfolder (default: %(default)s)",
    )
    return cli


def reproducing(argv: Sequence[str]) -> str:
    """The command that measures the same again, as the report quotes it: where its results
    went (``--output``, or any prefix argparse takes for it) is not part of the measurement."""
    kept: list[str] = []
    args = iter(argv)
    for arg in args:
        flag, joined, _ = arg.partition("=")
        if len(flag) > 2 and "--output".startswith(flag):
            if not joined:
                next(args, None)  # its folder
            continue
        kept.append(arg)
    return shlex.join(["python", "-m", "loadtests", *kept])


def main(argv: Sequence[str] | None = None) -> int:
    cli = parser()
    args = cli.parse_args(argv)
    if args.workers > 1 and "waitress" in args.servers:
        cli.error("waitress runs one process: use --threads, or leave waitress out of --servers")
    try:
        args.output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        cli.error(f"--output {args.output}: {error.strerror or error}")
    plan = Plan(
        adapters=tuple(args.adapters or ()),
        servers=tuple(dict.fromkeys(args.servers)),
        users=args.users,
        rate=args.rate or 0.0,
        warmup=args.warmup,
        window=args.window,
        windows=args.windows,
        capacity_windows=args.capacity_windows,
        starts=args.starts,
        retries=args.retries,
        workers=args.workers,
        threads=args.threads,
        wrk=not args.no_wrk,
        waiting=not args.no_waiting,
        count=not args.no_count,
        output=args.output,
    )
    command = reproducing(argv if argv is not None else sys.argv[1:])
    try:
        report, folder = run(plan, command)
    except (ServerDidNotStart, ContractMismatch, WrongAnswer, CountFailed) as error:
        print(f"error: {error}", file=sys.stderr)  # nothing was measured that could be trusted
        return 1
    except KeyboardInterrupt:
        print("Stopped: every server was stopped; no report was written.", file=sys.stderr)
        return 130
    path = write_report(report, folder)
    print("\n".join(headline(report)) + "\n")
    print(server_table(report.rows))
    for note in report.notes:
        print(note)
    print("\nCapacity:\n" + capacity_table(report.rows))
    print("\nThe framework alone, with no server:\n" + mix_table(report.in_process))
    print(
        "\nEach adapter beside its framework's minimal route:\n"
        + wiring_table(report.adapter_overhead)
    )
    print(
        "\n"
        + cost_markdown(report.cost, report.in_process, report.residency).split("*Instructions")[0]
    )
    print(f"\nReport: {path}  (also results.csv, results.json, chart.png, report.html)")
    if any(row.failures for row in report.rows):
        return 1
    return DISTURBED if report.unsettled else 0


if __name__ == "__main__":
    sys.exit(main())
