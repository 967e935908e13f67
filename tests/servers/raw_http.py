"""Raw-socket HTTP for the server tests: bytes a real client library would never send.

All traffic stays on 127.0.0.1, bounded in time.
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest

from conformance_tests.grader.http import call_http
from harness.live import LiveServer
from harness.server_commands import STALLED_CLIENT_SECONDS
from harness.servers import PRODUCTION
from harness.servers import SERVERS

OK_BODY = b'{"number1":1.0,"number2":2.0,"total_sum":3.0,"status":200}'
"""The answer to ``GET /sum/1/2``, which every test asks once its abuse is over."""


def connect(url: str, timeout: float = 10.0) -> socket.socket:
    parts = urlsplit(url)
    return socket.create_connection((parts.hostname, parts.port), timeout=timeout)


def exchange(url: str, data: bytes, timeout: float = 10.0) -> bytes:
    """Send raw bytes, read until the server closes; a reset counts as a close."""
    chunks: list[bytes] = []
    with connect(url, timeout) as sock:
        try:
            sock.sendall(data)
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except (ConnectionResetError, BrokenPipeError):
            pass
    return b"".join(chunks)


def status_of(raw: bytes) -> int | None:
    """The status code of a raw response, or None when the server just closed."""
    if not raw:
        return None
    return int(raw.split(b" ", 2)[1])


def assert_still_serving(live: LiveServer) -> None:
    answer = call_http(live.url, "GET", "/sum/1/2", timeout=STALLED_CLIENT_SECONDS + 10)
    assert (answer.status, answer.body) == (200, OK_BODY)


def assert_refused(raw: bytes) -> None:
    status = status_of(raw)
    assert status is None or 400 <= status < 500, raw[:300]


def each_server(test: str) -> list[object]:
    """Every production server for one test, each known gap (harness/servers.py) a strict
    expected failure: a release that fixes it fails the test until the gap is deleted."""
    params: list[object] = []
    for name in PRODUCTION:
        gap = SERVERS[name].gap(test)
        reason = f"{gap.reason} (mitigation: {gap.mitigation})" if gap else ""
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if gap else []
        params.append(pytest.param(name, marks=marks, id=name))
    return params
