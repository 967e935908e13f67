"""What the load generator is asked to do: which servers, how hard, how often, in what windows."""

from __future__ import annotations

import json
from dataclasses import asdict
from dataclasses import dataclass


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
    """Windows A B C D … repeated ``cycles`` times; ``rate`` 0 is the closed model."""

    targets: tuple[Target, ...]
    users: int
    rate: float
    warmup: float
    settle: float
    seconds: float
    cycles: int
    retries: int
    server_cpus: tuple[int, ...] | None
    load_cpus: tuple[int, ...] | None
    first_cycle: int = 0
    """Cycles are numbered on from here: windows pair up by cycle across server restarts."""

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Schedule:
        data = json.loads(text)
        data["targets"] = tuple(Target(**t) for t in data["targets"])
        for key in ("server_cpus", "load_cpus"):
            data[key] = tuple(data[key]) if data[key] is not None else None
        return cls(**data)


def blocks(cycles: int, restarts: int) -> list[int]:
    """Cycles per start of the servers, as even as they split: 40 over 4 is 10 10 10 10."""
    count = max(1, min(restarts, cycles))
    return [cycles // count + (1 if index < cycles % count else 0) for index in range(count)]
