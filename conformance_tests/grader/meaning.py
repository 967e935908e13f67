"""How much of an answer's meaning is right, whatever its form: what the score weighs first.

A right total sent as text means more than a wrong one in perfect JSON, and a constant
answer to every URL means nothing. Where the contract answers with a value (a total, an
echo), the meaning is that value: under its own key, under another key, or as the
body's whole text. Where it refuses (a 4xx), the meaning is the refusal: its status, or
at least another 4xx. Form (the keys, JSON, Content-Type) then counts only as far as the
meaning is right (results.py).
"""

from __future__ import annotations

import json
import math
from typing import Any

from conformance_tests.grader.cases import Case
from conformance_tests.grader.http import Answer
from conformance_tests.grader.showing import same_meaning

MEANT_KEYS = ("total_sum", "echo")
"""The key that holds what an answer means: the sum's total, the echo's text."""
UNDER_ANOTHER_KEY = 0.8
AS_TEXT = 0.6
ANOTHER_REFUSAL = 0.5


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return None


def _as_text(value: Any, body: bytes) -> bool:
    """Whether the body's whole text is this value: ``159`` or ``159.0``, ``hello hello``."""
    text = body.decode("utf-8", "replace").strip().strip('"')
    if isinstance(value, str):
        return text == value
    try:
        number = float(text)
    except ValueError:
        return False
    return math.isfinite(number) and number == float(value)


def meant(answer: Answer, case: Case) -> float:
    """0 to 1: how much of what the contract's answer means this answer says."""
    if case.status >= 400:
        if answer.status == case.status:
            return 1.0
        return ANOTHER_REFUSAL if 400 <= answer.status < 500 else 0.0
    expected = _json(case.body) if case.body else None
    key = next((k for k in MEANT_KEYS if isinstance(expected, dict) and k in expected), None)
    if answer.status != case.status or key is None or expected is None:
        return float(answer.status == case.status)
    value = expected[key]
    actual = _json(answer.body)
    if isinstance(actual, dict):
        if key in actual and same_meaning(value, actual[key]):
            return 1.0
        return UNDER_ANOTHER_KEY if any(same_meaning(value, v) for v in actual.values()) else 0.0
    return AS_TEXT if _as_text(value, answer.body) else 0.0
