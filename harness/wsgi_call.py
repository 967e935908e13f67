"""Call a WSGI app as a server would, with no server: for the tests and the benchmark alike."""

from __future__ import annotations

import io
import sys
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote_to_bytes
from wsgiref.util import setup_testing_defaults

from harness.adapters import WSGIApp


def wsgi_environ(
    method: str, target: str, headers: Mapping[str, str] | None = None, body: bytes = b""
) -> dict[str, Any]:
    """PATH_INFO percent-decoded and tunnelled as latin-1, the query left raw, as servers do.

    Request headers become ``HTTP_*`` keys (``CONTENT_TYPE`` and ``CONTENT_LENGTH`` without
    the prefix), as PEP 3333 says; a body is ``wsgi.input``, with its ``CONTENT_LENGTH``.
    """
    raw_path, _, query = target.partition("?")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": unquote_to_bytes(raw_path).decode("latin-1"),
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    environ["wsgi.errors"] = sys.stderr  # where a server's log goes, so tests can show it
    for name, value in (headers or {}).items():
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            environ[key] = value
        else:
            environ[f"HTTP_{key}"] = value
    if body:
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
    setup_testing_defaults(environ)
    return environ


def call_app(app: WSGIApp, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
    """Status line, headers and body; a 500's exc_info is recorded, not re-raised."""
    captured: list[tuple[str, list[tuple[str, str]]]] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        captured.append((status, headers))
        return lambda data: None

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    status, headers = captured[-1]
    return status, headers, body
