"""``python -m loadtests.cost``: where each adapter's cost goes, counted (see ``--help``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from harness.adapters import discover
from harness.adapters import select
from harness.adapters import with_baseline
from loadtests.cost.instructions import CountFailed
from loadtests.cost.view import measure
from loadtests.report.costs import cost_markdown
from loadtests.runs.per_server import say


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(
        prog="python -m loadtests.cost",
        description="Where each adapter's cost goes, counted rather than timed: instructions "
        "per request under valgrind (the same on a busy machine), Python bytecodes per layer "
        "(routing, request, response, ...), and memory per request.",
    )
    names = [a.name for a in discover()]
    cli.add_argument("--adapters", nargs="+", choices=names, metavar="NAME",
                     help=f"adapters (default: all: {' '.join(names)})")  # fmt: skip
    cli.add_argument("--no-count", action="store_true", help="skip the valgrind counts")
    args = cli.parse_args(argv)
    adapters = with_baseline(select(args.adapters))
    try:
        view = measure(adapters, progress=say, counted=not args.no_count)
    except CountFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(cost_markdown(view, []))
    return 0


if __name__ == "__main__":
    sys.exit(main())
