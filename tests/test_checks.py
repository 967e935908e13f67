"""The checks behind the grader: fair to any correct answer, exact about each wrong one.

Every check is asked for its credit and its problem's kind, so that a check that
is switched off, or reports the wrong thing, fails a test here.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance_tests.grader.cases import CASES
from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import as_head
from conformance_tests.grader.cases import with_head_twins
from conformance_tests.grader.checks import assess
from conformance_tests.grader.checks import case_problems
from conformance_tests.grader.checks import media_type
from conformance_tests.grader.checks import method_set
from conformance_tests.grader.checks import route_found
from conformance_tests.grader.generated import generated_cases
from conformance_tests.grader.http import BROWSER_ORIGIN
from conformance_tests.grader.http import Answer
from conformance_tests.grader.levels import Level
from conformance_tests.grader.oracle import expect
from conformance_tests.grader.problems import Check
from conformance_tests.grader.problems import unanswered
from conformance_tests.grader.results import Result

SUM = Case(
    "sum", "GET", "/sum/1/2", 200, b'{"number1":1.0,"number2":2.0,"total_sum":3.0,"status":200}'
)
ECHO = Case("echo", "GET", "/echo/hello", 200, b'{"echo":"hello hello"}')
UNKNOWN = Case("unknown", "GET", "/nope", 404, b'{"message":"Invalid endpoint","status":404}')
INVALID = Case(
    "invalid", "GET", "/sum/abc/1", 400, b'{"message":"Invalid number as addend","status":400}'
)
ALLOW = {"Allow": "GET, HEAD, OPTIONS"}
NOT_ALLOWED = Case(
    "post", "POST", "/sum/1/2", 405, b'{"message":"Method not allowed","status":405}', ALLOW,
    level=Level.MANNERS,
)  # fmt: skip
OPTIONS = Case("options", "OPTIONS", "/sum/1/2", 204, b"", ALLOW, level=Level.MANNERS)
MANNERS = {"x-content-type-options": "nosniff", "access-control-allow-origin": "*"}
JSON = "application/json"
NAN = "the body has NaN or Infinity, which JSON does not allow"
FLASK_404 = (
    b"<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
    b"<p>The requested URL was not found on the server.</p>\n"
)


def answer(status: int, body: bytes, **headers: str | None) -> Answer:
    """An answer with the contract's headers, changed by keyword (None leaves one out)."""
    named = {k.replace("_", "-").lower(): v for k, v in headers.items()}
    merged = {**MANNERS, "content-type": JSON, **named}
    return Answer(status, "", {k: v for k, v in merged.items() if v is not None}, body)


def kinds(found: list[Check], level: Level | None = None) -> list[str]:
    return [c.problem.kind for c in found if c.problem and (level is None or c.level == level)]


def credit(found: list[Check], aspect: str) -> float:
    return next(check.credit for check in found if check.aspect == aspect)


@pytest.mark.parametrize(
    ("case", "reply"),
    [
        (SUM, answer(200, SUM.body)),
        (UNKNOWN, answer(404, UNKNOWN.body)),
        (NOT_ALLOWED, answer(405, NOT_ALLOWED.body, allow="OPTIONS, GET, HEAD")),
        (OPTIONS, answer(204, b"", allow="GET, HEAD, OPTIONS", content_type=None)),
        (as_head(SUM), answer(200, b"", content_length=str(len(SUM.body)))),
    ],
    ids=["sum", "unknown", "405", "options", "head"],
)
def test_the_contracts_own_answer_passes_every_check(case: Case, reply: Answer) -> None:
    found = assess(reply, case)
    assert found and all(check.passed and check.problem is None for check in found)
    assert {check.level for check in found} == {level for level in Level if level >= case.level}


def test_media_types_ignore_case_and_parameters() -> None:
    """``Application/JSON`` is application/json (RFC 9110 8.3.1): level 1 passes, 3 does not."""
    found = assess(answer(200, SUM.body, content_type="Application/JSON; charset=UTF-8"), SUM)
    assert kinds(found) == ["Content-Type is not exactly application/json"]
    assert kinds(found, Level.MEANING) == []
    assert media_type(None) is None
    assert media_type(" Text/HTML ; charset=utf-8") == "text/html"


