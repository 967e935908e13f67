"""Every check of a few typical answers, whole: level, aspect, credit, and for each one that
falls short its words, its detail and the contract section the card sends the learner to.

The answers are the ones learners' servers give (Flask's default JSON without the two
headers, an HTML page, a HEAD with a body, a 204 with one, a redirect to a trailing slash,
Flask's own 404 page with a mirrored origin, a renamed key): what the card says about each
is the grader's behaviour, so it is asserted in full.
"""

from __future__ import annotations

import pytest

from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import as_head
from conformance_tests.grader.checks import assess
from conformance_tests.grader.http import BROWSER_ORIGIN
from conformance_tests.grader.http import Answer
from tests.test_checks import ECHO
from tests.test_checks import FLASK_404
from tests.test_checks import OPTIONS
from tests.test_checks import SUM
from tests.test_checks import UNKNOWN
from tests.test_checks import answer

MEANING, MANNERS, EXACT = "MEANING", "MANNERS", "EXACT"
HTML = "text/html; charset=utf-8"
SUM_BODY = '{"number1":1.0,"number2":2.0,"total_sum":3.0,"status":200}'
FLASK_SUM = b'{"number1":1.0,"number2":2.0,"status":200,"total_sum":3.0}\n'
NOT_FOUND = '{"message":"Invalid endpoint","status":404}'
FLASK_PAGE = FLASK_404.decode().replace("\n", "\\n")

ANSWERS: dict[str, tuple[Case, Answer]] = {
    "flask-style": (SUM, answer(200, FLASK_SUM,
                                x_content_type_options=None, access_control_allow_origin=None)),
    "html-200": (SUM, answer(200, b"<p>3</p>", content_type=HTML)),
    "head": (as_head(SUM), answer(200, b"{}", content_length="2",
                                  content_type="application/json; charset=utf-8")),
    "options": (OPTIONS, answer(204, b"x", allow="GET, POST")),
    "redirect": (SUM, answer(308, b"", location="/sum/1/2/")),
    "flask-404": (UNKNOWN, answer(404, FLASK_404, content_type=HTML,
                                  access_control_allow_origin=BROWSER_ORIGIN)),
    "renamed": (ECHO, answer(200, b'{"message":"hello hello"}', x_content_type_options="NoSniff ")),
}  # fmt: skip

