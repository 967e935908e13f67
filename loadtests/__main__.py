"""``python -m loadtests``: the side-by-side benchmark and its report (see ``--help``)."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable
from collections.abc import Sequence
from pathlib import Path

from harness.adapters import discover
from harness.servers import SERVERS
from loadtests.benchmark import run
from loadtests.plan import DEFAULT_SERVERS
from loadtests.plan import PRODUCTION_SERVERS
from loadtests.plan import Plan
from loadtests.report import markdown_table
from loadtests.report import write_report


def _positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be above 0, not {text}")
        return value

    parse.__name__ = kind.__name__
    return parse


def parser() -> argparse.ArgumentParser:
    defaults = Plan(adapters=(), servers=DEFAULT_SERVERS)
    cli = argparse.ArgumentParser(
        prog="python -m loadtests",
        description="Benchmark every adapter under the same server, users and times; "
        "write a report (Markdown, CSV, JSON, chart, HTML).",
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
    cli.add_argument(
        "--users",
        type=_positive(int),
        default=defaults.users,
        help="concurrent Locust users (default: %(default)s)",
    )
    cli.add_argument(
        "--spawn-rate",
        type=_positive(int),
        default=defaults.spawn_rate,
        help="users started per second (default: %(default)s)",
    )
    cli.add_argument(
        "--warmup",
        type=float,
        default=defaults.warmup,
        help="seconds of load before measuring (default: %(default)s)",
    )
    cli.add_argument(
        "--duration",
        type=_positive(float),
        default=defaults.duration,
        help="seconds measured per window (default: %(default)s)",
    )
    cli.add_argument(
        "--rounds",
        type=_positive(int),
        default=defaults.rounds,
        help="interleaved repetitions; the report shows medians (default: %(default)s)",
    )
    cli.add_argument(
        "--rate",
        type=_positive(float),
        help="open model: this many requests/s in all, shared by the users "
        "(default: closed model, as fast as answered)",
    )
    cli.add_argument(
        "--workers",
        type=_positive(int),
        default=defaults.workers,
        help="server processes (default: %(default)s)",
    )
    cli.add_argument(
        "--threads",
        type=_positive(int),
        default=defaults.threads,
        help="threads per server process (default: %(default)s)",
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
    if args.warmup < 0:
        cli.error("--warmup must be 0 or more")
    if args.workers > 1 and "waitress" in args.servers:
        cli.error("waitress runs one process: use --threads, or leave waitress out of --servers")
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
    report, folder = run(plan, command)
    path = write_report(report, folder)
    print(markdown_table(report.rows))
    for note in report.notes:
        print(note)
    print(f"\nReport: {path}  (also results.csv, results.json, chart.png, report.html)")
    return 1 if any(row.failures for row in report.rows) else 0


if __name__ == "__main__":
    sys.exit(main())