def test_flask_style_json_has_the_meaning_but_not_the_bytes() -> None:
    flask = b'{"number1":1.0,"number2":2.0,"status":200,"total_sum":3.0}\n'
    found = assess(answer(200, flask), SUM)
    assert kinds(found) == ["the body is not the canonical bytes: it ends with a newline"]
    assert kinds(found, Level.MEANING) == kinds(found, Level.MANNERS) == []


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b'{"number1":1.0,"number2":2.0,"status":200,"total_sum":3.0}',
         "its keys are in another order"),
        (b'{"number1": 1.0, "number2": 2.0, "total_sum": 3.0, "status": 200}',
         "it has spaces after : or ,"),
        (b'{"number1":1,"number2":2,"total_sum":3,"status":200}',
         "its numbers or escapes are written another way (41 for 41.0, say)"),
    ],
)  # fmt: skip
def test_why_bytes_with_the_right_meaning_are_not_canonical(body: bytes, why: str) -> None:
    assert kinds(assess(answer(200, body), SUM)) == [f"the body is not the canonical bytes: {why}"]


def test_escaped_non_ascii_is_named() -> None:
    case = Case("echo", "GET", "/echo/caf%C3%A9", 200, '{"echo":"café café"}'.encode())
    found = assess(answer(200, b'{"echo":"caf\\u00e9 caf\\u00e9"}'), case)
    why = "it escapes non-ASCII characters as \\u"
    assert kinds(found) == [f"the body is not the canonical bytes: {why}"]


def test_details_show_yours_first_then_the_contracts() -> None:
    found = assess(answer(404, FLASK_404, content_type="text/html; charset=utf-8"), SUM)
    problem = next(check.problem for check in found if check.problem)
    assert problem.kind == "404 where the contract has a route: the route is missing"
    yours, contract = problem.detail.splitlines()
    assert yours == "yours:    404 an HTML page: 404 Not Found"
    assert contract == f"contract: 200 {SUM.body.decode()}"


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (b"null", JSON, "the body is null, not a JSON object"),
        (b"[1, 2]", JSON, "the body is a JSON list, not a JSON object"),
        (b'"text"', JSON, "the body is a JSON string, not a JSON object"),
        (b"true", JSON, "the body is true or false, not a JSON object"),
        (b"405", JSON, "the body is a number, not a JSON object"),
        (b"405", "text/html; charset=utf-8", "the body is a number as text, not a JSON object"),
        (b"Method not allowed", "text/plain", "the body is text, not a JSON object"),
        (FLASK_404, "text/html", "the body is an HTML page, not a JSON object"),
        (b"\xff\xfe", JSON, "the body is bytes that are not UTF-8, not a JSON object"),
        (b"", JSON, "the body is no body, not a JSON object"),
        (b'{"message":NaN,"status":405}', JSON, NAN),
        (b'{"message":"x","status":-Infinity}', JSON, NAN),
    ],
)  # fmt: skip
def test_a_body_that_is_not_a_json_object_says_what_it_is(
    body: bytes, content_type: str, kind: str
) -> None:
    found = assess(answer(400, body, content_type=content_type), INVALID)
    assert kind in kinds(found, Level.MEANING)  # a 400: no framework's own error page
    assert credit(found, "json") == credit(found, "keys") == credit(found, "values") == 0.0


def test_a_json_string_saying_nan_is_just_a_string() -> None:
    found = assess(answer(200, b'{"echo":"NaN"}'), ECHO)
    assert kinds(found, Level.MEANING) == ["JSON 'echo' has another value than the contract's"]


