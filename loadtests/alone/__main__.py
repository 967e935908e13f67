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
from loadtests.alone import mix_batches
from loadtests.alone import mix_costs
from loadtests.alone import twin_costs
from loadtests.alone import wiring_batches
from loadtests.alone import wiring_costs
from loadtests.report.tables import mix_table
from loadtests.report.tables import twin_table
from loadtests.report.tables import wiring_table
from loadtests.runs.pinning import pinning


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m loadtests.alone", description=alone.__doc__)
    cli.add_argument(
        "--batches", type=int, default=BATCHES, help="batches per app (default: %(default)s)"
    )
    args = cli.parse_args(argv)
    if args.batches < 3:
        cli.error("--batches must be at least 3 (the interval needs them)")
    adapters = with_baseline(discover())
    mixed = mix_batches(adapters, pinning().server, args.batches)
    wiring = wiring_batches(adapters, args.batches)
    for taken in (mixed, wiring):
        taken.take_portion()
    print("The load's mix, each adapter beside its baseline:\n" + mix_table(mix_costs(mixed)))
    print("\nAsync beside sync, the same code:\n" + twin_table(twin_costs(mixed)))
    print(
        f"\nGET {PATH}, each adapter beside its minimal route:\n"
        + wiring_table(wiring_costs(wiring))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
