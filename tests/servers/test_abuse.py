"""Each production server, with each adapter, under abuse a client can commit.

Every abuse must end in a clean error or a closed connection, and the server
must go on answering correctly afterwards. Bounded in time and in count; all
traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from harness.adapters import Adapter
from harness.servers.commands import STALLED_CLIENT_SECONDS
from harness.servers.live import LiveServer
from harness.servers.live import serve
from tests.servers.raw_http import OK_BODY
from tests.servers.raw_http import assert_refused
from tests.servers.raw_http import assert_still_serving
from tests.servers.raw_http import connect
from tests.servers.raw_http import each_server
from tests.servers.raw_http import exchange
from tests.servers.raw_http import status_of

HUGE = 2 * 1024 * 1024


@pytest.fixture
def abused(adapter: Adapter, production_server: str) -> Iterator[LiveServer]:
    """A fresh server per test: abuse must not leak from one test into the next. Each adapter
    meets every production server of its kind (WSGI or ASGI)."""
    with serve(adapter, production_server) as live:
        yield live


def test_oversized_request_line(abused: LiveServer) -> None:
    request = b"GET /echo/" + b"a" * HUGE + b" HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
    assert_refused(exchange(abused.url, request))
    assert_still_serving(abused)


def test_oversized_header(abused: LiveServer) -> None:
    header = b"X-Big: " + b"b" * HUGE + b"\r\n"
    request = b"GET /sum/1/2 HTTP/1.1\r\nHost: t\r\n" + header + b"Connection: close\r\n\r\n"
    assert_refused(exchange(abused.url, request))
    assert_still_serving(abused)


def test_half_request_then_give_up(abused: LiveServer) -> None:
    with connect(abused.url) as sock:
        sock.sendall(b"GET /sum/1/2 HTTP/1.1\r\nHost: t\r\n")  # no blank line: never finished
        time.sleep(1)
    assert_still_serving(abused)


def test_disconnect_mid_response(abused: LiveServer) -> None:
    request = b"GET /echo/" + b"%F0%9F%98%80" * 4000 + b" HTTP/1.1\r\nHost: t\r\n\r\n"
    for _ in range(20):
        with connect(abused.url) as sock:
            sock.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            sock.sendall(request)
            sock.recv(100)  # then reset the connection with most of the answer unread
    assert_still_serving(abused)


def test_burst_of_connections(abused: LiveServer) -> None:
    request = b"GET /sum/1/2 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"

    def one(_: int) -> bytes | None:
        try:
            return exchange(abused.url, request, timeout=30)
        except OSError:
            return None  # refused or reset: a clean failure under overload

    with ThreadPoolExecutor(max_workers=100) as pool:
        raws = list(pool.map(one, range(300)))
    answered = [raw for raw in raws if raw]
    assert answered, "not a single connection was served"
    for raw in answered:
        assert status_of(raw) == 200 and raw.endswith(OK_BODY), raw[:300]
    assert_still_serving(abused)


@pytest.mark.parametrize("server", each_server("stalled", recipes=True), indirect=True)
def test_server_drops_a_stalled_client(server: LiveServer) -> None:
    with connect(server.url, timeout=STALLED_CLIENT_SECONDS + 10) as sock:
        sock.sendall(b"GET /sum/1/2 HTTP/1.1\r\nHost: t\r\n")
        started = time.monotonic()
        try:
            raw = sock.recv(65536)
        except ConnectionResetError:
            raw = b""
        waited = time.monotonic() - started
        assert_refused(raw)
        assert waited < STALLED_CLIENT_SECONDS + 10, (
            f"{server.server} kept a stalled client {waited:.0f} s"
        )
        assert_still_serving(server)