def test_a_wrong_status_is_the_one_problem_and_the_body_is_shown() -> None:
    found = assess(answer(400, b"<h1>Bad</h1>", content_type="text/html"), SUM)
    assert kinds(found, Level.MEANING) == [
        "status 400 where the contract says 200",
        "Content-Type is not application/json",
    ]
    status = next(check for check in found if check.aspect == "status")
    assert "yours:    400 an HTML page" in status.problem.detail  # type: ignore[union-attr]
    assert credit(found, "route") == 1.0 and credit(found, "status") == 0.0


@pytest.mark.parametrize(
    ("got", "expected", "kind"),
    [
        (500, 200, "the server failed (500): your code raised an exception"),
        (503, 404, "the server failed (503): your code raised an exception"),
        (308, 200, "a redirect where the contract answers at the very URL asked"),
        (404, 400, "404 where the contract has a route: the route is missing"),
        (405, 200, "405 where the contract's route answers GET"),
        (200, 404, "200 for a path the contract does not have (it says 404)"),
        (422, 400, "status 422 where the contract says 400"),
        (400, 200, "status 400 where the contract says 200"),
    ],
)
def test_each_wrong_status_has_its_own_words(got: int, expected: int, kind: str) -> None:
    case = Case("c", "GET", "/x", expected, b'{"message":"Invalid endpoint","status":404}')
    found = assess(answer(got, b"{}"), case)
    assert kinds(found, Level.MEANING)[0] == kind


@pytest.mark.parametrize(
    ("got", "expected", "found"),
    [
        (200, 200, True), (400, 200, True), (422, 400, True), (404, 200, False),
        (405, 200, False), (405, 400, False), (500, 200, False), (302, 200, False),
        (404, 404, True), (200, 404, False), (405, 405, True), (404, 405, False),
        (200, 204, True), (404, 204, False), (399, 200, False), (300, 404, False),
        (500, 500, True), (503, 500, False),
    ],
)  # fmt: skip
def test_route_found(got: int, expected: int, found: bool) -> None:
    assert route_found(got, expected) is found


def test_a_route_that_is_missing_earns_only_its_answer() -> None:
    found = assess(answer(404, UNKNOWN.body), SUM)
    assert [c.aspect for c in found if c.level == Level.MEANING and c.credit] == ["answered"]
    assert len(kinds(found, Level.MEANING)) == 1  # the missing route, nothing about the body


def test_other_key_names_earn_partial_credit_and_say_which() -> None:
    found = assess(answer(200, b'{"number1":1,"number2":2,"sum":3}'), SUM)
    assert kinds(found, Level.MEANING) == ["JSON keys differ: lacks total_sum, status; has sum"]
    assert credit(found, "keys") == pytest.approx(2 / 5)
    assert credit(found, "values") == pytest.approx(2.5 / 4)  # 3 under "sum" earns half


@pytest.mark.parametrize(
    ("case", "body", "kind", "detail"),
    [
        (ECHO, b'{"echo":"hello"}', "JSON 'echo' has another value than the contract's",
         'echo: yours "hello", the contract\'s "hello hello"'),
        (SUM, b'{"number1":"1","number2":2,"total_sum":3,"status":200}',
         "JSON 'number1' is a string, not a number", 'number1: yours "1", the contract\'s 1.0'),
        (SUM, b'{"number1":true,"number2":2,"total_sum":3,"status":200}',
         "JSON 'number1' has another value than the contract's",
         "number1: yours true, the contract's 1.0"),
        (UNKNOWN, b'{"message":"Not Found","status":404}',
         'the message "Not Found" where the contract says "Invalid endpoint"',
         'message: yours "Not Found", the contract\'s "Invalid endpoint"'),
    ],
)  # fmt: skip
def test_right_keys_with_wrong_values(case: Case, body: bytes, kind: str, detail: str) -> None:
    found = assess(answer(case.status, body), case)
    problem = next(c.problem for c in found if c.aspect == "values")
    assert problem is not None and (problem.kind, problem.detail.splitlines()[0]) == (kind, detail)
    assert credit(found, "keys") == 1.0 and credit(found, "values") < 1.0


