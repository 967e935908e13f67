"""The framework alone: each adapter's WSGI callable called directly, with no server or network.

Neither a server nor the load generator can hide this figure. It is the CPU an
adapter spends on the same request mix as Locust sends, so the difference from
raw WSGI is what the framework itself costs per request.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from harness.adapters import BASELINE
from harness.adapters import Adapter
from harness.adapters import WSGIApp
from harness.wsgi_call import call_app
from harness.wsgi_call import wsgi_environ
from loadtests.probes import PROBES
from loadtests.probes import WEIGHTS
from loadtests.probes import Probe
from loadtests.schedule import blocks as split
from loadtests.stats import fast
from loadtests.stats import fast_ratio
from loadtests.stats import full_speed_share

BATCH = 200
"""Requests per timed batch, drawn from the load mix with its weights."""
CYCLES = 160
"""Batches per adapter, interleaved A B C D A B C D … so the machine's drift hits all alike;
8–13 s in all, long enough to hold the host's fast seconds (see ``stats.fast_ratio``)."""
WARMUP = 1
"""Untimed cycles at the start of each block (the fastest 5% leaves out slow ones anyway)."""


class WrongAnswer(RuntimeError):
    """The adapter answered a probe wrongly: timing it would measure the wrong thing."""


@dataclass(frozen=True)
class AppCost:
    """One adapter's CPU per request with no server, from its fastest 5% of batches."""

    adapter: str
    us_per_request: float
    ratio: float
    """Fastest 5% over raw WSGI's fastest 5%, from the same cycles (nan without it)."""
    batches: int
    ratio_low: float = float("nan")
    ratio_high: float = float("nan")
    """The ratio's 95% interval, bootstrapped over the cycles."""
    full_speed: float = float("nan")
    """The share of its batches that ran at the host's full speed; the rest met slow spells."""


def mix(size: int = BATCH, seed: int = 0) -> list[Probe]:
    """The load mix as a fixed sequence: same requests, same order, for every adapter."""
    rng = random.Random(seed)
    kinds = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()), k=size)
    return [rng.choice(PROBES[kind]) for kind in kinds]


def _call(app: WSGIApp, environ: dict[str, Any]) -> tuple[int, bytes]:
    """One request: status code and body. A fresh environ each time: apps write into it."""
    status, _, body = call_app(app, dict(environ))
    return int(status[:3]), body


def check(app: WSGIApp, probes: Sequence[Probe], adapter: str) -> None:
    """Every distinct probe once, untimed: status and body must be the contract's."""
    for probe in {p.path: p for p in probes}.values():
        status, body = _call(app, wsgi_environ("GET", probe.path))
        if (status, body) != (probe.status, probe.body):
            raise WrongAnswer(f"{adapter} {probe.path}: got {status} {body[:200]!r}")


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
    """CPU µs per request over one batch, on this thread only."""
    started = time.thread_time()
    for environ in environs:
        _call(app, environ)
    return 1e6 * (time.thread_time() - started) / len(environs)


def interleaved(
    apps: Mapping[str, WSGIApp], environs: Sequence[dict[str, Any]], cycles: int
) -> dict[str, list[float]]:
    """µs per request of each app, a batch each in turn, after untimed warm-up cycles.

    A fresh process runs its first batches slowly (caches, allocator, first-call
    paths); the warm-up keeps them out of every figure.
    """
    samples: dict[str, list[float]] = {name: [] for name in apps}
    for cycle in range(WARMUP + cycles):
        for name, app in apps.items():
            us = batch_us(app, environs)
            if cycle >= WARMUP:
                samples[name].append(us)
    return samples


class Batches:
    """Batches of each app in turn, taken a block at a time so that they can span a whole run.

    A shared host has fast and slow spells, seconds to minutes long; blocks taken
    between the servers' starts meet more of its fast spells than one block can.
    """

    def __init__(
        self, apps: Mapping[str, WSGIApp], environs: Sequence[dict[str, Any]],
        cpus: set[int] | None, cycles: int, blocks: int = 1,
    ) -> None:  # fmt: skip
        self.apps, self.environs, self.cpus = apps, environs, cpus
        self.shares = iter(split(cycles, blocks))
        self.samples: dict[str, list[float]] = {name: [] for name in apps}

    def take_block(self) -> None:
        """The next block of cycles; none once all are taken."""
        with pinned(self.cpus):
            for name, times in interleaved(self.apps, self.environs, next(self.shares, 0)).items():
                self.samples[name] += times


def mix_batches(
    adapters: Sequence[Adapter], cpus: set[int] | None, cycles: int = CYCLES, blocks: int = 1
) -> Batches:
    """Every adapter over the load mix, each checked first."""
    probes = mix()
    apps = {adapter.name: adapter.create_app() for adapter in adapters}
    for name, app in apps.items():
        check(app, probes, name)
    environs = [wsgi_environ("GET", probe.path) for probe in probes]
    return Batches(apps, environs, cpus, cycles, blocks)


def costs(batches: Batches) -> list[AppCost]:
    """Each adapter's figures from the batches taken so far."""
    base = batches.samples.get(BASELINE, [])
    return [_cost(name, times, base) for name, times in batches.samples.items()]


def measure(
    adapters: Sequence[Adapter], cpus: set[int] | None, cycles: int = CYCLES
) -> list[AppCost]:
    """CPU µs per request of each adapter over the same mix, batches interleaved, in one block."""
    batches = mix_batches(adapters, cpus, cycles)
    batches.take_block()
    return costs(batches)


def _cost(adapter: str, times: Sequence[float], base: Sequence[float]) -> AppCost:
    ratio = fast_ratio(times, base)
    return AppCost(adapter, fast(times), ratio.median, len(times), ratio.low, ratio.high,
                   full_speed_share(times))  # fmt: skip
