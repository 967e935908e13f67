"""WSGI apps whose work is known, for testing the cost view's counting without any timing."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from typing import Any

KEPT: list[bytes] = []
"""What the leaking app keeps: a leak on purpose."""


def route(path: str) -> int:
    """The number in ``/work/<n>``."""
    return int(path.rsplit("/", 1)[1])


def work(times: int) -> int:
    total = 0
    for number in range(times):
        total += number
    return total


def counting(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """Runs ``work(n)``: its bytecodes grow by the same step for each step of n."""
    body = str(work(route(environ["PATH_INFO"]))).encode()
    start_response("200 OK", [("Content-Length", str(len(body)))])
    return [body]


def leaking(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """Keeps 100 bytes of every request, and holds 100 KB while it answers."""
    held = bytearray(100_000)
    KEPT.append(bytes(100))
    start_response("200 OK", [])
    return [bytes(held[:1])]


def tidy(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """Holds 100 KB while it answers, keeps nothing."""
    held = bytearray(100_000)
    start_response("200 OK", [])
    return [bytes(held[:1])]
