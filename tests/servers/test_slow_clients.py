"""Clients that hold connections instead of sending bad bytes: slow readers, idle keep-alive
hoarders, lingerers, connect storms, deep pipelines and half-closes.

Each production server, and nginx in front of waitress (the tested deployment recipe), must
go on answering a fresh client within a stated time, and cut or garble no answer. What only
a server release can fix is a known gap of that server (harness/servers/known_gaps.py), a
strict xfail. Bounded in time and count; 127.0.0.1 only.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest

from harness.servers.live import LiveServer
from tests.servers.raw_http import OK_BODY
from tests.servers.raw_http import SUM
from tests.servers.raw_http import answered_within
from tests.servers.raw_http import answers
from tests.servers.raw_http import assert_answered_within
from tests.servers.raw_http import assert_still_serving
from tests.servers.raw_http import clients
from tests.servers.raw_http import connect
from tests.servers.raw_http import each_server

pytestmark = pytest.mark.live

FRESH_WITHIN = 5.0
"""How long a fresh client may wait for ``/sum/1/2`` while others misbehave."""
BIG_ECHO = b"GET /echo/" + b"%F0%9F%98%80" * 4000 + b" HTTP/1.1\r\nHost: t\r\n\r\n"
"""A 48 KB answer: more than a socket's buffers hold for a client that reads nothing."""


@pytest.mark.parametrize("server", each_server("slow-readers", recipes=True), indirect=True)
def test_clients_that_never_read_their_answer_do_not_lock_others_out(server: LiveServer) -> None:
    with clients(server.url, 200, BIG_ECHO, receive_buffer=4096):
        time.sleep(1)
        assert_answered_within(server.url, FRESH_WITHIN, "200 clients read nothing")
    assert_still_serving(server)


@pytest.mark.parametrize("server", each_server("idle", recipes=True), indirect=True)
def test_idle_keep_alive_connections_do_not_lock_others_out(server: LiveServer) -> None:
    """1,100: beyond granian's default backpressure (1,024) and waitress's connection limit."""
    with clients(server.url, 1100, SUM):
        time.sleep(1)
        assert_answered_within(server.url, FRESH_WITHIN, "1,100 connections sat idle")
    assert_still_serving(server)


@pytest.mark.parametrize("server", each_server("lingering", recipes=True), indirect=True)
def test_a_client_that_keeps_its_socket_after_the_answer_holds_no_one_up(
    server: LiveServer,
) -> None:
    for _ in range(3):
        with connect(server.url) as sock:
            sock.sendall(SUM)
            raw = b""
            while not raw.endswith(OK_BODY) and (chunk := sock.recv(65536)):
                raw += chunk
            assert raw.endswith(OK_BODY), raw[:300]
            assert_answered_within(server.url, 1.0, "another client kept its socket open")
    assert_still_serving(server)


def _storm(url: str, count: int, errors: list[OSError]) -> None:
    for number in range(count):
        try:
            with connect(url, timeout=5) as sock:
                if number % 2:  # close with a reset (RST), not a FIN
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
        except OSError as error:
            errors.append(error)


@pytest.mark.parametrize("server", each_server("storm", recipes=True), indirect=True)
def test_a_connect_storm_with_resets_locks_no_one_out(server: LiveServer) -> None:
    errors: list[OSError] = []
    storm = threading.Thread(target=_storm, args=(server.url, 3000, errors), daemon=True)
    storm.start()
    time.sleep(0.2)
    meanwhile = answered_within(server.url, FRESH_WITHIN)
    storm.join(60)
    assert not storm.is_alive(), "3,000 connects took more than 60 s"
    assert meanwhile.endswith(OK_BODY), f"no answer within {FRESH_WITHIN} s during the storm"
    assert len(errors) <= 30, f"{len(errors)} of 3,000 connects failed, e.g. {errors[0]}"
    assert_still_serving(server)


@pytest.mark.parametrize("server", each_server("pipelining", recipes=True), indirect=True)
def test_pipelined_requests_are_answered_whole_and_in_order(server: LiveServer) -> None:
    """500 requests before reading a byte. A server may stop early, but only after an answer
    that says ``Connection: close`` (RFC 9112 9.3.2: the client sends the rest again)."""
    pipeline = b"".join(b"GET /echo/p%d HTTP/1.1\r\nHost: t\r\n\r\n" % n for n in range(500))
    with connect(server.url, timeout=20) as sock:
        sock.sendall(pipeline)
        got = [(answer.status, answer.data, answer.will_close)  # type: ignore[attr-defined]
               for answer in answers(sock, 500)]  # fmt: skip
    assert got, "no answer to 500 pipelined requests"
    for number, (status, body, _) in enumerate(got):
        assert (status, body) == (200, b'{"echo":"p%d p%d"}' % (number, number)), number
    assert len(got) == 500 or got[-1][2], f"{len(got)} answers, the last without Connection: close"
    assert_still_serving(server)


@pytest.mark.parametrize("server", each_server("half-close", recipes=True), indirect=True)
def test_a_request_followed_by_a_half_close_is_answered(server: LiveServer) -> None:
    """The client says it will send nothing more (FIN), and still reads: it gets its answer,
    every one of 10 times (granian answered none of 5 in the probe, and of 3 in the tests)."""
    for _ in range(10):
        with connect(server.url, timeout=FRESH_WITHIN) as sock:
            sock.sendall(SUM)
            sock.shutdown(socket.SHUT_WR)
            raw = b""
            try:  # until the whole answer: hypercorn keeps its side open after it
                while not raw.endswith(OK_BODY) and (chunk := sock.recv(65536)):
                    raw += chunk
            except (TimeoutError, ConnectionResetError):
                pass
        assert raw.startswith(b"HTTP/1.1 200") and raw.endswith(OK_BODY), raw[:300]
    assert_still_serving(server)
