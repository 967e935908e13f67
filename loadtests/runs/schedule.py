"""What the load generator is asked to do: which servers, how hard, how often, in what windows.

A *round* is one window of every server, in an order of its own.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from dataclasses import dataclass

WINDOW_MARK = "loadtests-window"
"""Starts each line on which the driver reports a window, so the benchmark knows them."""


@dataclass(frozen=True)
class Target:
    """One running server; ``label`` tells apart two servers of the same adapter (A/A)."""

    label: str
    adapter: str
    server: str
    url: str
    pid: int


@dataclass(frozen=True)
class Schedule:
    """``rounds`` rounds of windows, A B C D, D A C B, …; ``rate`` 0 is the closed model."""

    targets: tuple[Target, ...]
    users: int
    rate: float
    warmup: float
    settle: float
    seconds: float
    rounds: int
    retries: int
    server_cpus: tuple[int, ...] | None
    load_cpus: tuple[int, ...] | None
    first_round: int = 0
    """Rounds are numbered on from here: windows pair up by round across starts of the servers."""

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Schedule:
        data = json.loads(text)
        data["targets"] = tuple(Target(**t) for t in data["targets"])
        for key in ("server_cpus", "load_cpus"):
            data[key] = tuple(data[key]) if data[key] is not None else None
        return cls(**data)


def shares(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` as evenly as it goes: 10 into 4 is 3 3 2 2."""
    count = max(1, min(parts, total))
    return [total // count + (1 if index < total % count else 0) for index in range(count)]
