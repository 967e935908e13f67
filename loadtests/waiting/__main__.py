"""``python -m loadtests.waiting``: this stage of the benchmark alone, its section printed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from loadtests import waiting
from loadtests.report.async_pays import waiting_markdown
from loadtests.waiting import SETUPS
from loadtests.waiting import USERS
from loadtests.waiting import WAIT_MS
from loadtests.waiting import WINDOWS
from loadtests.waiting import figures
from loadtests.waiting import measure


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m loadtests.waiting", description=waiting.__doc__)
    cli.add_argument(
        "--wait-ms",
        type=float,
        default=WAIT_MS,
        help="how long each request waits first (default: %(default)s)",
    )
    cli.add_argument(
        "--users", type=int, default=USERS, help="users sending at once (default: %(default)s)"
    )
    cli.add_argument(
        "--windows", type=int, default=WINDOWS, help="windows per setup (default: %(default)s)"
    )
    cli.add_argument("--output", type=Path, default=Path("results/waiting"),
                     help="where the windows' files go (default: %(default)s)")  # fmt: skip
    args = cli.parse_args(argv)
    if args.wait_ms <= 0 or args.users < 1 or args.windows < 3:
        cli.error("--wait-ms must be above 0, --users at least 1, --windows at least 3")
    found = measure(args.output, wait_ms=args.wait_ms, users=args.users, windows=args.windows)
    print(waiting_markdown(figures(SETUPS, found), args.wait_ms, args.users))
    return 0


if __name__ == "__main__":
    sys.exit(main())
