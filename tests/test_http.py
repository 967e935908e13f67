"""How the grader talks to a server: the URL it accepts, the first request, HEAD on the wire.

Each test starts a tiny HTTP server of its own on 127.0.0.1, in this process.
"""

from __future__ import annotations

import socket
import threading
import time
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


def read_request(connection: socket.socket) -> bytes:
    """One whole request: the head, then as many body bytes as its Content-Length says."""
    data = b""
    while b"\r\n\r\n" not in data and (chunk := connection.recv(65536)):
        data += chunk
    head = data.partition(b"\r\n\r\n")[0].lower()
    length = int(head.partition(b"content-length:")[2].split(b"\r\n")[0] or 0)
    while len(data.partition(b"\r\n\r\n")[2]) < length and (chunk := connection.recv(65536)):
        data += chunk
    return data


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
                request = read_request(connection)
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


@contextmanager
def paced_server(parts: list[bytes], pause: float) -> Iterator[str]:
    """A server that sends its answer in parts, ``pause`` seconds apart, and then keeps the
    connection open (as a kept-alive server does) until the test ends."""
    listener = socket.create_server(("127.0.0.1", 0))
    ended = threading.Event()

    def serve() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            for part in parts:
                connection.sendall(part)
                ended.wait(pause)
            ended.wait(10)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        ended.set()
        thread.join()
        listener.close()


HEAD_ANSWER = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n"


def test_a_head_body_sent_late_on_an_open_connection_is_still_seen_and_soon() -> None:
    with paced_server([HEAD_ANSWER[:20], HEAD_ANSWER[20:], b"{}"], 0.05) as url:
        started = time.monotonic()
        answer = send(url + "/app/", "head", "/sum/1/2", {}, timeout=3)
        took = time.monotonic() - started
    assert (answer.status, answer.body) == (200, b"{}")
    assert took < 2, "the grader waited for the timeout instead of the body's short wait"


def test_a_head_goes_to_the_base_urls_path_and_ends_where_http_says() -> None:
    with raw_server(ok(b"")) as (url, seen):
        send(url + "/app/", "HEAD", "/sum/1/2", {})
    host = url.removeprefix("http://")
    assert (
        seen[0]
        == (
            f"HEAD /app/sum/1/2 HTTP/1.1\r\nHost: {host}\r\nOrigin: {BROWSER_ORIGIN}\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
    )


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_server_that_never_answers_is_given_up_on_after_the_timeout(method: str) -> None:
    listener = socket.create_server(("127.0.0.1", 0))  # connects succeed; nothing is read
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    started = time.monotonic()
    with listener, pytest.raises(OSError):
        send(url, method, "/sum/1/2", {}, timeout=0.3)
    assert time.monotonic() - started < 3


def test_a_redirect_is_an_answer_not_followed_and_the_reason_is_kept() -> None:
    moved = b"HTTP/1.1 308 Moved Here\r\nLocation: /sum/1/2/\r\nContent-Length: 0\r\n\r\n"
    with raw_server(lambda request: moved) as (url, seen):
        answer = send(url, "GET", "/sum/1/2", {})
    assert (answer.status, answer.reason, answer.header("location")) == (
        308,
        "Moved Here",
        "/sum/1/2/",
    )
    assert len(seen) == 1


def test_preflight_says_why_it_cannot_check() -> None:
    with socket.create_server(("127.0.0.1", 0)) as free:
        url = f"http://127.0.0.1:{free.getsockname()[1]}"
    with pytest.raises(Unusable) as refused:
        preflight(url)
    assert str(refused.value) == (
        f"cannot check {url}: nothing is listening there (connection refused)"
    )
