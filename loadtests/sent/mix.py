"""The request mix: each request with the exact answer core says it must get.

Kept apart from the locustfile so that the benchmark and the tests can use it
without importing Locust (which monkey-patches the whole process for gevent).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from urllib.parse import unquote

from core import SERVICE
from core import Reply


@dataclass(frozen=True)
class Expected:
    """One request and the exact answer core says it must get."""

    path: str
    status: int
    body: bytes


def expected(path: str, reply: Reply) -> Expected:
    return Expected(path, reply.status, reply.body)


def _numbers(rng: random.Random) -> tuple[str, str]:
    return str(rng.randint(-9999, 9999)), f"{rng.uniform(-1000, 1000):.3f}"


def _mix(seed: int = 42, variants: int = 64) -> dict[str, list[Expected]]:
    """Requests built once, so the load generator spends its CPU on sending them."""
    rng = random.Random(seed)
    pairs = [_numbers(rng) for _ in range(variants)]
    words = ["hello", "caf%C3%A9", "%E6%97%A5%E6%9C%AC", "load%20test", "x" * 64]
    return {
        "sum_path": [expected(f"/sum/{a}/{b}", SERVICE.sum_path(a, b)) for a, b in pairs],
        "sum_query": [
            expected(f"/sum?number1={a}&number2={b}", SERVICE.sum_query([a], [b])) for a, b in pairs
        ],
        "echo": [expected(f"/echo/{w}", SERVICE.echo(unquote(w))) for w in words],
        "invalid_addend": [expected(f"/sum/{a}/nan", SERVICE.sum_path(a, "nan")) for a, _ in pairs],
        "unknown_path": [
            expected("/sum/1", SERVICE.not_found()),
            expected("/nope", SERVICE.not_found()),
        ],
    }


MIX = _mix()
"""Every request the load sends, by kind."""

WEIGHTS = {"sum_path": 40, "sum_query": 30, "echo": 20, "invalid_addend": 6, "unknown_path": 4}
"""How often each kind is sent: the locustfile's task weights, and the in-process mix."""


def sequence(size: int, seed: int = 0) -> list[Expected]:
    """The mix as a fixed sequence: the same requests in the same order, for every adapter."""
    rng = random.Random(seed)
    kinds = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()), k=size)
    return [rng.choice(MIX[kind]) for kind in kinds]
