"""Causes: what really happened, told from the request and the answer together.

Each cause has an answer that shows it and a near one that does not, so a cause that
fires too often (a crash named a repeat) or never (slashes folded called a missing
route) fails here, as it would mislead a learner.
"""

from __future__ import annotations

import pytest

from conformance_tests.grader.cases import CASES
from conformance_tests.grader.causes import CAUSES
from conformance_tests.grader.causes import cause_of
from conformance_tests.grader.checks import assess
from conformance_tests.grader.fixes import FIXES
from conformance_tests.grader.http import Answer

BY_NAME = {case.name: case for case in CASES}
HEADER_CAUSES = {"contract-headers", "allow-on-405", "allow-on-204"}
"""The causes the header checks name themselves: a header missing is its own cause."""
RUN_CAUSES = {"closed"}
"""The causes the run names itself: a connection closed unanswered (run.grade)."""
NOT_FOUND = b'{"message":"Invalid endpoint","status":404}'
SUM = b'{"number1":1.0,"number2":2.0,"total_sum":3.0,"status":200}'
INVALID = b'{"message":"Invalid number as addend","status":400}'


def answer(status: int, body: bytes = b"", location: str = "") -> Answer:
    headers = {"content-type": "application/json"} | ({"location": location} if location else {})
    return Answer(status, "", headers, body)


SEEN = [
    ("no-method-handler", "methods-post-sum-path",
     answer(501, b"<title>Error response</title><p>Error code: 501</p>")),
    ("no-method-handler", "methods-head-sum-path", answer(501, b"")),
    ("csrf", "methods-post-sum-path", answer(403, b"<p>CSRF verification failed.</p>")),
    ("tuple-as-list", "sum-path-letters",
     answer(200, b'[{"message":"Invalid number as addend","status":400},400]')),
    ("bytes-not-utf8", "echo-invalid-utf8", answer(200, b'{"echo":"ab ab"}')),
    ("bytes-not-utf8", "sum-path-invalid-utf8", answer(404, NOT_FOUND)),
    ("merged-slashes", "routing-echo-inner-double-slash", answer(308, b"", "http://h/echo/a")),
    ("trailing-slash-redirect", "routing-echo-trailing-slash", answer(307, b"", "/echo/a")),
    ("trailing-slash-redirect", "routing-sum-query-trailing-slash",
     answer(307, b"", "http://h/sum?number1=1&number2=2")),
    ("trailing-slash-redirect", "sum-path-ok", answer(308, b"", "http://h/sum/42/117/")),
    ("leading-slashes", "routing-leading-slashes-three", answer(404, NOT_FOUND)),
    ("framework-pages", "routing-framework-docs", answer(200, b"<title>FastAPI</title>")),
    ("trailing-slash-served", "routing-sum-trailing-slash", answer(200, SUM)),
    ("redirect", "routing-echo-inner-double-slash", answer(302, b"", "http://h/login")),
    ("options", "methods-options-sum-path", answer(200, b"")),
    ("request-header-refused", "headers-websocket-upgrade", answer(400, b"<p>Bad</p>")),
    ("case-insensitive", "routing-sum-upper-case", answer(200, SUM)),
    ("encoded-slash", "routing-echo-encoded-slash", answer(200, b'{"echo":"a/b a/b"}')),
    ("too-long", "echo-long-emoji", answer(431)),
    ("number-accepted", "sum-path-underscore", answer(200, SUM)),
    ("sum-overflow", "sum-path-sum-overflow", answer(200, b'{"total_sum":Infinity}')),
    ("missing-addend", "sum-query-missing-number2", answer(200, SUM)),
    ("missing-addend", "sum-query-missing-beats-invalid", answer(400, INVALID)),
    ("repeated-addend", "sum-query-repeated-empty", answer(400, INVALID)),
    ("repeated-addend", "sum-query-repeated", answer(200, SUM)),
    ("error-page", "routing-unknown", answer(404, b"<!doctype html><title>404 Not Found</title>")),
    ("error-page", "routing-favicon", answer(404, b'{"detail":"Not Found"}')),
    ("error-page", "methods-post-sum-path", answer(405, b"Method Not Allowed")),
]  # fmt: skip
NOT_SEEN = [
    ("a 403 to a GET is no CSRF check", "sum-path-ok", answer(403, b"Forbidden")),
    ("a crash is a crash, whatever the request", "sum-query-repeated", answer(500, b"")),
    ("a missing route of a plain path", "sum-path-ok", answer(404, NOT_FOUND)),
    ("an invalid addend refused", "sum-path-underscore", answer(400, INVALID)),
    ("a 404 for an unknown page", "routing-framework-docs", answer(404, NOT_FOUND)),
    ("bytes that are not UTF-8 read right", "echo-invalid-utf8",
     answer(200, '{"echo":"a\ufffdb a\ufffdb"}'.encode())),
    ("a list that is no pair", "routing-unknown", answer(200, b"[{}, 404, 3]")),
    ("the root is no trailing slash", "routing-root", answer(200, SUM)),
    ("a missing addend refused by an HTML 400", "sum-query-missing-number2",
     answer(400, b"<p>Bad Request</p>")),
    ("a JSON 404 of one's own keys is no framework's page", "routing-unknown",
     answer(404, b'{"error":"Invalid endpoint"}')),
    ("an error page at another status is no 404 page", "routing-unknown",
     answer(400, b"<p>Bad Request</p>")),
    ("a HEAD has no body to be a page", "methods-head-sum-path", answer(404)),
    ("a JSON list is your code's, no framework's page", "routing-unknown",
     answer(404, b'["Invalid endpoint", 404]')),
]  # fmt: skip


