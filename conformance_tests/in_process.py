"""Send a raw request target straight into a WSGI callable, as a server would.

The pytest side's twin of ``grader.http``: the same ``Answer`` from an app in this process.
"""

from __future__ import annotations

from collections.abc import Mapping

from conformance_tests.grader.http import BROWSER_ORIGIN
from conformance_tests.grader.http import Answer
from conformance_tests.grader.http import header_map
from conformance_tests.grader.run import Sender
from harness.adapters import WSGIApp
from harness.wsgi_call import call_app
from harness.wsgi_call import wsgi_environ


def call_wsgi(
    app: WSGIApp,
    method: str,
    target: str,
    headers: Mapping[str, str] | None = None,
    sent: bytes = b"",
) -> Answer:
    """Call the app as a server would, with the environ a server builds for the request."""
    status, pairs, body = call_app(app, wsgi_environ(method, target, headers, sent))
    code, _, reason = status.partition(" ")
    return Answer(int(code), reason, header_map(pairs), body)


def sender(app: WSGIApp) -> Sender:
    """The grader's sender for an app in this process, with the Origin the grader sends."""

    def send(method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
        return call_wsgi(app, method, target, {"Origin": BROWSER_ORIGIN, **headers}, body)

    return send
