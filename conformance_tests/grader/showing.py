"""Make answers readable: decoded text, invisible characters shown, JSON compared by meaning.

A learner reads these once, so each says what a body *is* (an HTML page, a number
as text, JSON with other keys) before showing its bytes.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

LIMIT = 160
WIDTH = 100
"""The card's width: advice wraps at it, quoted bodies shorten to fit it."""
SHORTER = tuple(range(72, 15, -1))
"""The lengths a quoted body is shortened to, in turn, until its line fits."""
VISIBLE = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
TITLE = re.compile(rb"<title>\s*(.*?)\s*</title>", re.IGNORECASE | re.DOTALL)
PRE = re.compile(rb"<pre>\s*(.*?)\s*</pre>", re.IGNORECASE | re.DOTALL)
CONSTANT = re.compile(r"(?<![\w\"])-?(NaN|Infinity)(?![\w\"])")


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
    if len(visible) > limit:  # its end is not shown, so neither is the note on its end
        count = f" ({len(text):,} characters)" if len(text) > LIMIT else ""
        return re.sub(r"\\(x[0-9a-f]?)?$", "", visible[:limit]) + "…" + count  # no half escape
    return visible + note


def wrapped(
    text: str, indent: str = "", hanging: str | None = None, width: int = WIDTH
) -> list[str]:
    """A sentence over as many lines as it needs, never cut: the fix is read whole."""
    return textwrap.wrap(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def fitted(line: Callable[[int], str], width: int = WIDTH) -> str:
    """A line quoting a body, the body shortened until the line fits (or is as short as it
    gets): a quote may lose its end, never the words around it."""
    made = line(SHORTER[0])
    for limit in SHORTER[1:]:
        if len(made) <= width:
            break
        made = line(limit)
    return made


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


JSON_KINDS = {
    dict: "a JSON object", list: "a JSON list", str: "a JSON string", bool: "true or false",
    type(None): "null", int: "a number", float: "a number",
}  # fmt: skip


def body_kind(body: bytes, content_type: str | None) -> str:
    """What a body is, in a few words: an HTML page, text, a number, a JSON list, …"""
    if not body:
        return "no body"
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "bytes that are not UTF-8"
    stripped = text.strip()
    declared = (content_type or "").lower()
    if stripped.startswith("<"):
        return "an HTML page"
    try:
        value = json.loads(text)
    except ValueError:
        return "JSON with NaN or Infinity" if CONSTANT.search(text) else "text"
    kind = JSON_KINDS.get(type(value), "JSON")
    if kind != "a JSON object" and "json" not in declared:
        return "a number as text" if kind == "a number" else "text"
    if CONSTANT.search(text):  # json.loads takes NaN, the contract does not
        return "JSON with NaN or Infinity"
    return kind


def described(
    body: bytes, content_type: str | None, limit: int = 72, kind_only: bool = False
) -> str:
    """A body as a learner recognises it: its kind, then its telling part (a page's title)."""
    kind = body_kind(body, content_type)
    if kind_only:
        return kind
    if not body:
        return "(no body)"
    if kind == "an HTML page":
        found = PRE.search(body) or TITLE.search(body)  # Express titles every page "Error"
        telling = found.group(1).decode("utf-8", "replace") if found else ""
        return f"{kind}: {shown(telling, limit)}" if telling else kind
    short = shown(body, limit)
    return short if kind == "a JSON object" else f"{kind}: {short}"


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


def json_differences(expected: dict[str, Any], actual: dict[str, Any]) -> list[Difference]:
    """How the values of the keys both have differ, key by key, yours then the contract's."""
    found = []
    for key, value in expected.items():
        if key not in actual or same_meaning(value, actual[key]):
            continue
        got = actual[key]
        if key == "message":
            kind = f"the message {_json(got)} where the contract says {_json(value)}"
        elif _is_number(value) and isinstance(got, str):
            kind = f"JSON {key!r} is a string, not a number"
        else:
            kind = f"JSON {key!r} has another value than the contract's"
        found.append(Difference(kind, f"{key}: yours {_json(got)}, the contract's {_json(value)}"))
    return found


def byte_differences(canonical: bytes, actual: bytes) -> str:
    """Why bytes with the same meaning are not the canonical ones, in a few words."""
    try:
        mine, theirs = json.loads(canonical), json.loads(actual)
    except ValueError:
        return "other bytes"
    if not same_meaning(mine, theirs):
        return "another meaning (level 1 says how)"
    if actual.endswith(b"\n") and not canonical.endswith(b"\n"):
        return "it ends with a newline"
    if isinstance(mine, dict) and isinstance(theirs, dict) and list(mine) != list(theirs):
        return "its keys are in another order"
    if b": " in actual or b", " in actual:
        return "it has spaces after : or ,"
    if b"\\u" in actual and b"\\u" not in canonical:
        return "it escapes non-ASCII characters as \\u"
    return "its numbers or escapes are written another way (41 for 41.0, say)"
