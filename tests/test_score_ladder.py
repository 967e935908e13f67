"""The score's intended order, as data: a ladder of small servers whose scores must rise.

At the bottom, servers that compute nothing (a constant JSON answer to every URL, the
text NaN everywhere); then right sums as text; right sums in JSON without the errors;
the errors too; then levels 1, 2 and 3. Meaning first: a server that computes right
sums ranks above one that computes none, whatever the format.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import replace
from urllib.parse import parse_qs
from urllib.parse import urlsplit

import pytest

from conformance_tests.grader.http import Answer
from conformance_tests.grader.run import Sender
from tests.answering import graded
from tests.answering import server

JSON = {"content-type": "application/json"}
TEXT = {"content-type": "text/plain"}
NOT_FOUND = {"message": "Invalid endpoint", "status": 404}


def _addends(target: str) -> tuple[str, str] | None:
    """The two addends of a sum, by path or by query, as a beginner's router finds them."""
    parts = urlsplit(target)
    segments = parts.path.split("/")
    if len(segments) == 4 and segments[1] == "sum":
        return segments[2], segments[3]
    if parts.path == "/sum":
        query = parse_qs(parts.query)
        return query.get("number1", [""])[0], query.get("number2", [""])[0]
    return None


def _echo(target: str) -> str | None:
    segments = urlsplit(target).path.split("/")
    return segments[2] if len(segments) == 3 and segments[1] == "echo" else None


def summing(as_json: bool, errors: bool) -> Sender:
    """A small server that sums: its answers as text or JSON, with the contract's errors or
    with none (a bad addend crashes it: a 500)."""

    def answer(status: int, data: Mapping[str, object], text: str) -> Answer:
        if as_json:  # JSON, but sent as text/html, as json.dumps() returned from a view is
            return Answer(status, "", {"content-type": "text/html"}, json.dumps(data).encode())
        return Answer(status, "", TEXT, text.encode())

    def send(method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
        addends, echo = _addends(target), _echo(target)
        if echo is not None:
            return answer(200, {"echo": f"{echo} {echo}"}, f"{echo} {echo}")
        if addends is None:
            return answer(404, NOT_FOUND, "Not Found") if errors else Answer(404, "", TEXT, b"")
        try:
            first, second = float(addends[0]), float(addends[1])
        except ValueError:
            if not errors:
                return Answer(500, "", TEXT, b"Internal Server Error")
            message = "Missing addend" if "" in addends else "Invalid number as addend"
            return answer(400, {"message": message, "status": 400}, message)
        total = first + second
        data = {"number1": first, "number2": second, "total_sum": total, "status": 200}
        return answer(200, data, f"{total:g}" if math.isfinite(total) else "inf")

    return send


def constant(status: int, headers: dict[str, str], body: bytes) -> Sender:
    """A catch-all: the same answer to every request."""

    def send(method: str, target: str, asked: dict[str, str], sent: bytes = b"") -> Answer:
        return Answer(status, "", headers, body)

    return send


def without_headers(case: object, right: Answer) -> Answer:
    """Level 1: the contract's answers, without the two headers every answer carries."""
    kept = {k: v for k, v in right.headers.items() if k not in ("x-content-type-options",
            "access-control-allow-origin")}  # fmt: skip
    return replace(right, headers=kept)


def spaced(case: object, right: Answer) -> Answer:
    """Level 2: the contract's answers, their JSON spaced as json.dumps() spaces it."""
    if not right.body:
        return right
    return replace(right, body=json.dumps(json.loads(right.body)).encode())


LADDER: list[dict[str, Sender]] = [
    {"constant JSON": constant(200, JSON, b'{"result": 0}'),
     "NaN as text": constant(200, TEXT, b"NaN")},
    {"right sums as text": summing(as_json=False, errors=False)},
    {"right sums in JSON": summing(as_json=True, errors=False)},
    {"the errors too": summing(as_json=True, errors=True)},
    {"level 1": server(without_headers)},
    {"level 2": server(spaced)},
    {"level 3": server()},
]  # fmt: skip
"""Rung by rung, from computing nothing to the contract's exact bytes."""


@pytest.fixture(scope="module")
def scores() -> list[dict[str, tuple[float, int]]]:
    """Each rung's servers' scores and levels reached."""
    found = []
    for rung in LADDER:
        grades = {name: graded(send).grading for name, send in rung.items()}
        found.append({name: (g.score(), g.reached()) for name, g in grades.items()})
    return found


def test_the_scores_rise_strictly_from_rung_to_rung(
    scores: list[dict[str, tuple[float, int]]],
) -> None:
    for lower, higher in zip(scores, scores[1:], strict=False):
        assert max(s for s, _ in lower.values()) < min(s for s, _ in higher.values()), (
            lower,
            higher,
        )


def test_a_server_that_computes_nothing_earns_almost_nothing(
    scores: list[dict[str, tuple[float, int]]],
) -> None:
    assert all(score < 5 for score, _ in scores[0].values()), scores[0]


def test_the_top_rungs_reach_their_levels(scores: list[dict[str, tuple[float, int]]]) -> None:
    top = [scores[4]["level 1"], scores[5]["level 2"], scores[6]["level 3"]]
    assert [level for _, level in top] == [1, 2, 3]
    assert all(level == 0 for rung in scores[:4] for _, level in rung.values())
