"""Send a raw request target over HTTP, and reduce the response to what the contract speaks of.

Only ``requests`` is needed: the light install checks a URL without loading any framework.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass

import requests

SERVER_HEADERS = frozenset({"date", "server", "connection", "keep-alive", "transfer-encoding"})
"""Added by the HTTP server, not the adapter: left out when answers are compared."""
TIMEOUT = 5.0
"""Seconds to wait for one answer: this service answers in milliseconds."""


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
    headers: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower()
        if key in headers and key not in SERVER_HEADERS:
            raise AssertionError(f"header {name!r} sent twice")
        headers[key] = value
    return headers


def call_http(
    base_url: str,
    method: str,
    target: str,
    headers: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT,
    session: requests.Session | None = None,
) -> Answer:
    """Send the target exactly as written (requests would otherwise re-quote it)."""
    own = session is None
    session = session or requests.Session()
    try:
        prepared = session.prepare_request(
            requests.Request(method, base_url, headers=dict(headers or {}))
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
        header_map(response.raw.headers.items()),
        response.content,
    )
