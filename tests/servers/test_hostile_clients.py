"""What a hostile client can do to each production server, found by raw-socket probes.

Only the server acts in these (framing, limits, headers it interprets), so the
baseline app stands in for every adapter. Each server must refuse cleanly, or
answer as the contract says, and go on serving everyone else. What only a
server release can fix is a known gap of that server (harness/servers/known_gaps.py), a
strict xfail here.
"""

from __future__ import annotations

import socket
import time

import pytest

from harness.servers.commands import MAX_REQUEST_BODY
from harness.servers.live import LiveServer
from tests.servers.raw_http import assert_answered_within
from tests.servers.raw_http import assert_refused
from tests.servers.raw_http import assert_still_serving
from tests.servers.raw_http import connect
from tests.servers.raw_http import each_server
from tests.servers.raw_http import exchange
from tests.servers.raw_http import status_of

pytestmark = pytest.mark.live


@pytest.mark.parametrize("server", each_server("script_name", recipes=True), indirect=True)
def test_a_script_name_header_does_not_reroute(server: LiveServer) -> None:
    """gunicorn trusted SCRIPT_NAME from 127.0.0.1: any local client could re-route."""
    moved = b"GET /x/sum/1/2 HTTP/1.1\r\nHost: t\r\nSCRIPT_NAME: /x\r\nConnection: close\r\n\r\n"
    assert status_of(exchange(server.url, moved)) in (400, 404)
    stray = b"GET /sum/1/2 HTTP/1.1\r\nHost: t\r\nSCRIPT_NAME: /y\r\nConnection: close\r\n\r\n"
    raw = exchange(server.url, stray)
    assert status_of(raw) in (200, 400) and b"<html" not in raw.lower(), raw[:300]
    assert_still_serving(server)


@pytest.mark.parametrize("server", each_server("body", recipes=True), indirect=True)
def test_a_huge_body_is_refused_before_it_is_read(server: LiveServer) -> None:
    """50 MB announced, 2 MB sent: the server must answer without waiting for the rest."""
    head = b"POST /sum/1/2 HTTP/1.1\r\nHost: t\r\nContent-Length: 50000000\r\n\r\n"
    with connect(server.url, timeout=5) as sock:
        sock.sendall(head)
        try:
            for _ in range(32):
                sock.sendall(b"x" * 65536)
            raw = sock.recv(65536)
        except (ConnectionResetError, BrokenPipeError):
            raw = b""  # closed on us: refused
        except TimeoutError:
            pytest.fail("no answer after 2 MB of a 50 MB body: the server is reading it all")
    assert status_of(raw) in (None, 405, 413), raw[:300]
    assert_still_serving(server)
    assert MAX_REQUEST_BODY <= 1024 * 1024


SMUGGLED = b"GET /echo/smuggled HTTP/1.1\r\nHost: t\r\n\r\n"
"""Follows each ambiguous request: a request that must not be answered."""


def assert_nothing_smuggled(server: LiveServer, ambiguous: bytes) -> None:
    raw = exchange(server.url, ambiguous + SMUGGLED, timeout=5)
    assert b"smuggled" not in raw, raw[:500]
    assert_still_serving(server)


@pytest.mark.parametrize("server", each_server("framing", recipes=True), indirect=True)
def test_content_length_with_chunked_closes_the_connection(server: LiveServer) -> None:
    """The connection must end after the first answer (RFC 9112 6.1): nothing is smuggled."""
    ambiguous = (b"POST /sum/1/2 HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
                 b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")  # fmt: skip
    assert_nothing_smuggled(server, ambiguous)


@pytest.mark.parametrize("server", each_server("framing-http10", recipes=True), indirect=True)
def test_chunked_in_http_10_closes_the_connection(server: LiveServer) -> None:
    """HTTP/1.0 has no chunked coding: its framing is unknown, so the connection must end."""
    ambiguous = (b"POST /sum/1/2 HTTP/1.0\r\nHost: t\r\nConnection: keep-alive\r\n"
                 b"Transfer-Encoding: chunked\r\n\r\n")  # fmt: skip
    assert_nothing_smuggled(server, ambiguous)


@pytest.mark.parametrize("server", each_server("tab", recipes=True), indirect=True)
def test_a_raw_tab_in_the_target_is_refused(server: LiveServer) -> None:
    raw = exchange(server.url, b"GET /echo/a\tb HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
    assert_refused(raw)
    assert_still_serving(server)


@pytest.mark.parametrize("server", each_server("slow", recipes=True), indirect=True)
def test_clients_that_drip_bytes_do_not_lock_others_out(server: LiveServer) -> None:
    """120 connections each sending a header byte every second; a normal request meanwhile."""
    drips: list[socket.socket] = []
    try:
        for _ in range(120):
            sock = connect(server.url, timeout=5)
            sock.sendall(b"GET /sum/1/2 HTTP/1.1\r\nHost: t\r\n")
            drips.append(sock)
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline:
            for sock in drips:
                try:
                    sock.sendall(b"X")
                except OSError:
                    pass
            time.sleep(1)
        assert_answered_within(server.url, 4, "others dripped")
    finally:
        for sock in drips:
            sock.close()
