"""The framework alone: each adapter's app called directly, with no server or network.

Neither a server nor the load generator can hide these figures. The first is the
CPU an adapter spends on the load's request mix, so its ratio to its baseline (raw
WSGI, or raw ASGI for an ASGI adapter) is what the framework costs per request; an
ASGI adapter with a WSGI twin (Falcon's two apps, raw ASGI and raw WSGI) is also set
beside it, which is what async costs the same code. The second sets each adapter
beside its framework's shortest route to the same answer (``impl_<name>/minimal.py``),
for ``GET /sum/42/117``: the price of the adapter's hooks, error handlers and
normalising. ASGI apps run a whole batch on one event loop, made once.
``python -m loadtests.alone`` prints all three.
"""

from __future__ import annotations

import importlib
import os
import time
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from contextlib import ExitStack
from contextlib import contextmanager

from harness.adapters import ROOT
from harness.adapters import Adapter
from harness.adapters import App
from harness.adapters import twin
from harness.calling import Calls
from harness.calling import Request
from harness.calling import answer
from loadtests.results.model import Cost
from loadtests.runs.pinning import pinning
from loadtests.runs.schedule import shares
from loadtests.sent.mix import sequence
from loadtests.stats.intervals import fast_ratio
from loadtests.stats.intervals import full_speed_share
from loadtests.stats.intervals import typical

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


def batch_us(calls: Calls) -> float:
    """CPU µs per request over one batch, on this thread only (an ASGI batch runs on this
    thread's event loop)."""
    count = len(calls.prepared)
    started = time.thread_time()
    calls.run(count)
    return 1e6 * (time.thread_time() - started) / count


Samples = dict[str, list[list[float]]]
"""Each app's µs per request, batch by batch, in one list per portion."""


class Batches:
    """Batches of each app in turn, taken a portion at a time so that they can span a run.

    A shared host has fast and slow spells, seconds to minutes long; portions taken
    between the servers' starts meet more of its fast spells than one portion can.
    The benchmark takes each portion in a fresh process (``fresh.py``).
    """

    def __init__(
        self, apps: Mapping[str, App], requests: Sequence[Request],
        cpus: set[int] | None, batches: int, portions: int = 1,
    ) -> None:  # fmt: skip
        self.apps, self.requests, self.cpus = apps, requests, cpus
        self.planned = iter(shares(batches, portions))
        self.samples: Samples = {name: [] for name in apps}

    def take_portion(self) -> None:
        """The next portion of batches (none once all are taken), after untimed turns."""
        count = next(self.planned, 0)
        if not count:
            return
        with pinned(self.cpus), ExitStack() as stack:
            calls = {name: stack.enter_context(Calls(app, self.requests))
                     for name, app in self.apps.items()}  # fmt: skip
            taken: Samples = {name: [[]] for name in calls}
            for turn in range(WARMUP + count):
                for name, each in calls.items():
                    us = batch_us(each)
                    if turn >= WARMUP:
                        taken[name][0].append(us)
        for name, portion in taken.items():
            self.samples[name] += portion


def _status_and_body(app: App, path: str) -> tuple[int, bytes]:
    status, _, body = answer(app, "GET", path)
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
    return Batches(apps, [("GET", each.path) for each in requests], cpus, batches, portions)


def _flat(portions: list[list[float]]) -> list[float]:
    return [value for portion in portions for value in portion]


def _cost(name: str, portions: list[list[float]], beside: str, base: list[list[float]]) -> Cost:
    times = _flat(portions)
    return Cost(name, typical(portions), fast_ratio(portions, base), len(times),
                full_speed_share(times), typical(base), beside)  # fmt: skip


def mix_costs(samples: Samples) -> list[Cost]:
    """Each adapter's figures from the batches taken so far, beside its baseline's."""
    return [
        _cost(name, times, base, samples.get(base, []))
        for name, times in samples.items()
        for base in [Adapter(name).baseline.name]
    ]


def twin_costs(samples: Samples) -> list[Cost]:
    """Each ASGI adapter beside its WSGI twin, where both were timed: what async costs."""
    return [
        _cost(name, times, sync.name, samples[sync.name])
        for name, times in samples.items()
        if (sync := twin(Adapter(name))) is not None and sync.name in samples
    ]


def minimal_app(adapter: Adapter) -> App | None:
    """``impl_<name>/minimal.py``'s app, if the adapter has one."""
    if not (ROOT / adapter.package / "minimal.py").is_file():
        return None
    app: App = importlib.import_module(f"{adapter.package}.minimal").create_app()
    return app


def _answer(app: App) -> tuple[str, list[tuple[str, str]], bytes]:
    """The answer to PATH; header names in one case and order (frameworks differ in both)."""
    status, headers, body = answer(app, "GET", PATH)
    return status, sorted((name.lower(), value) for name, value in headers), body


def wiring_batches(
    adapters: Sequence[Adapter], batches: int = BATCHES, batch: int = BATCH, portions: int = 1
) -> Batches:
    """Adapter and minimal route in turn, for every adapter that has one, each pair checked."""
    apps: dict[str, App] = {}
    for adapter in adapters:
        minimum = minimal_app(adapter)
        if minimum is None:
            continue
        app = adapter.create_app()
        answers = [_answer(each) for each in (app, minimum)]
        if answers[0] != answers[1]:
            raise WrongAnswer(f"{adapter.name}: minimal.py answers {PATH} differently: {answers}")
        apps |= {adapter.name: app, adapter.name + MINIMAL: minimum}
    return Batches(apps, [("GET", PATH)] * batch, pinning().server, batches, portions)


def wiring_costs(samples: Samples) -> list[Cost]:
    """Each adapter beside its minimal route, from the batches taken so far."""
    return [
        _cost(name, full, "", samples[name + MINIMAL])
        for name, full in samples.items()
        if not name.endswith(MINIMAL)
    ]
