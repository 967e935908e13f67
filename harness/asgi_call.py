"""Call an ASGI app as a server would, with no server: the twin of wsgi_call.py.

A ``Loop`` runs a batch of calls on one event loop, created once: a loop per request would
time the loop's start-up, not the app. The scope is built as uvicorn builds it (``path``
percent-decoded as UTF-8, invalid bytes as U+FFFD; ``raw_path`` and the query as sent).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import Mapping
from http import HTTPStatus
from types import TracebackType
from typing import Any
from urllib.parse import unquote_to_bytes

Scope = dict[str, Any]
Message = dict[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
                   Awaitable[None]]  # fmt: skip

log = logging.getLogger("harness.asgi_call")


def asgi_scope(method: str, target: str, headers: Mapping[str, str] | None = None) -> Scope:
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


async def call_async(
    app: ASGIApp, scope: Scope, body: bytes = b""
) -> tuple[str, list[tuple[str, str]], bytes]:
    """Status line, headers and body. An exception after the answer was sent is logged, as
    servers log it (Starlette re-raises what its 500 handler answered)."""
    asked: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]
    started: list[Message] = []
    chunks: list[bytes] = []

    async def receive() -> Message:
        return asked.pop(0) if asked else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
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


class Loop:
    """One event loop for many calls; ``with Loop() as loop: loop.call(app, scope)``."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    def call(
        self, app: ASGIApp, scope: Scope, body: bytes = b""
    ) -> tuple[str, list[tuple[str, str]], bytes]:
        return self.loop.run_until_complete(call_async(app, scope, body))

    def __enter__(self) -> Loop:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.loop.close()
