"""The framework alone: each adapter's WSGI callable called directly, with no server or network.

Neither a server nor the load generator can hide these figures. The first is the
CPU an adapter spends on the load's request mix, so its ratio to raw WSGI is what
the framework costs per request. The second sets each adapter beside its
framework's shortest route to the same answer (``impl_<name>/minimal.py``), for
``GET /sum/42/117``: the price of the adapter's hooks, error handlers and
normalising. ``python -m loadtests.alone`` prints both.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from harness.adapters import BASELINE
from harness.adapters import ROOT
from harness.adapters import Adapter
from harness.adapters import WSGIApp
from harness.adapters import discover
from harness.adapters import with_baseline
from harness.wsgi_call import call_app
from harness.wsgi_call import wsgi_environ
from loadtests.runs.plan import pinning
from loadtests.runs.schedule import shares
from loadtests.sent.mix import sequence
from loadtests.stats.intervals import Estimate
from loadtests.stats.intervals import fast
from loadtests.stats.intervals import fast_ratio
from loadtests.stats.intervals import full_speed_share

BATCH = 200
"""Requests per timed batch."""
BATCHES = 160
"""Timed batches per adapter, each adapter's in turn so the machine's drift hits all alike:
8–13 s in all, long enough to hold the host's fast seconds (see ``stats.fast_ratio``)."""
WARMUP = 1
"""Untimed turns at the start of each portion (the fastest 5% leaves out slow ones anyway)."""
PATH = "/sum/42/117"
"""The request an adapter and its minimal route answer, side by side."""
MINIMAL = " (minimal)"


class WrongAnswer(RuntimeError):
    """The adapter answered wrongly: timing it would measure the wrong thing."""


@dataclass(frozen=True)
class Cost:
    """One app's CPU per request (fastest 5% of its batches) and its ratio to another's."""

    adapter: str
    us_per_request: float
    ratio: Estimate
    """Over raw WSGI's (the mix), or over the minimal route's (the wiring)."""
    batches: int
    full_speed: float = float("nan")
    """The share of its batches that ran at the host's full speed; the rest met slow spells."""
    beside_us: float = float("nan")
    """The other side's µs per request: raw WSGI's, or the minimal route's."""


@contextmanager
def pinned(cpus: set[int] | None) -> Iterator[None]:
    """Run on the server's core while measuring, as the servers do."""
    if cpus is None:
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, cpus)
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def batch_us(app: WSGIApp, environs: Sequence[dict[str, Any]]) -> float:
    """CPU µs per request over one batch, on this thread only. A fresh environ each time:
    apps write into it."""
    started = time.thread_time()
    for environ in environs:
        call_app(app, dict(environ))
    return 1e6 * (time.thread_time() - started) / len(environs)


class Batches:
    """Batches of each app in turn, taken a portion at a time so that they can span a run.

    A shared host has fast and slow spells, seconds to minutes long; portions taken
    between the servers' starts meet more of its fast spells than one portion can.
    """

    def __init__(
        self, apps: Mapping[str, WSGIApp], environs: Sequence[dict[str, Any]],
        cpus: set[int] | None, batches: int, portions: int = 1,
    ) -> None:  # fmt: skip
        self.apps, self.environs, self.cpus = apps, environs, cpus
        self.planned = iter(shares(batches, portions))
        self.samples: dict[str, list[float]] = {name: [] for name in apps}

    def take_portion(self) -> None:
        """The next portion of batches (none once all are taken), after untimed turns."""
        with pinned(self.cpus):
            for turn in range(WARMUP + next(self.planned, 0)):
                for name, app in self.apps.items():
                    us = batch_us(app, self.environs)
                    if turn >= WARMUP:
                        self.samples[name].append(us)


def _status_and_body(app: WSGIApp, path: str) -> tuple[int, bytes]:
    status, _, body = call_app(app, wsgi_environ("GET", path))
    return int(status[:3]), body


def mix_batches(
    adapters: Sequence[Adapter], cpus: set[int] | None, batches: int = BATCHES, portions: int = 1
) -> Batches:
    """Every adapter over the load mix, each checked first: every distinct request must get
    the contract's status and body."""
    requests = sequence(BATCH)
    apps = {adapter.name: adapter.create_app() for adapter in adapters}
    for name, app in apps.items():
        for each in {e.path: e for e in requests}.values():
            got = _status_and_body(app, each.path)
            if got != (each.status, each.body):
                raise WrongAnswer(f"{name} {each.path}: got {got[0]} {got[1][:200]!r}")
    environs = [wsgi_environ("GET", each.path) for each in requests]
    return Batches(apps, environs, cpus, batches, portions)


def mix_costs(taken: Batches) -> list[Cost]:
    """Each adapter's figures from the batches taken so far, beside raw WSGI's."""
    base = taken.samples.get(BASELINE, [])
    return [
        Cost(name, fast(times), fast_ratio(times, base), len(times), full_speed_share(times),
             fast(base))
        for name, times in taken.samples.items()
    ]  # fmt: skip


def minimal_app(adapter: Adapter) -> WSGIApp | None:
    """``impl_<name>/minimal.py``'s app, if the adapter has one."""
    if not (ROOT / adapter.package / "minimal.py").is_file():
        return None
    app: WSGIApp = importlib.import_module(f"{adapter.package}.minimal").create_app()
    return app


def _answer(app: WSGIApp) -> tuple[str, list[tuple[str, str]], bytes]:
    """The answer to PATH; header names in one case and order (frameworks differ in both)."""
    status, headers, body = call_app(app, wsgi_environ("GET", PATH))
    return status, sorted((name.lower(), value) for name, value in headers), body


def wiring_batches(
    adapters: Sequence[Adapter], batches: int = BATCHES, batch: int = BATCH, portions: int = 1
) -> Batches:
    """Adapter and minimal route in turn, for every adapter that has one, each pair checked."""
    apps: dict[str, WSGIApp] = {}
    for adapter in adapters:
        minimum = minimal_app(adapter)
        if minimum is None:
            continue
        app = adapter.create_app()
        answers = [_answer(each) for each in (app, minimum)]
        if answers[0] != answers[1]:
            raise WrongAnswer(f"{adapter.name}: minimal.py answers {PATH} differently: {answers}")
        apps |= {adapter.name: app, adapter.name + MINIMAL: minimum}
    return Batches(apps, [wsgi_environ("GET", PATH)] * batch, pinning().server, batches, portions)


def wiring_costs(taken: Batches) -> list[Cost]:
    """Each adapter beside its minimal route, from the batches taken so far."""
    found = []
    for name, full in taken.samples.items():
        if not name.endswith(MINIMAL):
            least = taken.samples[name + MINIMAL]
            found.append(Cost(name, fast(full), fast_ratio(full, least), len(full),
                              full_speed_share(full), fast(least)))  # fmt: skip
    return found


def main(argv: Sequence[str] | None = None) -> int:
    from loadtests.report.tables import mix_table
    from loadtests.report.tables import wiring_table

    cli = argparse.ArgumentParser(prog="python -m loadtests.alone", description=__doc__)
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
    print("The load's mix, each adapter beside raw WSGI:\n" + mix_table(mix_costs(mixed)))
    print(
        f"\nGET {PATH}, each adapter beside its minimal route:\n"
        + wiring_table(wiring_costs(wiring))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
