"""The checks and the model behind the grader: fair to any correct answer, never crashing."""

from __future__ import annotations

import pytest

from conformance_tests.grader.cases import CASES
from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import with_head_twins
from conformance_tests.grader.checks import Problem
from conformance_tests.grader.checks import case_problems
from conformance_tests.grader.generated import generated_cases
from conformance_tests.grader.http import Answer
from conformance_tests.grader.levels import Level
from conformance_tests.grader.oracle import expect
from conformance_tests.grader.showing import shown

SUM = Case(
    "sum", "GET", "/sum/1/2", 200, b'{"number1":1.0,"number2":2.0,"total_sum":3.0,"status":200}'
)
NOT_ALLOWED = Case(
    "post", "POST", "/sum/1/2", 405, b'{"message":"Method not allowed","status":405}',
    {"Allow": "GET, HEAD, OPTIONS"}, level=Level.MANNERS,
)  # fmt: skip
MANNERS = {"x-content-type-options": "nosniff", "access-control-allow-origin": "*"}


def answer(status: int, body: bytes, **headers: str) -> Answer:
    named = {k.replace("_", "-").lower(): v for k, v in headers.items()}
    return Answer(status, "", {**MANNERS, "content-type": "application/json", **named}, body)


def levels(problems: list[Problem]) -> set[Level]:
    return {p.level for p in problems}


@pytest.mark.parametrize("case", with_head_twins(CASES), ids=lambda case: case.name)
def test_the_model_agrees_with_every_data_case(case: Case) -> None:
    """The oracle is written apart from core; the hand-written cases are its examples."""
    model = expect(case.method, case.target)
    assert (model.status, model.body) == (case.status, case.body)
    assert model.headers == case.headers


def test_generated_cases_repeat_with_their_seed() -> None:
    assert generated_cases(5) == generated_cases(5) != generated_cases(6)


def test_flask_style_json_has_the_meaning_but_not_the_bytes() -> None:
    flask = b'{"number1":1,"number2":2.0,"status":200,"total_sum":3.0}\n'
    found = case_problems(answer(200, flask, content_type="application/json; charset=utf-8"), SUM)
    assert levels(found) == {Level.EXACT}
    assert any("(ends with a newline)" in p.detail for p in found)


@pytest.mark.parametrize("body", [b"null", b"400", b"[1, 2]", b'"text"', b"true"])
def test_json_that_is_not_an_object_is_a_problem_not_a_crash(body: bytes) -> None:
    found = case_problems(answer(405, body, allow="GET, HEAD, OPTIONS"), NOT_ALLOWED)
    assert [p.kind for p in found if p.level == Level.MANNERS] == ["JSON body is not an object"]


def test_allow_is_a_set_of_methods() -> None:
    flask_order = answer(405, NOT_ALLOWED.body, allow="GET, OPTIONS, HEAD")
    assert case_problems(flask_order, NOT_ALLOWED) == []
    missing = case_problems(answer(405, NOT_ALLOWED.body, allow="GET"), NOT_ALLOWED)
    assert [p.kind for p in missing] == ["Allow header missing or wrong on a 405"]


def test_true_is_not_the_number_one() -> None:
    found = case_problems(
        answer(200, b'{"number1":true,"number2":2,"total_sum":3,"status":200}'), SUM
    )
    assert [p.kind for p in found if p.level == Level.MEANING] == [
        "JSON 'number1' has the wrong value"
    ]


def test_nan_is_not_json() -> None:
    body = b'{"number1":1.0,"number2":2.0,"total_sum":NaN,"status":200}'
    kinds = [p.kind for p in case_problems(answer(200, body), SUM)]
    assert "body is not JSON (NaN and Infinity are not JSON)" in kinds


def test_a_wrong_status_is_one_problem_that_shows_the_body() -> None:
    found = case_problems(answer(404, b"<h1>Not Found</h1>", content_type="text/html"), SUM)
    meaning = [p for p in found if p.level == Level.MEANING]
    assert [p.kind for p in meaning] == [
        "status 404 where the contract says 200",
        "Content-Type is not application/json",
    ]
    assert "<h1>Not Found</h1>" in meaning[0].detail


def test_missing_headers_are_manners() -> None:
    bare = Answer(200, "OK", {"content-type": "application/json"}, SUM.body)
    assert {p.kind for p in case_problems(bare, SUM)} == {
        "lacks X-Content-Type-Options: nosniff",
        "lacks Access-Control-Allow-Origin: *",
    }


def test_shown_makes_invisible_differences_visible() -> None:
    assert shown(b'{"a":1}\n') == '{"a":1}\\n (ends with a newline)'
    assert shown(b"") == "(empty)" and shown(None) == "(absent)"
    assert shown(b"\xff") == "b'\\xff' (not UTF-8)"
    assert shown("é\t") == "é\\t"