ERROR_PAGE = (
    "your framework's own error page answers (a 404 or 405), not the contract's JSON error "
    '{"message":…,"status":…}'
)
FLASK_404_LINES = "yours:    404 an HTML page: 404 Not Found\ncontract: 404 " + NOT_FOUND
EXPECTED = {
    "flask-style": [
        (MEANING, "answered", 1.0),
        (MEANING, "meaning", 1.0),
        (MEANING, "route", 1.0),
        (MEANING, "status", 1.0),
        (MEANING, "type", 1.0),
        (MEANING, "json", 1.0),
        (MEANING, "keys", 1.0),
        (MEANING, "values", 1.0),
        (
            MANNERS,
            "x-content-type-options",
            0.0,
            "lacks X-Content-Type-Options: nosniff",
            "X-Content-Type-Options: (absent)",
            "every-response",
        ),
        (
            MANNERS,
            "access-control-allow-origin",
            0.0,
            "lacks Access-Control-Allow-Origin: *",
            "Access-Control-Allow-Origin: (absent)",
            "every-response",
        ),
        (
            EXACT,
            "bytes",
            0.0,
            "the body is not the canonical bytes: it ends with a newline",
            'yours:    {"number1":1.0,"number2":2.0,"status":200,"total_sum":3.0}\\n'
            " (ends with a newline)\ncontract: " + SUM_BODY,
            "every-response",
        ),
        (EXACT, "exact-type", 1.0),
    ],
    "html-200": [
        (MEANING, "answered", 1.0),
        (MEANING, "meaning", 0.0),
        (MEANING, "route", 1.0),
        (MEANING, "status", 1.0),
        (
            MEANING,
            "type",
            0.0,
            "Content-Type is not application/json",
            "Content-Type: text/html; charset=utf-8",
            "every-response",
        ),
        (
            MEANING,
            "json",
            0.0,
            "the body is an HTML page, not a JSON object",
            "yours:    200 an HTML page\ncontract: 200 " + SUM_BODY,
            "every-response",
        ),
        (MEANING, "keys", 0.0),
        (MEANING, "values", 0.0),
        (MANNERS, "x-content-type-options", 1.0),
        (MANNERS, "access-control-allow-origin", 1.0),
        (
            EXACT,
            "bytes",
            0.0,
            "the body is not the canonical bytes: other bytes",
            "yours:    <p>3</p>\ncontract: " + SUM_BODY,
            "every-response",
        ),
        (
            EXACT,
            "exact-type",
            0.0,
            "Content-Type is not exactly application/json",
            "Content-Type: text/html; charset=utf-8",
            "every-response",
        ),
    ],
    "head": [
        (MANNERS, "answered", 1.0),
        (MANNERS, "meaning", 1.0),
        (MANNERS, "route", 1.0),
        (MANNERS, "status", 1.0),
        (MANNERS, "x-content-type-options", 1.0),
        (MANNERS, "access-control-allow-origin", 1.0),
        (
            MANNERS,
            "head-body",
            0.0,
            "HEAD answered with a body",
            "after the headers: {}",
            "methods",
        ),
        (
            EXACT,
            "content-length",
            0.0,
            "HEAD's Content-Length is not the canonical body's length",
            "Content-Length: yours 2, the contract's 58 (the GET body of sum differs)",
            "every-response",
        ),
    ],
    "options": [
        (MANNERS, "answered", 1.0),
        (MANNERS, "meaning", 1.0),
        (MANNERS, "route", 1.0),
        (MANNERS, "status", 1.0),
        (MANNERS, "x-content-type-options", 1.0),
        (MANNERS, "access-control-allow-origin", 1.0),
        (
            MANNERS,
            "allow",
            0.0,
            "Allow is not GET, HEAD, OPTIONS",
            "Allow: yours GET, POST, the contract's GET, HEAD, OPTIONS",
            "methods",
        ),
        (
            MANNERS,
            "no-content",
            0.0,
            "204 with a body or a Content-Type",
            "Content-Type: application/json, body: x",
            "methods",
        ),
        (
            EXACT,
            "bytes",
            0.0,
            "the body is not the canonical bytes: other bytes",
            "yours:    x\ncontract: (empty)",
            "every-response",
        ),
    ],
    "redirect": [
        (MEANING, "answered", 1.0),
        (MEANING, "meaning", 0.0),
        (
            MEANING,
            "route",
            0.0,
            "a redirect that adds or drops a trailing slash: the contract answers at the very "
            "URL asked",
            "yours:    308 (no body) → /sum/1/2/\ncontract: 200 " + SUM_BODY,
            "routes",
        ),
        (MEANING, "status", 0.0),
        (MEANING, "type", 0.0),
        (MEANING, "json", 0.0),
        (MEANING, "keys", 0.0),
        (MEANING, "values", 0.0),
        (MANNERS, "x-content-type-options", 1.0),
        (MANNERS, "access-control-allow-origin", 1.0),
        (
            EXACT,
            "bytes",
            0.0,
            "the body is not the canonical bytes: other bytes",
            "yours:    (empty)\ncontract: " + SUM_BODY,
            "every-response",
        ),
        (EXACT, "exact-type", 1.0),
    ],
    "flask-404": [
        (MEANING, "answered", 1.0),
        (MEANING, "meaning", 1.0),
        (MEANING, "route", 1.0),
        (MEANING, "status", 1.0),
        (MEANING, "type", 0.0, ERROR_PAGE, FLASK_404_LINES, "errors"),
        (MEANING, "json", 0.0, ERROR_PAGE, FLASK_404_LINES, "errors"),
        (MEANING, "keys", 0.0),
        (MEANING, "values", 0.0),
        (MANNERS, "x-content-type-options", 1.0),
        (
            MANNERS,
            "access-control-allow-origin",
            0.0,
            "Access-Control-Allow-Origin names the asking origin, not *",
            "Access-Control-Allow-Origin: http://grader.example",
            "every-response",
        ),
        (
            EXACT,
            "bytes",
            0.0,
            "the body is not the canonical bytes: other bytes",
            f"yours:    {FLASK_PAGE} (ends with a newline)\ncontract: {NOT_FOUND}",
            "every-response",
        ),
        (
            EXACT,
            "exact-type",
            0.0,
            "Content-Type is not exactly application/json",
            "Content-Type: text/html; charset=utf-8",
            "every-response",
        ),
    ],
    "renamed": [
        (MEANING, "answered", 1.0),
        (MEANING, "meaning", 0.8),
        (MEANING, "route", 1.0),
        (MEANING, "status", 1.0),
        (MEANING, "type", 1.0),
        (MEANING, "json", 1.0),
        (
            MEANING,
            "keys",
            0.0,
            "JSON keys differ: lacks echo; has message",
            'yours:    200 {"message":"hello hello"}\ncontract: 200 {"echo":"hello hello"}',
            "",
        ),
        (MEANING, "values", 0.5),
        (MANNERS, "x-content-type-options", 1.0),
        (MANNERS, "access-control-allow-origin", 1.0),
        (
            EXACT,
            "bytes",
            0.0,
            "the body is not the canonical bytes: another meaning (level 1 says how)",
            'yours:    {"message":"hello hello"}\ncontract: {"echo":"hello hello"}',
            "every-response",
        ),
        (EXACT, "exact-type", 1.0),
    ],
}


def anatomy(case: Case, reply: Answer) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for check in assess(reply, case):
        row = (check.level.name, check.aspect, round(check.credit, 3))
        problem = check.problem
        rows.append(
            row if problem is None else (*row, problem.kind, problem.detail, problem.section)
        )
    return rows


@pytest.mark.parametrize("name", ANSWERS)
def test_every_check_of_a_typical_answer(name: str) -> None:
    assert anatomy(*ANSWERS[name]) == EXPECTED[name]
