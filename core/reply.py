"""The reply value every adapter sends, and its one canonical rendering."""

from __future__ import annotations

import json
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

COMMON_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Access-Control-Allow-Origin", "*"),
)
"""Sent on every response, errors included, so browsers may call the service."""

JSON_TYPE = "application/json"


@dataclass(frozen=True)
class Reply:
    """What to answer, independent of any framework: adapters only copy it out."""

    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...]

    @property
    def status_line(self) -> str:
        """The WSGI status string, e.g. ``404 Not Found``."""
        return f"{self.status} {HTTPStatus(self.status).phrase}"


def render_json(payload: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON in key order; refuses NaN and Infinity rather than emit them."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8")


def json_reply(status: int, payload: dict[str, Any], *extra: tuple[str, str]) -> Reply:
    """A JSON answer with the contract's headers."""
    headers = (("Content-Type", JSON_TYPE), *COMMON_HEADERS, *extra)
    return Reply(status, render_json(payload), headers)


def empty_reply(status: int, *extra: tuple[str, str]) -> Reply:
    """A body-less answer (204): no Content-Type, but still the common headers."""
    return Reply(status, b"", (*COMMON_HEADERS, *extra))
