"""An independent model of the contract: the answer any request must get, without core.

Core checks addends with a regular expression and renders with ``json.dumps``;
this model reads them with ``decimal.Decimal`` and plain string rules, routes
with a small table, and writes the JSON by hand. A mistake in core therefore
does not agree with itself here: generated requests (the grader's random cases,
the Hypothesis properties) are checked against this model.
"""

from __future__ import annotations

import math
from decimal import Decimal
from decimal import InvalidOperation
from urllib.parse import unquote_plus
from urllib.parse import unquote_to_bytes

from conformance_tests.grader.cases import Case
from conformance_tests.grader.levels import Level

ALLOW = "GET, HEAD, OPTIONS"
INVALID_ENDPOINT = (404, "Invalid endpoint")
INVALID_ADDEND = (400, "Invalid number as addend")
MISSING_ADDEND = (400, "Missing addend: number1 and number2 are both required")
REPEATED_ADDEND = (400, "Repeated addend: give number1 and number2 once each")
SUM_OVERFLOW = (400, "Sum is too large: it overflows to infinity")
METHOD_NOT_ALLOWED = (405, "Method not allowed")
SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                 "\b": "\\b", "\f": "\\f"}  # fmt: skip


def addend(text: str) -> float | None:
    """The number an addend stands for, or None: ASCII, no spaces or underscores, finite."""
    if not text.isascii() or any(c.isspace() or c == "_" for c in text):
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    value = float(number)
    return value if math.isfinite(value) else None


def json_string(text: str) -> str:
    """A JSON string literal, non-ASCII kept as it is."""
    out = []
    for char in text:
        if char in SHORT_ESCAPES:
            out.append(SHORT_ESCAPES[char])
        elif ord(char) < 0x20:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


VALIDATION = {INVALID_ADDEND, SUM_OVERFLOW}
"""Errors about the addends' values: the validation group, whichever form of sum."""
COUNTING = {MISSING_ADDEND, REPEATED_ADDEND}
"""Errors about how many addends the query gave: the missing group."""


def _error(status_message: tuple[int, str]) -> tuple[int, str]:
    status, message = status_message
    return status, '{"message":' + json_string(message) + ',"status":' + str(status) + "}"


GROUP_OF_ANSWER = {_error(error): "validation" for error in VALIDATION} | {
    _error(error): "missing" for error in COUNTING
}
"""A sum's error answers that belong to another group than the route's."""


def _sum(first: str, second: str) -> tuple[int, str]:
    a, b = addend(first), addend(second)
    if a is None or b is None:
        return _error(INVALID_ADDEND)
    total = a + b
    if math.isinf(total):
        return _error(SUM_OVERFLOW)
    numbers = (f'"number1":{a!r}', f'"number2":{b!r}', f'"total_sum":{total!r}', '"status":200')
    return 200, "{" + ",".join(numbers) + "}"


def query_values(query: str, name: str) -> list[str]:
    """Every value of ``name``: fields split at ``&`` only, ``+`` is a space, blanks kept."""
    values = []
    for field in query.split("&"):
        key, _, value = field.partition("=")
        if field and unquote_plus(key) == name:
            values.append(unquote_plus(value))
    return values


def _sum_query(query: str) -> tuple[int, str]:
    first, second = query_values(query, "number1"), query_values(query, "number2")
    if not first or not second:
        return _error(MISSING_ADDEND)
    if len(first) > 1 or len(second) > 1:
        return _error(REPEATED_ADDEND)
    return _sum(first[0], second[0])


def segments(raw_path: str) -> list[str]:
    """The path as routed: percent-decoded as UTF-8 (U+FFFD for bad bytes), leading / folded."""
    text = unquote_to_bytes(raw_path).decode("utf-8", "replace")
    return text.lstrip("/").split("/")


def route(raw_path: str, query: str) -> tuple[str, tuple[int, str]] | None:
    """The group a GET of this target belongs to, and its answer; None for no route."""
    match segments(raw_path):
        case ["sum"]:
            return "sum_query", _sum_query(query)
        case ["sum", first, second] if first and second:
            return "sum_path", _sum(first, second)
        case ["echo", text] if text:
            return "echo", (200, '{"echo":' + json_string(f"{text} {text}") + "}")
    return None


def expect(method: str, target: str, name: str = "generated") -> Case:
    """The case this request makes: status, headers and canonical body, from the model alone."""
    raw_path, _, query = target.partition("?")
    routed = route(raw_path, query)
    verb = method.upper()
    group, level = "routing", Level.MEANING
    allow: dict[str, str] = {}
    if routed is None:
        status, body = _error(INVALID_ENDPOINT)
    elif verb in ("GET", "HEAD"):
        group, (status, body) = routed
        group = GROUP_OF_ANSWER.get((status, body), group)
    else:
        group, level, allow = "methods", Level.MANNERS, {"Allow": ALLOW}
        status, body = (204, "") if verb == "OPTIONS" else _error(METHOD_NOT_ALLOWED)
    data = body.encode("utf-8")
    if verb == "HEAD":
        level = Level.MANNERS
        allow = {**allow, "Content-Length": str(len(data))}
        data = b""
    return Case(name, method, target, status, data, allow, group=group, level=level)
