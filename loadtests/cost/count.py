"""``python -m loadtests.cost.count ADAPTER N``: N requests of the load's mix, in-process, and
nothing else: the program valgrind counts.

Start-up is the same for N and 2N (the same batch of requests is built, and
answered once, before the counted loop), so the difference of two counts is N
requests' worth. It imports the adapter, the in-process caller and the mix only: no
numpy or scipy, whose threads would add instructions of their own. A full
garbage collection could fall in one run and not the other, so the objects
alive after the warm-up are frozen out of it (``gc.freeze``).
"""

from __future__ import annotations

import gc
import sys

from harness.adapters import Adapter
from harness.calling import Calls
from loadtests.sent.mix import sequence

BATCH = 200
"""Requests built once and sent in turn, whatever N is."""


def main(argv: list[str]) -> int:
    adapter, count = argv[0], int(argv[1])
    requests = [("GET", each.path) for each in sequence(BATCH)]
    with Calls(Adapter(adapter).create_app(), requests) as calls:
        calls.run(BATCH)  # the first calls of every path are start-up too
        gc.collect()
        gc.freeze()
        calls.run(count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