def test_a_near_miss_earns_more_than_an_answer_far_off() -> None:
    """Each answer is nearer the contract than the next, meaning first (a right total under
    another key, or as text, before a wrong one in perfect JSON); its credit must say so."""
    answers = [
        answer(200, SUM.body),
        answer(200, b'{"number1":1.0,"number2":2.0,"sum":3.0}'),
        answer(200, b'{"answer":3}'),
        answer(200, b"3", content_type="text/html; charset=utf-8"),
        answer(200, b'{"number1":1.0,"number2":2.0,"total_sum":4.0,"status":200}'),
        answer(422, b'{"detail":[]}'),
        answer(404, FLASK_404, content_type="text/html"),
        answer(500, b"Internal Server Error", content_type="text/plain"),
    ]
    credits = [Result(SUM, a, tuple(assess(a, SUM))).credit(Level.MEANING) for a in answers]
    assert credits == sorted(credits, reverse=True) and len(set(credits)) == len(credits)
    assert (credits[0], credits[-1]) == (1.0, 0.0)


@pytest.mark.parametrize(
    ("headers", "kinds_found"),
    [
        ({"x_content_type_options": None}, ["lacks X-Content-Type-Options: nosniff"]),
        ({"x_content_type_options": "sniff"}, ["X-Content-Type-Options is 'sniff', not 'nosniff'"]),
        ({"x_content_type_options": "NoSniff"}, []),
        ({"access_control_allow_origin": None}, ["lacks Access-Control-Allow-Origin: *"]),
        ({"access_control_allow_origin": BROWSER_ORIGIN},
         ["Access-Control-Allow-Origin names the asking origin, not *"]),
        ({"access_control_allow_origin": "null"},
         ["Access-Control-Allow-Origin is 'null', not '*'"]),
    ],
)  # fmt: skip
def test_the_two_headers_missing_or_wrong(
    headers: dict[str, str | None], kinds_found: list[str]
) -> None:
    found = assess(answer(200, SUM.body, **headers), SUM)
    assert kinds(found) == kinds_found
    assert all(check.level == Level.MANNERS for check in found if check.problem)


def test_allow_is_a_set_of_methods() -> None:
    assert (
        method_set(" GET,HEAD , OPTIONS") == {"GET", "HEAD", "OPTIONS"}
        and method_set(None) == set()
    )
    assert kinds(assess(answer(405, NOT_ALLOWED.body, allow="HEAD,GET,OPTIONS"), NOT_ALLOWED)) == []
    wrong = assess(answer(405, NOT_ALLOWED.body, allow="GET"), NOT_ALLOWED)
    assert kinds(wrong) == ["Allow is not GET, HEAD, OPTIONS"]
    lacking = assess(answer(405, NOT_ALLOWED.body), NOT_ALLOWED)
    assert kinds(lacking) == ["lacks Allow on a 405"]


@pytest.mark.parametrize(
    ("body", "content_type"), [(b"", "application/json"), (b"{}", None), (b"x", "text/plain")]
)
def test_a_204_carries_neither_body_nor_content_type(body: bytes, content_type: str | None) -> None:
    found = assess(
        answer(204, body, content_type=content_type, allow="GET, HEAD, OPTIONS"), OPTIONS
    )
    assert kinds(found, Level.MANNERS) == ["204 with a body or a Content-Type"]
    assert credit(found, "no-content") == 0.0


def test_head_with_a_body_fails_level_2() -> None:
    head = as_head(SUM)
    found = assess(answer(200, SUM.body, content_length=str(len(SUM.body))), head)
    assert kinds(found) == ["HEAD answered with a body"]
    assert [c.level for c in found if c.problem] == [Level.MANNERS]


def test_heads_content_length_is_the_canonical_bodys() -> None:
    head = as_head(SUM)
    found = assess(answer(200, b"", content_length="64"), head)
    assert kinds(found) == ["HEAD's Content-Length is not the canonical body's length"]
    assert [c.level for c in found if c.problem] == [Level.EXACT]
    detail = found[-1].problem.detail  # type: ignore[union-attr]
    assert "yours 64, the contract's 58 (the GET body of sum differs)" in detail


