"""Send a raw request target straight into a WSGI or ASGI app, as a server would.

The pytest side's twin of ``grader.http``: the same ``Answer`` from an app in this process.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance_tests.grader.http import BROWSER_ORIGIN
from conformance_tests.grader.http import Answer
from conformance_tests.grader.http import header_map
from conformance_tests.grader.run import Sender
from harness.calling import answer


def call(
    app: Any,
    method: str,
    target: str,
    headers: Mapping[str, str] | None = None,
    sent: bytes = b"",
) -> Answer:
    """Call the app as a server would, with the environ (or scope) a server builds."""
    status, pairs, body = answer(app, method, target, headers, sent)
    code, _, reason = status.partition(" ")
    return Answer(int(code), reason, header_map(pairs), body)


def sender(app: Any) -> Sender:
    """The grader's sender for an app in this process, with the Origin the grader sends."""

    def send(method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
        return call(app, method, target, {"Origin": BROWSER_ORIGIN, **headers}, body)

    return send
