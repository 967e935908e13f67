"""The request mix's probes: each request with the exact answer core says it must get.

Kept apart from the locustfile so that the benchmark and the tests can use them
without importing Locust (which monkey-patches the whole process for gevent).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from urllib.parse import unquote

from core import SERVICE
from core import Reply

WINDOW_MARK = "loadtests-window"
"""Logged when the measured window starts and stops; the benchmark watches for it."""


@dataclass(frozen=True)
class Probe:
    """One request and the exact answer core says it must get."""

    path: str
    status: int
    body: bytes


def probe(path: str, reply: Reply) -> Probe:
    return Probe(path, reply.status, reply.body)


def _numbers(rng: random.Random) -> tuple[str, str]:
    return str(rng.randint(-9999, 9999)), f"{rng.uniform(-1000, 1000):.3f}"


def _probes(seed: int = 42, variants: int = 64) -> dict[str, list[Probe]]:
    """Requests built once, so the load generator spends its CPU on sending them."""
    rng = random.Random(seed)
    pairs = [_numbers(rng) for _ in range(variants)]
    words = ["hello", "caf%C3%A9", "%E6%97%A5%E6%9C%AC", "load%20test", "x" * 64]
    return {
        "sum_path": [probe(f"/sum/{a}/{b}", SERVICE.sum_path(a, b)) for a, b in pairs],
        "sum_query": [
            probe(f"/sum?number1={a}&number2={b}", SERVICE.sum_query([a], [b])) for a, b in pairs
        ],
        "echo": [probe(f"/echo/{w}", SERVICE.echo(unquote(w))) for w in words],
        "invalid_addend": [probe(f"/sum/{a}/nan", SERVICE.sum_path(a, "nan")) for a, _ in pairs],
        "unknown_path": [probe("/sum/1", SERVICE.not_found()), probe("/nope", SERVICE.not_found())],
    }


PROBES = _probes()

WEIGHTS = {"sum_path": 40, "sum_query": 30, "echo": 20, "invalid_addend": 6, "unknown_path": 4}
"""How often each kind is sent: the locustfile's task weights, and the in-process mix."""
