"""An adapter's app behind a wait before each request, as if it first waited on a database.

Only for the benchmark's scenario of when async pays (``loadtests/waiting/``); the
answers stay the contract's, only later. ``python -m impl_<name> --wait-ms N`` serves it,
naming the adapter and the wait in ``WAITING_PACKAGE`` and ``WAITING_SECONDS``. A WSGI
app's thread sleeps through the wait; an ASGI app's coroutine awaits it, leaving its event
loop free for other requests: that is the whole difference the scenario measures.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterable
from typing import Any

from harness.adapters import PREFIX
from harness.adapters import Adapter
from harness.adapters import is_asgi

PACKAGE = os.environ.get("WAITING_PACKAGE", "")
SECONDS = float(os.environ.get("WAITING_SECONDS", "0"))


def waiting(inner: Any, seconds: float) -> Any:
    """The app, each request waiting ``seconds`` first, in the app's own kind of wait."""
    if is_asgi(inner):

        async def asgi_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] == "http":
                await asyncio.sleep(seconds)
            await inner(scope, receive, send)

        return asgi_app

    def wsgi_app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        time.sleep(seconds)
        result: Iterable[bytes] = inner(environ, start_response)
        return result

    return wsgi_app


app = waiting(Adapter(PACKAGE.removeprefix(PREFIX)).create_app(), SECONDS) if PACKAGE else None
