"""The environ a WSGI server would build for a raw request target (PEP 3333)."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_to_bytes
from wsgiref.util import setup_testing_defaults


def wsgi_environ(method: str, target: str) -> dict[str, Any]:
    """PATH_INFO percent-decoded and tunnelled as latin-1, the query left raw, as servers do."""
    raw_path, _, query = target.partition("?")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": unquote_to_bytes(raw_path).decode("latin-1"),
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    setup_testing_defaults(environ)
    return environ
