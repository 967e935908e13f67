"""How the grader talks to a server: the URL it accepts, the first request, HEAD on the wire.

Each test starts a tiny HTTP server of its own on 127.0.0.1, in this process.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from conformance_tests.grader.http import BROWSER_ORIGIN
from conformance_tests.grader.http import call_head
from conformance_tests.grader.http import send
from conformance_tests.grader.run import Unusable
from conformance_tests.grader.run import normalize
from conformance_tests.grader.run import preflight
from conformance_tests.grader.run import sender

Reply = Callable[[bytes], bytes]


@contextmanager
def raw_server(reply: Reply) -> Iterator[tuple[str, list[bytes]]]:
    """A server that answers each connection's request with ``reply(request)``; it records
    every request it got."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    seen: list[bytes] = []
    done = threading.Event()

    def loop() -> None:
        while not done.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(2)
                request = connection.recv(65536)
                seen.append(request)
                connection.sendall(reply(request))

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", seen
    finally:
        done.set()
        thread.join()
        listener.close()


def ok(body: bytes, extra: bytes = b"") -> Reply:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n" % len(
        body
    )
    return lambda request: head + extra + b"Connection: close\r\n\r\n" + body


@pytest.mark.parametrize(
    ("url", "normal"),
    [("http://127.0.0.1:5000/", "http://127.0.0.1:5000"), ("https://h/app/", "https://h/app"),
     ("http://h", "http://h")],
)  # fmt: skip
def test_a_base_url_is_kept_without_its_last_slash(url: str, normal: str) -> None:
    assert normalize(url) == normal


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("127.0.0.1:5000", "'127.0.0.1:5000' is not an http:// URL: did you mean http://127.0.0.1:5000?"),
        ("ftp://h/", "'ftp://h/' is not an http:// URL: did you mean http://h/?"),
        ("http://", "'http://' is not an http:// URL: did you mean http://?"),
        ("http://h/?x=1", "'http://h/?x=1': give the server's base URL, without ? or #"),
        ("http://h/#top", "'http://h/#top': give the server's base URL, without ? or #"),
    ],
)  # fmt: skip
def test_a_url_that_cannot_be_a_base_says_what_to_type(url: str, said: str) -> None:
    with pytest.raises(Unusable) as refused:
        normalize(url)
    assert str(refused.value) == said


def test_preflight_asks_once_and_keeps_the_url() -> None:
    with raw_server(ok(b"{}")) as (url, seen):
        assert preflight(url + "/") == url
    assert seen[0].startswith(b"GET /sum/42/117 HTTP/1.1\r\n")
    assert f"Origin: {BROWSER_ORIGIN}".encode() in seen[0]


def test_a_head_is_read_to_the_byte() -> None:
    body = b'{"total_sum":3}'
    with raw_server(ok(body)) as (url, seen):
        answer = call_head(url, "/sum/1/2", {"Host": "a..b", "X-N": "1"})
    assert (answer.status, answer.reason, answer.body) == (200, "OK", body)
    assert answer.header("Content-Length") == str(len(body))
    request = seen[0].decode()
    assert request.startswith("HEAD /sum/1/2 HTTP/1.1\r\n")
    assert request.count("Host:") == 1 and "Host: a..b\r\n" in request  # the case's own Host
    assert "Connection: close\r\n" in request and "X-N: 1\r\n" in request


def test_a_head_without_a_body_and_repeated_headers() -> None:
    with raw_server(ok(b"", b"Vary: Origin\r\nVary: Accept\r\n")) as (url, _):
        answer = send(url, "HEAD", "/echo/a", {})
    assert answer.body == b"" and answer.header("vary") == "Origin, Accept"


def test_a_server_that_closes_at_once_answers_nothing() -> None:
    with raw_server(lambda request: b"") as (url, _), pytest.raises(OSError):
        call_head(url, "/", timeout=2)


def test_the_sender_sends_to_its_base_url_with_a_browsers_origin() -> None:
    with raw_server(ok(b'{"a":1}')) as (url, seen):
        answer = sender(url + "/app", 2)("POST", "/sum/1/2", {"X-Y": "z"}, b"number1=1")
    assert (answer.status, answer.body, answer.header("content-type")) == (
        200,
        b'{"a":1}',
        "application/json",
    )
    assert seen[0].startswith(b"POST /app/sum/1/2 HTTP/1.1\r\n") and b"X-Y: z" in seen[0]
    assert f"Origin: {BROWSER_ORIGIN}".encode() in seen[0]
    assert seen[0].endswith(b"\r\n\r\nnumber1=1") and b"Content-Length: 9" in seen[0]
