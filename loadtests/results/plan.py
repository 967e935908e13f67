"""What one benchmark run does: every setting in one value, recorded in the report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_PLAN_SERVERS = ("waitress",)
"""Measured on 2 cores: under waitress Locust keeps up with every framework (not quite with
raw WSGI), so req/s differences are the frameworks'. Granian outruns Locust for all
adapters, and gunicorn's sync worker closes every connection, which caps Locust first."""


@dataclass(frozen=True)
class Plan:
    """Identical conditions for every adapter: same server settings, users, rate and windows."""

    adapters: tuple[str, ...]
    servers: tuple[str, ...]
    users: int = 16
    rate: float = 0.0
    """Requests/s in all, the same for every adapter; 0 lets the capacity windows choose it."""
    warmup: float = 1.0
    """Seconds of load on each server before the first window: connections open, caches warm."""
    settle: float = 0.1
    """Seconds of load on a server before each of its windows opens: caches refilled."""
    window: float = 1.0
    windows: int = 60
    """Measured windows per adapter, in rounds: A B C D, D A C B, … (a new order each round)."""
    capacity_windows: int = 2
    """Closed-model windows per adapter, for capacity and for choosing the rate."""
    starts: int = 12
    """The rounds are split over this many fresh starts of every server: a process's memory
    layout can make it a few per cent faster or slower for its whole life (3–4% for Flask
    here), so no one start may decide a ratio, and the intervals resample whole starts."""
    retries: int = 3
    """How often a disturbed window is measured again before it is left out."""
    workers: int = 1
    threads: int = 1
    wrk: bool = True
    count: bool = True
    """Count instructions under valgrind (where it is installed) before the servers start."""
    waiting: bool = True
    """Run the scenario of when async pays (``loadtests/waiting/``) after the servers."""
    output: Path = Path("results")
