"""Send a raw request target straight into a WSGI or ASGI app, as a server would.

The pytest side's twin of ``grader.http``: the same ``Answer`` from an app in this process.
ASGI apps share one event loop, made on first use.
"""

from __future__ import annotations

import atexit
from collections.abc import Mapping
from functools import cache
from typing import Any

from conformance_tests.grader.http import BROWSER_ORIGIN
from conformance_tests.grader.http import Answer
from conformance_tests.grader.http import header_map
from conformance_tests.grader.run import Sender
from harness.adapters import is_asgi
from harness.asgi_call import Loop
from harness.asgi_call import asgi_scope
from harness.wsgi_call import call_app
from harness.wsgi_call import wsgi_environ


@cache
def _loop() -> Loop:
    loop = Loop()
    atexit.register(loop.loop.close)
    return loop


def call(
    app: Any,
    method: str,
    target: str,
    headers: Mapping[str, str] | None = None,
    sent: bytes = b"",
) -> Answer:
    """Call the app as a server would, with the environ (or scope) a server builds."""
    if is_asgi(app):
        status, pairs, body = _loop().call(app, asgi_scope(method, target, headers), sent)
    else:
        status, pairs, body = call_app(app, wsgi_environ(method, target, headers, sent))
    code, _, reason = status.partition(" ")
    return Answer(int(code), reason, header_map(pairs), body)


def sender(app: Any) -> Sender:
    """The grader's sender for an app in this process, with the Origin the grader sends."""

    def send(method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
        return call(app, method, target, {"Origin": BROWSER_ORIGIN, **headers}, body)

    return send
