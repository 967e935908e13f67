"""Send a raw request target over HTTP, and reduce the response to what the contract speaks of.

Only ``requests`` is needed: the light install checks a URL without loading any
framework. A HEAD is sent on a socket of its own and read byte by byte, because
HTTP client libraries never read a HEAD's body: a server that sends one anyway
would pass unseen, and desynchronise the next answer on a kept-alive connection.
"""

from __future__ import annotations

import io
import socket
import ssl
import time
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from http.client import HTTPResponse
from http.client import RemoteDisconnected
from urllib.parse import urlsplit

import requests

SERVER_HEADERS = frozenset({"date", "server", "connection", "keep-alive", "transfer-encoding"})
"""Added by the HTTP server, not the adapter: left out when answers are compared."""
TIMEOUT = 5.0
"""Seconds to wait for one answer: this service answers in milliseconds."""
BROWSER_ORIGIN = "http://grader.example"
"""Sent as ``Origin`` with every request, as a browser's cross-origin ``fetch`` sends it."""
HEAD_BODY_WAIT = 0.25
"""After a HEAD's headers, how long to wait for body bytes that should never come."""


@dataclass(frozen=True)
class Answer:
    """A response reduced to what the contract speaks about. Header names are lower-case."""

    status: int
    reason: str
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def comparable(self) -> tuple[int, str, tuple[tuple[str, str], ...], bytes]:
        """Everything the adapter decides; server-added headers left out."""
        own = sorted((k, v) for k, v in self.headers.items() if k not in SERVER_HEADERS)
        return self.status, self.reason, tuple(own), self.body


def header_map(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Header names in lower case; a header the app sent twice is a bug in the app."""
    headers: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower()
        if key in headers and key not in SERVER_HEADERS:
            raise AssertionError(f"header {name!r} sent twice")
        headers[key] = value
    return headers


def _received(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Header names in lower case, from a server we grade: a repeated header is kept, joined."""
    headers: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


def call_http(
    base_url: str,
    method: str,
    target: str,
    headers: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT,
    session: requests.Session | None = None,
    body: bytes = b"",
) -> Answer:
    """Send the target exactly as written (requests would otherwise re-quote it)."""
    own = session is None
    session = session or requests.Session()
    try:
        prepared = session.prepare_request(
            requests.Request(method, base_url, headers=dict(headers or {}), data=body or None)
        )
        prepared.url = base_url.rstrip("/") + target
        prepared.method = method  # requests would upper-case it
        response = session.send(prepared, allow_redirects=False, timeout=timeout)
    finally:
        if own:
            session.close()
    return Answer(
        response.status_code,
        response.reason,
        _received(response.raw.headers.items()),
        response.content,
    )


def _connect(base_url: str, timeout: float) -> socket.socket:
    parts = urlsplit(base_url)
    secure = parts.scheme == "https"
    host = parts.hostname or ""
    sock = socket.create_connection((host, parts.port or (443 if secure else 80)), timeout)
    if secure:
        return ssl.create_default_context().wrap_socket(sock, server_hostname=host)
    return sock


def _read_head_answer(sock: socket.socket, timeout: float) -> bytes:
    """Everything the server sends: until it closes, or a moment after the headers end."""
    data = b""
    deadline = time.monotonic() + timeout
    while True:
        ended = b"\r\n\r\n" in data
        wait = HEAD_BODY_WAIT if ended else deadline - time.monotonic()
        if wait <= 0:
            raise TimeoutError("no complete answer in time")
        sock.settimeout(wait)
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            if ended:
                return data
            raise
        if not chunk:
            return data
        data += chunk


class _Bytes:
    """What ``HTTPResponse`` reads a response from, when the bytes are already here."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def makefile(self, mode: str) -> io.BytesIO:
        return io.BytesIO(self.data)


def call_head(
    base_url: str, target: str, headers: Mapping[str, str] | None = None, timeout: float = TIMEOUT
) -> Answer:
    """A HEAD on its own connection: the headers parsed, and any bytes after them as the body."""
    parts = urlsplit(base_url)
    fields = {"host": ("Host", parts.netloc)}  # a case may send a Host of its own instead
    fields |= {name.lower(): (name, value) for name, value in (headers or {}).items()}
    fields["connection"] = ("Connection", "close")
    lines = [f"HEAD {parts.path.rstrip('/')}{target} HTTP/1.1"]
    lines += [f"{name}: {value}" for name, value in fields.values()]
    request = "\r\n".join([*lines, "", ""]).encode("utf-8")
    with _connect(base_url, timeout) as sock:
        sock.sendall(request)
        data = _read_head_answer(sock, timeout)
    if not data:
        raise RemoteDisconnected("closed without an answer")
    response = HTTPResponse(_Bytes(data), method="HEAD")  # type: ignore[arg-type]
    response.begin()
    assert response.fp is not None
    body = response.fp.read()  # what follows the headers: for a HEAD, nothing
    return Answer(response.status, response.reason, _received(response.getheaders()), body)


def send(
    base_url: str,
    method: str,
    target: str,
    headers: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT,
    session: requests.Session | None = None,
    body: bytes = b"",
) -> Answer:
    """One request as the grader sends it: with a browser's Origin; a HEAD read to the byte."""
    with_origin = {"Origin": BROWSER_ORIGIN, **(headers or {})}
    if method.upper() == "HEAD":
        return call_head(base_url, target, with_origin, timeout)
    return call_http(base_url, method, target, with_origin, timeout, session, body)
