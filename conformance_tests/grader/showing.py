"""Make differences readable: decoded text, invisible characters shown, JSON compared by meaning."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

LIMIT = 160
VISIBLE = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(value: bytes | str | None, limit: int = LIMIT) -> str:
    """One line a person can read: text decoded, newlines and tabs visible, long values cut."""
    if value is None:
        return "(absent)"
    if isinstance(value, bytes):
        if not value:
            return "(empty)"
        try:
            text = value.decode("utf-8")
        except UnicodeDecodeError:
            return f"{value[:limit]!r} (not UTF-8)"
    else:
        text = value
    note = " (ends with a newline)" if text.endswith("\n") else ""
    visible = "".join(VISIBLE.get(c, c if c.isprintable() else f"\\x{ord(c):02x}") for c in text)
    if len(visible) > limit:
        visible = visible[:limit] + f"… ({len(text):,} characters)"
    return visible + note


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def same_meaning(expected: Any, actual: Any) -> bool:
    """Equal as JSON values: numbers as numbers (41 == 41.0), objects in any key order."""
    if _is_number(expected) and _is_number(actual):
        return float(expected) == float(actual)
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(
            same_meaning(expected[k], actual[k]) for k in expected
        )
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(map(same_meaning, expected, actual))
    return type(expected) is type(actual) and bool(expected == actual)


@dataclass(frozen=True)
class Difference:
    kind: str
    """Shared by the same mistake across cases."""
    text: str


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def json_differences(expected: Any, actual: Any) -> list[Difference]:
    """How two JSON values differ in meaning, key by key; empty when they mean the same."""
    if same_meaning(expected, actual):
        return []
    if not (isinstance(expected, dict) and isinstance(actual, dict)):
        kind = "JSON body is not an object" if not isinstance(actual, dict) else "JSON differs"
        return [Difference(kind, f"expected {_json(expected)}, got {_json(actual)}")]
    found = [
        Difference(f"JSON lacks key {key!r}", f"missing key {key!r}")
        for key in expected
        if key not in actual
    ]
    found += [
        Difference(f"JSON has extra key {key!r}", f"extra key {key!r}: {_json(actual[key])}")
        for key in actual
        if key not in expected
    ]
    for key in expected:
        if key in actual and not same_meaning(expected[key], actual[key]):
            if key == "message":
                kind = (
                    f"message {_json(actual[key])} where the contract says {_json(expected[key])}"
                )
            else:
                kind = f"JSON {key!r} has the wrong value"
            found.append(
                Difference(
                    kind, f"{key}: expected {_json(expected[key])}, got {_json(actual[key])}"
                )
            )
    return found
