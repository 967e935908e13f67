"""``python -m loadtests.alone``: this stage of the benchmark alone, its section printed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from harness.adapters import discover
from harness.adapters import with_baseline
from loadtests import alone
from loadtests.alone import BATCHES
from loadtests.alone import PATH
from loadtests.alone import mix_costs
from loadtests.alone import twin_costs
from loadtests.alone import wiring_costs
from loadtests.alone.fresh import FreshPortions
from loadtests.report.tables import mix_table
from loadtests.report.tables import twin_table
from loadtests.report.tables import wiring_table

PORTIONS = 4


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m loadtests.alone", description=alone.__doc__)
    cli.add_argument(
        "--batches", type=int, default=BATCHES, help="batches per app (default: %(default)s)"
    )
    cli.add_argument(
        "--portions", type=int, default=PORTIONS,
        help="fresh processes the batches are split over; the intervals are as wide as the "
        "spread between them (default: %(default)s)",
    )  # fmt: skip
    args = cli.parse_args(argv)
    if args.portions < 2 or args.batches < 3 * args.portions:
        cli.error("--portions must be at least 2 and --batches at least 3 per portion")
    taken = FreshPortions(with_baseline(discover()), args.portions, args.batches)
    for _ in range(args.portions):
        taken.take_portion()
    print("The load's mix, each adapter beside its baseline:\n" + mix_table(mix_costs(taken.mix)))
    print("\nAsync beside sync, the same code:\n" + twin_table(twin_costs(taken.mix)))
    print(
        f"\nGET {PATH}, each adapter beside its minimal route:\n"
        + wiring_table(wiring_costs(taken.wiring))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
