"""What one benchmark run does: every setting in one value, recorded in the report."""

from __future__ import annotations

import os
from dataclasses import asdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PRODUCTION_SERVERS = ("waitress", "gunicorn", "granian")
DEFAULT_SERVERS = ("waitress",)
"""Measured on 2 cores: under waitress Locust keeps up with every framework (not quite with
raw WSGI), so req/s differences are the frameworks'. Granian outruns Locust for all
adapters, and gunicorn's sync worker closes every connection, which caps Locust first."""
SATURATED = 0.85
"""Load generator CPU (fraction of one core) above which it, not the server, may be the limit."""


@dataclass(frozen=True)
class Plan:
    """Identical conditions for every adapter: same server settings, users, times."""

    adapters: tuple[str, ...]
    servers: tuple[str, ...]
    users: int = 16
    spawn_rate: int = 16
    warmup: float = 2.0
    duration: float = 5.0
    rounds: int = 3
    workers: int = 1
    threads: int = 1
    pacing: float = 0.0
    """Requests/s per user; 0 is the closed model (each user as fast as answered)."""
    wrk: bool = True
    output: Path = Path("results")

    def as_dict(self) -> dict[str, Any]:
        return {k: str(v) if isinstance(v, Path) else v for k, v in asdict(self).items()}


@dataclass(frozen=True)
class Pinning:
    """Server on one core, load generator on another, when the OS lets us."""

    server: set[int] | None
    load: set[int] | None

    @property
    def description(self) -> str:
        if self.server is None:
            return "not pinned (needs 2+ cores and sched_setaffinity)"
        return (
            f"server on CPU {sorted(self.server)}, load generator on CPU {sorted(self.load or [])}"
        )


def pinning() -> Pinning:
    """Split the cores this process may use: the first for the server, the rest for load."""
    if not hasattr(os, "sched_getaffinity"):
        return Pinning(None, None)
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return Pinning(None, None)
    return Pinning({cpus[0]}, set(cpus[1:]))
