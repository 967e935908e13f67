"""The framework alone: each adapter's WSGI callable called directly, with no server or network.

Neither a server nor the load generator can hide this figure. It is the CPU an
adapter spends on the same request mix as Locust sends, so the difference from
raw WSGI is what the framework itself costs per request.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Iterator
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
from loadtests.stats import median_interval

BATCH = 200
"""Requests per timed batch, drawn from the load mix with its weights."""
CYCLES = 120
"""Batches per adapter, interleaved A B C D A B C D … so the machine's drift hits all alike;
about 10 s in all, so that a minute when a neighbour is busy weighs less (at 40 batches, two
runs a few minutes apart on a shared host gave Flask 8.1× and 7.2×)."""


class WrongAnswer(RuntimeError):
    """The adapter answered a probe wrongly: timing it would measure the wrong thing."""


@dataclass(frozen=True)
class AppCost:
    """One adapter's CPU per request with no server: medians over the interleaved batches."""

    adapter: str
    us_per_request: float
    ratio: float
    """Median of each cycle's ratio to raw WSGI, taken side by side in time (nan without it)."""
    batches: int
    ratio_low: float = float("nan")
    ratio_high: float = float("nan")
    """The ratio's 95% interval, bootstrapped over the cycles."""


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


def measure(
    adapters: Sequence[Adapter], cpus: set[int] | None, cycles: int = CYCLES
) -> list[AppCost]:
    """CPU µs per request of each adapter over the same mix, batches interleaved."""
    probes = mix()
    environs = [wsgi_environ("GET", probe.path) for probe in probes]
    apps = {adapter.name: adapter.create_app() for adapter in adapters}
    for name, app in apps.items():
        check(app, probes, name)
    samples: dict[str, list[float]] = {name: [] for name in apps}
    with pinned(cpus):
        for _ in range(cycles):
            for name, app in apps.items():
                samples[name].append(batch_us(app, environs))
    base = samples.get(BASELINE)
    costs = []
    for name, times in samples.items():
        ratio = median_interval([t / b for t, b in zip(times, base, strict=True)] if base else [])
        costs.append(
            AppCost(name, statistics.median(times), ratio.median, len(times), ratio.low, ratio.high)
        )
    return costs