@pytest.mark.parametrize(("cause", "name", "got"), SEEN, ids=[f"{c}-{n}" for c, n, _ in SEEN])
def test_a_cause_is_told_where_request_and_answer_show_it(
    cause: str, name: str, got: Answer
) -> None:
    found = cause_of(BY_NAME[name], got)
    assert found is not None and found.name == cause
    problems = [check.problem for check in assess(got, BY_NAME[name]) if check.problem]
    told = [p for p in problems if p.level == BY_NAME[name].level and p.cause not in HEADER_CAUSES]
    assert told and all((p.cause, p.kind) == (cause, found.kind) for p in told)


@pytest.mark.parametrize(("why", "name", "got"), NOT_SEEN, ids=[w for w, _, _ in NOT_SEEN])
def test_no_cause_is_told_where_the_answer_does_not_show_it(
    why: str, name: str, got: Answer
) -> None:
    assert cause_of(BY_NAME[name], got) is None, why


def test_an_escapes_hex_digits_are_no_letter_case() -> None:
    """%2F served is an encoded slash kept, not a path served in other letters' case."""
    case, got = BY_NAME["routing-echo-encoded-slash"], answer(200, b'{"echo":"a/b a/b"}')
    assert [cause.name for cause in CAUSES if cause.applies(case, got)] == ["encoded-slash"]


def test_every_cause_has_a_fix_in_plain_words_and_an_example() -> None:
    assert {cause.name for cause in CAUSES} | HEADER_CAUSES | RUN_CAUSES == set(FIXES)
    assert all(fixes[""] for fixes in FIXES.values())
    assert {cause for cause, _, _ in SEEN} == set(FIXES) - HEADER_CAUSES - RUN_CAUSES


@pytest.mark.parametrize(
    ("name", "status", "headers", "cause"),
    [
        ("sum-path-ok", 200, {"access-control-allow-origin": "*"}, "contract-headers"),
        ("methods-post-sum-path", 405, {"x-content-type-options": "nosniff"}, "contract-headers"),
        ("methods-post-sum-path", 405, {"x-content-type-options": "nosniff",
                                        "access-control-allow-origin": "*"}, "allow-on-405"),
        ("methods-options-echo", 204, {"x-content-type-options": "nosniff",
                                       "access-control-allow-origin": "*"}, "allow-on-204"),
    ],
)  # fmt: skip
def test_a_missing_header_is_its_own_cause(
    name: str, status: int, headers: dict[str, str], cause: str
) -> None:
    case = BY_NAME[name]
    got = Answer(status, "", {"content-type": "application/json", **headers}, case.body)
    causes = {check.problem.cause for check in assess(got, case) if check.problem}
    assert cause in causes