def test_no_answer_fails_every_level_with_one_problem() -> None:
    found = unanswered(SUM, "nothing is listening there (connection refused)")
    assert [(c.level, c.credit) for c in found] == [(level, 0.0) for level in Level]
    problems = [c.problem for c in found if c.problem]
    assert [(p.level, p.kind, p.detail) for p in problems] == [
        (Level.MEANING, "no answer", "nothing is listening there (connection refused)")
    ]
    assert [c.level for c in unanswered(NOT_ALLOWED, "x")] == [Level.MANNERS, Level.EXACT]


statuses = st.sampled_from([200, 204, 302, 400, 404, 405, 422, 500, 502])
bodies = st.one_of(
    st.sampled_from([SUM.body, UNKNOWN.body, b"", b"null", b"[]", b"3", FLASK_404, b'{"a":NaN}']),
    st.binary(max_size=40),
    st.dictionaries(st.sampled_from(["message", "status", "echo", "number1", "x"]),
                    st.one_of(st.integers(), st.text(max_size=5), st.none()), max_size=4)
    .map(lambda d: str(d).replace("'", '"').encode()),
)  # fmt: skip
header_values = st.one_of(st.none(), st.sampled_from(["nosniff", "*", JSON, "text/html", "GET"]))


@given(
    case=st.sampled_from(with_head_twins(CASES)),
    status=statuses,
    body=bodies,
    content_type=header_values,
    nosniff=header_values,
    origin=header_values,
    allow=header_values,
)
def test_no_answer_crashes_a_check_or_fails_without_a_problem(
    case: Case, status: int, body: bytes, content_type: str | None, nosniff: str | None,
    origin: str | None, allow: str | None,
) -> None:  # fmt: skip
    reply = answer(status, body, content_type=content_type, x_content_type_options=nosniff,
                   access_control_allow_origin=origin, allow=allow)  # fmt: skip
    problems = case_problems(reply, case)  # raises if a check failed without a problem
    assert all(0.0 <= check.credit <= 1.0 for check in assess(reply, case))
    assert bool(problems) == any(not check.passed for check in assess(reply, case))


@pytest.mark.parametrize("case", with_head_twins(CASES), ids=lambda case: case.name)
def test_the_model_agrees_with_every_data_case(case: Case) -> None:
    """The oracle is written apart from core; the hand-written cases are its examples."""
    model = expect(case.method, case.target, case.name)
    assert (model.status, model.body, model.headers) == (case.status, case.body, case.headers)
    assert model.name == case.name
    by_what_it_sends = case.group in ("methods", "headers")  # not by where it goes
    if not by_what_it_sends and not case.name.startswith("routing-leading-slashes"):
        assert (model.group, model.level) == (case.group, case.level)


def test_the_model_files_what_it_is_sent_under_methods_and_names_it_generated() -> None:
    refused = expect("POST", "/sum/1/2")
    assert (refused.name, refused.group, refused.level) == ("generated", "methods", Level.MANNERS)
    assert (refused.method, refused.target) == ("POST", "/sum/1/2")


def test_generated_cases_repeat_with_their_seed_and_name_their_group() -> None:
    assert generated_cases(5) == generated_cases(5) != generated_cases(6)
    routes = {"sum-path": {"sum_path", "validation"}, "sum-query": {"sum_query", "validation",
              "missing"}, "echo": {"echo"}}  # fmt: skip
    for case in generated_cases(3, count=40):
        kind = case.name.removeprefix("generated-").rsplit("-", 1)[0]
        assert case.group in routes[kind] and case.level == Level.MEANING, case
        assert (case.group == "validation") == (case.status == 400), case


def test_an_options_answered_405_is_told_so_not_that_a_204_lacks_allow() -> None:
    options = next(case for case in CASES if case.name == "methods-options-sum-path")
    found = assess(answer(405, b"{}"), options)
    told = [check.problem.kind for check in found if check.problem]
    assert any(
        kind.startswith("OPTIONS is not answered as the contract says: 204") for kind in told
    )
    assert not any("lacks Allow" in kind for kind in told)
