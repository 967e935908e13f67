"""Instructions per request, counted by valgrind: a figure a busy machine cannot move.

Each adapter's mix is run under cachegrind (``--cache-sim=no``: instructions
only, the way CodSpeed's CPU simulation and iai-callgrind count) for N and for
2N requests; the difference over N is one request's instructions, start-up
gone. What made such counts move when they were first taken here, and what
keeps them still: ``.pyc`` files written during a run (``PYTHONDONTWRITEBYTECODE``),
OpenBLAS threads spinning in a process that imported scipy (the counted
process imports neither, and ``OPENBLAS_NUM_THREADS=1`` besides), a full garbage
collection in one run and not the other (``gc.freeze`` after the warm-up), a file
that came or went in the project's root between two runs (Python lists its first import
folder once: the counted process runs in a fixed folder of links to the packages), and
the hash seed, which moves a count by up to half a per cent: each count is the
median over a few fixed seeds, and their spread is reported beside it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from harness.adapters import ROOT
from loadtests.results.counted import Instructions

VALGRIND = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
REQUESTS = 1000
"""N: each count runs N, then 2N, requests."""
SEEDS = (0, 1, 2)
"""PYTHONHASHSEED values: each figure is the median of its count under each."""
I_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


class CountFailed(RuntimeError):
    """valgrind or the counted program failed; the message carries their last words."""


def available() -> bool:
    return shutil.which("valgrind") is not None


def home() -> Path:
    """The counted process's folder: links to the project's packages and nothing else, at a
    path fixed per checkout, so what other programs write into the root moves no count."""
    tag = hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]
    folder = Path(tempfile.gettempdir()) / f"sum-echo-counted-{tag}"
    folder.mkdir(exist_ok=True)
    for package in (path.parent for path in ROOT.glob("*/__init__.py")):
        link = folder / package.name
        if not link.is_symlink():
            try:
                link.symlink_to(package, target_is_directory=True)
            except FileExistsError:  # a parallel count made it first
                pass
    return folder


def count(adapter: str, requests: int, seed: int) -> int:
    """Instructions of one whole run of ``python -m loadtests.cost.count``."""
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONDONTWRITEBYTECODE": "1",
           "OPENBLAS_NUM_THREADS": "1"}  # fmt: skip
    command = [*VALGRIND, sys.executable, "-m", "loadtests.cost.count", adapter, str(requests)]
    done = subprocess.run(
        command, cwd=home(), env=env, capture_output=True, text=True, timeout=900, check=False
    )
    found = I_REFS.search(done.stderr)
    if done.returncode or found is None:
        raise CountFailed(f"{adapter}: valgrind exited {done.returncode}: {done.stderr[-1500:]}")
    return int(found.group(1).replace(",", ""))


def per_request(adapter: str, seed: int, requests: int = REQUESTS) -> float:
    """One request's instructions: the count of 2N requests less the count of N, over N."""
    return (count(adapter, 2 * requests, seed) - count(adapter, requests, seed)) / requests


def measure(
    adapters: Sequence[str],
    seeds: Sequence[int] = SEEDS,
    requests: int = REQUESTS,
    progress: Callable[[str], None] = lambda message: None,
    parallel: int = 2,
) -> list[Instructions]:
    """Every adapter under every seed; valgrind runs ``parallel`` at a time (counts do not
    care what else runs)."""
    jobs = [(adapter, seed) for adapter in adapters for seed in seeds]
    with ThreadPoolExecutor(parallel) as pool:
        futures = {job: pool.submit(per_request, *job, requests) for job in jobs}
        for (adapter, seed), future in futures.items():
            progress(
                f"instructions: {adapter}, hash seed {seed}: {future.result():,.0f} per request"
            )
    return [Instructions(a, tuple(futures[(a, s)].result() for s in seeds)) for a in adapters]
