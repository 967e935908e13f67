"""Each portion of the in-process batches in a fresh Python process.

A process's memory layout (its hash seed, where its objects land) makes it a few
per cent faster or slower for its whole life. Portions from one process would
all share its luck, and the next run's process would have other luck: the
intervals would hold within a run and miss from one run to the next. Fresh
processes put that luck in the spread between portions, where the intervals see it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence

from harness.adapters import ROOT
from harness.adapters import Adapter
from loadtests.alone import BATCHES
from loadtests.alone import Samples
from loadtests.alone import WrongAnswer
from loadtests.runs.schedule import shares

WRONG = 2
"""The exit status of a portion whose app answered wrongly."""


class FreshPortions:
    """The load's mix and the wiring, a portion at a time, each portion in a new process."""

    def __init__(self, adapters: Sequence[Adapter], portions: int, batches: int = BATCHES):
        self.names = [adapter.name for adapter in adapters]
        self.planned = iter(shares(batches, portions))
        self.mix: Samples = {}
        self.wiring: Samples = {}

    def take_portion(self) -> None:
        """The next portion (none once all are taken): ``python -m loadtests.alone.portion``."""
        count = next(self.planned, 0)
        if not count:
            return
        command = [sys.executable, "-m", "loadtests.alone.portion", "--batches", str(count),
                   "--adapters", *self.names]  # fmt: skip
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        if done.returncode == WRONG:
            raise WrongAnswer(done.stderr.strip())
        if done.returncode:
            raise RuntimeError(f"an in-process portion failed: {done.stderr.strip()[-2000:]}")
        taken = json.loads(done.stdout)
        for kind, into in (("mix", self.mix), ("wiring", self.wiring)):
            for name, values in taken[kind].items():
                into.setdefault(name, []).append(values)
