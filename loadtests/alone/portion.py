"""``python -m loadtests.alone.portion``: one portion of the in-process batches, in this fresh
process, printed as JSON (``fresh.py`` starts it)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from harness.adapters import Adapter
from loadtests.alone import WrongAnswer
from loadtests.alone import mix_batches
from loadtests.alone import wiring_batches
from loadtests.alone.fresh import WRONG
from loadtests.runs.pinning import pinning


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m loadtests.alone.portion", description=__doc__)
    cli.add_argument("--batches", type=int, required=True, help="batches per app")
    cli.add_argument("--adapters", nargs="+", required=True, help="adapters, baselines included")
    args = cli.parse_args(argv)
    adapters = [Adapter(name) for name in args.adapters]
    try:
        mixed = mix_batches(adapters, pinning().server, args.batches)
        wiring = wiring_batches(adapters, args.batches)
    except WrongAnswer as error:
        print(error, file=sys.stderr)
        return WRONG
    for taken in (mixed, wiring):
        taken.take_portion()
    samples = {"mix": mixed.samples, "wiring": wiring.samples}
    print(json.dumps({kind: {name: portions[0] for name, portions in found.items()}
                      for kind, found in samples.items()}))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
