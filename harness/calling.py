"""Call a WSGI or ASGI app in this process, as a server would, with no server: one request
(``answer``) or many (``Calls``). The suite, the benchmark and the guide all call apps here.

The request is built as servers build it: a WSGI environ with ``PATH_INFO`` percent-decoded
and tunnelled as latin-1, the query left raw (PEP 3333); an ASGI scope as uvicorn builds it
(``path`` decoded as UTF-8, invalid bytes as U+FFFD; ``raw_path`` and the query as sent).
ASGI calls run on an event loop made once, never one per request: a loop's start-up is not
the app's work.
"""

from __future__ import annotations

import asyncio
import atexit
import io
import logging
import sys
from collections.abc import Mapping
from collections.abc import Sequence
from functools import cache
from http import HTTPStatus
from typing import Any
from urllib.parse import unquote_to_bytes
from wsgiref.util import setup_testing_defaults

from harness.adapters import ASGIApp
from harness.adapters import WSGIApp
from harness.adapters import is_asgi

Event = dict[str, Any]
"""An ASGI message: what ``receive`` returns and ``send`` takes."""
Answered = tuple[str, list[tuple[str, str]], bytes]
"""A status line, the header pairs as sent, and the body."""
Request = tuple[str, str]
"""A method and a target."""
REQUEST: Event = {"type": "http.request", "body": b"", "more_body": False}
log = logging.getLogger("harness.calling")


def wsgi_environ(
    method: str, target: str, headers: Mapping[str, str] | None = None, body: bytes = b""
) -> dict[str, Any]:
    """Request headers become ``HTTP_*`` keys (``CONTENT_TYPE`` and ``CONTENT_LENGTH``
    without the prefix), as PEP 3333 says; a body is ``wsgi.input``, with its length."""
    raw_path, _, query = target.partition("?")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": unquote_to_bytes(raw_path).decode("latin-1"),
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    environ["wsgi.errors"] = sys.stderr  # where a server's log goes, so tests can show it
    for name, value in (headers or {}).items():
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            environ[key] = value
        else:
            environ[f"HTTP_{key}"] = value
    if body:
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
    setup_testing_defaults(environ)
    return environ


def asgi_scope(method: str, target: str, headers: Mapping[str, str] | None = None) -> Event:
    """The HTTP scope a server builds for this request line and these headers."""
    raw_path, _, query = target.partition("?")
    sent = {"host": "localhost", **{name.lower(): value for name, value in (headers or {}).items()}}
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": unquote_to_bytes(raw_path).decode("utf-8", "replace"),
        "raw_path": raw_path.encode("utf-8"),
        "query_string": query.encode("utf-8"),
        "root_path": "",
        "headers": [
            (name.encode("latin-1"), value.encode("latin-1")) for name, value in sent.items()
        ],
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 80),
        "state": {},
    }


def answer(
    app: Any, method: str, target: str, headers: Mapping[str, str] | None = None,
    body: bytes = b"",
) -> Answered:  # fmt: skip
    """One answer from either kind of app, to the request a server would pass it."""
    if is_asgi(app):
        return _loop().run_until_complete(
            _asgi_answer(app, asgi_scope(method, target, headers), body)
        )
    return _wsgi_answer(app, wsgi_environ(method, target, headers, body))


def _wsgi_answer(app: WSGIApp, environ: dict[str, Any]) -> Answered:
    """A 500's ``exc_info`` is recorded, not re-raised, as a server records it."""
    captured: list[tuple[str, list[tuple[str, str]]]] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        captured.append((status, headers))
        return _written

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    status, headers = captured[-1]
    return status, headers, body


async def _asgi_answer(app: ASGIApp, scope: Event, body: bytes = b"") -> Answered:
    """An exception after the answer was sent is logged, as servers log it (Starlette
    re-raises what its 500 handler answered)."""
    asked: list[Event] = [{"type": "http.request", "body": body, "more_body": False}]
    started: list[Event] = []
    chunks: list[bytes] = []

    async def receive() -> Event:
        return asked.pop(0) if asked else {"type": "http.disconnect"}

    async def send(message: Event) -> None:
        if message["type"] == "http.response.start":
            started.append(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    try:
        await app(scope, receive, send)
    except Exception:
        if not started:
            raise
        log.exception("exception after the answer was sent")
    status = started[-1]["status"]
    headers = [(name.decode("latin-1"), value.decode("latin-1"))
               for name, value in started[-1].get("headers", [])]  # fmt: skip
    return f"{status} {HTTPStatus(status).phrase}", headers, b"".join(chunks)


@cache
def _loop() -> asyncio.AbstractEventLoop:
    """The event loop every single ``answer`` runs on, closed when the process ends."""
    loop = asyncio.new_event_loop()
    atexit.register(loop.close)
    return loop


class Calls:
    """``run(n)`` answers ``n`` requests, the given ones in turn; ``one(i)`` answers the i-th.

    For timing and counting: the requests are built once, before any call (building them is
    a server's work), and the answers are not kept; each kind's caller does the least a
    server must (the body joined, ASGI's messages taken), so check the answers first, with
    ``answer``. A fresh copy of each environ or scope every time: apps write into them. Use
    it in a ``with`` block: an ASGI app's event loop is closed at its end.
    """

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


async def _receive() -> Event:
    return REQUEST


async def _taken(message: Event) -> None:
    """ASGI's ``send``: the message is taken, as a server takes it, and dropped."""


def _started(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
    """WSGI's ``start_response``: the same, for the status line and headers."""
    return _written


def _written(data: bytes) -> None:
    """The ``write`` callable ``start_response`` returns, for apps that still use it."""
