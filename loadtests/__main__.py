"""``python -m loadtests``: the side-by-side benchmark and its report (see ``--help``)."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable
from collections.abc import Sequence
from pathlib import Path

from harness.adapters import discover
from harness.live import ServerDidNotStart
from harness.servers import SERVERS
from loadtests.benchmark import run
from loadtests.inprocess import WrongAnswer
from loadtests.plan import DEFAULT_SERVERS
from loadtests.plan import PRODUCTION_SERVERS
from loadtests.plan import Plan
from loadtests.report import app_cost_table
from loadtests.report import markdown_table
from loadtests.report import write_report
from loadtests.verify import ContractMismatch


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
    ("--spawn-rate", _at_least(1, int), "users started per second"),
    ("--warmup", _at_least(0, float), "seconds of load before measuring"),
    ("--duration", _at_least(0, float, strictly=True), "seconds measured per window"),
    ("--rounds", _at_least(1, int), "interleaved repetitions; the report shows medians"),
    ("--workers", _at_least(1, int), "server processes"),
    ("--threads", _at_least(1, int), "threads per server process"),
]
"""The knobs every adapter shares in one run; defaults come from Plan."""


def parser() -> argparse.ArgumentParser:
    defaults = Plan(adapters=(), servers=DEFAULT_SERVERS)
    cli = argparse.ArgumentParser(
        prog="python -m loadtests",
        description="Benchmark every adapter: first in-process (the framework alone), then "
        "under the same server, users and times; write a report (Markdown, CSV, JSON, chart, "
        "HTML).",
        epilog="Examples: --servers waitress gunicorn granian (the matrix, as make benchmark); "
        "--adapters flask wsgi --rounds 5; --rate 800 (every adapter at the same load).",
    )
    names = [a.name for a in discover()]
    cli.add_argument(
        "--adapters",
        nargs="+",
        choices=names,
        metavar="NAME",
        help=f"adapters to run (default: all: {' '.join(names)})",
    )
    production = [name for name, server in SERVERS.items() if server.production]
    cli.add_argument(
        "--servers",
        nargs="+",
        choices=production,
        default=list(DEFAULT_SERVERS),
        metavar="NAME",
        help="servers to run each adapter under; several make a matrix "
        f"(default: %(default)s; all: {' '.join(PRODUCTION_SERVERS)})",
    )
    for flag, kind, about in TUNING:
        default = getattr(defaults, flag.removeprefix("--").replace("-", "_"))
        cli.add_argument(flag, type=kind, default=default, help=f"{about} (default: {default})")
    cli.add_argument(
        "--rate",
        type=_at_least(0.0, float, strictly=True),
        help="open model: this many requests/s in all, shared by the users "
        "(default: closed model, as fast as answered)",
    )
    cli.add_argument("--no-wrk", action="store_true", help="skip the wrk cross-check")
    cli.add_argument(
        "--output",
        type=Path,
        default=defaults.output,
        help="folder for reports; each run gets a dated subfolder (default: %(default)s)",
    )
    return cli


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
        spawn_rate=args.spawn_rate,
        warmup=args.warmup,
        duration=args.duration,
        rounds=args.rounds,
        workers=args.workers,
        threads=args.threads,
        pacing=(args.rate / args.users) if args.rate else 0.0,
        wrk=not args.no_wrk,
        output=args.output,
    )
    command = shlex.join(
        ["python", "-m", "loadtests", *(argv if argv is not None else sys.argv[1:])]
    )
    try:
        report, folder = run(plan, command)
    except (ServerDidNotStart, ContractMismatch, WrongAnswer) as error:
        print(f"error: {error}", file=sys.stderr)  # nothing was measured that could be trusted
        return 1
    except KeyboardInterrupt:
        print("Stopped: every server was stopped; no report was written.", file=sys.stderr)
        return 130
    path = write_report(report, folder)
    print(markdown_table(report.rows))
    print("\nThe framework alone, with no server:\n" + app_cost_table(report.app_costs))
    for note in report.notes:
        print(note)
    print(f"\nReport: {path}  (also results.csv, results.json, chart.png, report.html)")
    return 1 if any(row.failures for row in report.rows) else 0


if __name__ == "__main__":
    sys.exit(main())
