"""Raw-socket HTTP for the server tests: bytes a real client library would never send.

All traffic stays on 127.0.0.1, bounded in time.
"""

from __future__ import annotations

import http.client
import io
import socket
import time
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple
from urllib.parse import urlsplit

import pytest

from conformance_tests.grader.http import call_http
from harness.adapters import BASELINES
from harness.adapters import Adapter
from harness.servers.commands import STALLED_CLIENT_SECONDS
from harness.servers.live import LiveServer
from harness.servers.registry import PRODUCTION
from harness.servers.registry import RECIPES
from harness.servers.registry import SERVERS
from harness.servers.registry import Server

OK_BODY = b'{"number1":1.0,"number2":2.0,"total_sum":3.0,"status":200}'
"""The answer to ``GET /sum/1/2``, which every test asks once its abuse is over."""
SUM = b"GET /sum/1/2 HTTP/1.1\r\nHost: t\r\n\r\n"
SUM_AND_CLOSE = b"GET /sum/1/2 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"


def baseline_for(server: str) -> Adapter:
    """The framework-free app of the server's kind (of the server behind, for a recipe such as
    ``nginx+waitress``): in these tests only the server acts, so it stands in for every
    adapter."""
    return Adapter(BASELINES[SERVERS[server.rpartition("+")[2]].interface])


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


def answered_within(url: str, seconds: float) -> bytes:
    """What a fresh client gets for ``GET /sum/1/2`` in ``seconds`` (a server may send the head
    and the body apart)."""
    raw = b""
    with connect(url, timeout=seconds) as sock:
        deadline = time.monotonic() + seconds
        try:
            sock.sendall(SUM_AND_CLOSE)
            while not raw.endswith(OK_BODY) and time.monotonic() < deadline:
                sock.settimeout(max(deadline - time.monotonic(), 0.01))
                if not (chunk := sock.recv(65536)):
                    break
                raw += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    return raw


def assert_answered_within(url: str, seconds: float, meanwhile: str) -> None:
    raw = answered_within(url, seconds)
    assert raw.endswith(OK_BODY), f"no answer within {seconds} s while {meanwhile}: {raw[:200]!r}"


@contextmanager
def clients(url: str, count: int, request: bytes, receive_buffer: int = 0) -> Iterator[None]:
    """``count`` connections that each send ``request`` and then read nothing until the block
    ends (a small ``receive_buffer`` makes a slow reader)."""
    socks: list[socket.socket] = []
    try:
        for _ in range(count):
            sock = connect(url, timeout=5)
            socks.append(sock)
            if receive_buffer:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
            sock.sendall(request)
        yield
    finally:
        for sock in socks:
            sock.close()


class _Unclosable(io.BufferedReader):
    """One buffered reader for a connection's many answers: http.client closes its own."""

    def close(self) -> None:
        pass


class _Feed:
    def __init__(self, reader: io.BufferedReader) -> None:
        self.reader = reader

    def makefile(self, mode: str) -> io.BufferedReader:
        return self.reader


def answers(sock: socket.socket, count: int) -> Iterator[http.client.HTTPResponse]:
    """Up to ``count`` answers read in turn from one connection, each read whole (its body
    in ``.data``); stops at the one that says ``Connection: close``, or when the server
    closes."""
    reader = _Unclosable(socket.SocketIO(sock, "rb"))
    for _ in range(count):
        response = http.client.HTTPResponse(_Feed(reader))  # type: ignore[arg-type]
        try:
            response.begin()
            response.data = response.read()  # type: ignore[attr-defined]
        except (http.client.HTTPException, OSError):
            return
        yield response
        if response.will_close:
            return


class Outcome(NamedTuple):
    seen: str
    """``ok`` (the contract's answer), ``none`` (closed before a byte came: a clean refusal),
    ``cut`` (closed mid-answer) or ``wrong: <the answer>``."""
    closes: bool
    """Whether the connection ends here (the answer said ``Connection: close``, or none came)."""


def outcome(sock: socket.socket, request: bytes = SUM) -> Outcome:
    """What one request on ``sock`` got."""
    raw = b""
    try:
        sock.sendall(request)
        while True:
            head, blank, body = raw.partition(b"\r\n\r\n")
            length = [line for line in head.lower().split(b"\r\n")
                      if line.startswith(b"content-length:")]  # fmt: skip
            if blank and length and len(body) >= int(length[0].split(b":")[1]):
                closes = b"\r\nconnection: close" in head.lower()
                return Outcome("ok" if body == OK_BODY else f"wrong: {raw[:300]!r}", closes)
            if not (chunk := sock.recv(65536)):
                break
            raw += chunk
    except OSError:
        pass
    return Outcome("cut" if raw else "none", True)


class KeptAlive:
    """One client asking ``/sum/1/2`` again and again on one connection, opening another when
    the server closes it; a connect that fails counts as ``refused``."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url = url
        self.timeout = timeout
        self.sock: socket.socket | None = None

    def ask(self) -> str:
        try:
            self.sock = self.sock or connect(self.url, self.timeout)
            seen, closes = outcome(self.sock)
        except OSError:
            seen, closes = "refused", True
        if closes:
            self.close()
        return seen

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None


def each_server(
    test: str, *, recipes: bool = False, where: Callable[[Server], bool] = lambda _: True
) -> list[object]:
    """Every production server for one test (and each deployment recipe, if asked), each
    known gap (harness/servers/known_gaps.py) a strict expected failure: a release that fixes it
    fails the test until the gap is deleted."""
    params: list[object] = []
    servers = {**SERVERS, **RECIPES} if recipes else SERVERS
    names = [*PRODUCTION, *RECIPES] if recipes else PRODUCTION
    for name in names:
        if not where(servers[name]):
            continue
        gap = servers[name].gap(test)
        reason = f"{gap.reason} (mitigation: {gap.mitigation})" if gap else ""
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if gap else []
        params.append(pytest.param(name, marks=marks, id=name))
    return params
