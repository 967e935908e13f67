"""Call either kind of app many times in-process, as the benchmark's in-process views do.

A WSGI app is called directly; an ASGI app's calls run on one event loop made once, a
whole run of them inside one ``run_until_complete``, so the loop's start-up is not what
is measured. Requests are built once, before any call: building them is a server's work.
The answers are not kept: each kind's caller does the least a server must (the body
joined, ASGI's messages taken), so check the answers first, with ``answer``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from harness.adapters import is_asgi
from harness.asgi_call import Message
from harness.asgi_call import asgi_scope
from harness.wsgi_call import wsgi_environ

Request = tuple[str, str]
"""A method and a target."""
REQUEST: Message = {"type": "http.request", "body": b"", "more_body": False}


class Calls:
    """``run(n)`` answers ``n`` requests, the given ones in turn; ``one(i)`` answers the i-th.
    A fresh copy of each environ or scope every time: apps write into them. Use it in a
    ``with`` block: an ASGI app's event loop is closed at its end."""

    def __init__(self, app: Any, requests: Sequence[Request]) -> None:
        self.app = app
        self.loop: asyncio.AbstractEventLoop | None = None
        if is_asgi(app):
            self.prepared = [asgi_scope(method, target) for method, target in requests]
            self.loop = asyncio.new_event_loop()
        else:
            self.prepared = [wsgi_environ(method, target) for method, target in requests]

    async def _many(self, start: int, count: int) -> None:
        prepared, size, app = self.prepared, len(self.prepared), self.app
        for number in range(start, start + count):
            await app(dict(prepared[number % size]), _receive, _taken)

    def run(self, count: int, start: int = 0) -> None:
        if self.loop is not None:
            self.loop.run_until_complete(self._many(start, count))
            return
        prepared, size, app = self.prepared, len(self.prepared), self.app
        for number in range(start, start + count):
            result = app(dict(prepared[number % size]), _started)
            try:
                b"".join(result)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()

    def one(self, number: int) -> None:
        self.run(1, number)

    def __enter__(self) -> Calls:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.loop is not None:
            self.loop.close()


async def _receive() -> Message:
    return REQUEST


async def _taken(message: Message) -> None:
    """ASGI's ``send``: the message is taken, as a server takes it, and dropped."""


def _started(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
    """WSGI's ``start_response``: the same, for the status line and headers."""
    return _written


def _written(data: bytes) -> None:
    """The ``write`` callable ``start_response`` returns, for apps that still use it."""
