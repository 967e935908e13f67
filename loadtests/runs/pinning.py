"""Which cores the servers and the load generator run on, when the OS lets us choose."""

from __future__ import annotations

import os
from dataclasses import dataclass


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
