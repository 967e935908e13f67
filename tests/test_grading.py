"""From checks to a grade: cumulative levels, counts that add up, the score, JUnit and JSON.

Graded in-process through the grader's own pipeline (``examine``), with servers made
of answers (``tests/answering.py``), so every figure here is checked exactly.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from http.client import RemoteDisconnected
from pathlib import Path

import pytest

from conformance_tests.grader.card import MAX_LINES
from conformance_tests.grader.card import render
from conformance_tests.grader.cases import GROUPS
from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import Group
from conformance_tests.grader.examine import examine
from conformance_tests.grader.files import as_json
from conformance_tests.grader.files import details
from conformance_tests.grader.files import write_junit
from conformance_tests.grader.http import Answer
from conformance_tests.grader.kinds import kinds
from conformance_tests.grader.levels import Level
from conformance_tests.grader.problems import CLOSED_KIND
from conformance_tests.grader.problems import NOT_SENT
from conformance_tests.grader.results import Grading
from conformance_tests.grader.results import graded_levels
from conformance_tests.grader.run import STOPPED_AFTER
from conformance_tests.grader.run import Unusable
from conformance_tests.grader.run import grade
from tests.answering import OVER_HTTP
from tests.answering import Change
from tests.answering import contract_answer
from tests.answering import graded
from tests.answering import server

ONE = Group("one", "One", "routes", Level.MEANING, 1, "c1", "add it")
TWO = Group("two", "Two", "methods", Level.MANNERS, 2, "c2", "answer 405")
SUM = b'{"number1":1.0,"number2":2.0,"total_sum":3.0,"status":200}'
C1 = Case("c1", "GET", "/sum/1/2", 200, SUM, group="one")
C2 = Case("c2", "POST", "/sum/1/2", 405, b'{"message":"Method not allowed","status":405}',
          {"Allow": "GET, HEAD, OPTIONS"}, group="two", level=Level.MANNERS)  # fmt: skip


def without(*names: str) -> Change:
    def change(case: Case, right: Answer) -> Answer:
        return replace(right, headers={k: v for k, v in right.headers.items() if k not in names})

    return change


def test_the_contracts_own_answers_score_100_and_reach_level_3() -> None:
    grading = graded(server()).grading
    assert (grading.score(), grading.reached()) == (100.0, 3)
    assert all(grading.count(level).passed == grading.count(level).total > 0 for level in Level)
    assert kinds(grading) == []


def test_the_score_by_hand() -> None:
    """Two routes: one graded from level 1, one from level 2 (as the methods group is)."""
    bare = {"c1": without("x-content-type-options", "access-control-allow-origin")}

    def send(method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
        case = C1 if method == "GET" else C2
        right = contract_answer(case)
        change = bare.get(case.name)
        return change(case, right) if change else right

    grading = examine(send, [C1, C2], groups=[ONE, TWO]).grading
    # level 1 reached: 50 to 80; toward level 2, one's checks all fail (its credit 0), two's
    # pass (1), so half the way: 50 + 30 × ½.
    assert grading.score() == 65.0
    assert grading.route_credit("two", Level.MEANING) is None
    assert grading.route_credit("one", Level.MANNERS) == 0.0
    assert grading.reached() == 1


def test_the_score_follows_the_levels() -> None:
    """A server at level 1 that lacks every header scores above one right in all but one
    case's meaning; each ranks by its credit toward the next level within its band."""

    def bare(case: Case, right: Answer) -> Answer:
        return replace(right, headers={"content-type": "application/json"} if right.body else {})

    def one_wrong(case: Case, right: Answer) -> Answer:
        return replace(right, status=404) if case.name == "sum-path-plus-sign" else right

    level_1, level_0 = graded(server(bare)).grading, graded(server(one_wrong)).grading
    assert (level_1.reached(), level_0.reached()) == (1, 0)
    assert 50 <= level_1.score() < 80 and 45 < level_0.score() < 50
    assert graded(server()).grading.score() == 100.0


def test_partial_credit_is_half_for_the_whole_case() -> None:
    """A case not wholly right earns only half its credit, the half of partial credit: its
    meaning's first, its form's as far as its meaning is right."""

    def send(method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
        return Answer(
            200,
            "",
            contract_answer(C1).headers,
            b'{"number1":1,"number2":2,"total_sum":4,"status":200}',
        )

    grading = examine(send, [C1], groups=[ONE]).grading
    # its meaning (the total) wrong: only its form alone earns, answered .5, route 1, status
    # 3, type .5, json 1, keys 2, values 2 × 3/4: 9.5 of 10, at a weight of 1/4 in 4.25
    form_alone = 0.25 * 0.95 / 4.25
    assert grading.route_credit("one", Level.MEANING) == pytest.approx(0.5 * form_alone)
    assert grading.score() == round(50 * 0.5 * form_alone, 1)  # a score shows one decimal

    def in_another_key(method: str, target: str, headers: dict[str, str], b: bytes = b"") -> Answer:
        return Answer(200, "", contract_answer(C1).headers, b'{"answer":3}')

    grading = examine(in_another_key, [C1], groups=[ONE]).grading
    # its meaning right under another key (0.8); its form: answered .5, route 1, status 3,
    # type .5, json 1, keys 0, values 2 × 1/8 (the total under another name): 6.25 of 10
    credit = (3 * 0.8 + 0.8 * 0.625 + 0.25 * 0.625) / 4.25
    assert grading.route_credit("one", Level.MEANING) == pytest.approx(0.5 * credit)


def test_a_case_counts_at_level_2_only_where_it_passes_level_1() -> None:
    """Right headers on wrong answers: no level-1 case may count at level 2 (or 3)."""

    def wrong_meaning(case: Case, right: Answer) -> Answer:
        return replace(right, body=b"{}") if case.level == Level.MEANING else right

    grading = graded(server(wrong_meaning)).grading
    assert grading.count(Level.MEANING).passed == 0
    level_1 = [r for r in grading.results if r.case.level == Level.MEANING]
    assert not any(grading.passes(r, level) for r in level_1 for level in Level)
    manners = grading.count(Level.MANNERS)
    twins = [r for r in grading.results if r.case.twin_of in {t.case.name for t in level_1}]
    assert manners.passed == manners.total - len(level_1) - len(twins) > 0


def test_a_head_twin_counts_only_where_its_get_passes_level_1() -> None:
    def echo_once(case: Case, right: Answer) -> Answer:
        if case.name == "echo-ok":
            return replace(right, body=b'{"echo":"hello"}')
        return right

    grading = graded(server(echo_once)).grading
    twin = grading.by_name["echo-ok-as-head"]
    assert not twin.fails(Level.MANNERS) and not twin.fails(Level.EXACT)  # its own checks pass
    assert not grading.passes(twin, Level.MANNERS)
    assert grading.count(Level.MANNERS).total - grading.count(Level.MANNERS).passed == 2


def test_problems_are_listed_at_the_level_a_case_reaches_and_counted_within_it() -> None:
    def text_sums(case: Case, right: Answer) -> Answer:
        if case.group in ("sum_path", "sum_query") and case.status == 200 and right.body:
            return replace(right, headers={"content-type": "text/html"}, body=b"3")
        return right

    grading = graded(server(text_sums)).grading
    found = kinds(grading)
    for kind in found:
        assert len(kind.examples) <= grading.count(kind.level).total
    assert {(k.level, k.kind) for k in found} == {
        (Level.MEANING, "Content-Type is not application/json"),
        (Level.MEANING, "the body is a number as text, not a JSON object"),
    }  # the sums' missing headers are not listed: those cases fail level 1 first


def test_a_crash_is_listed_first_with_the_plainest_request_that_has_it() -> None:
    """As with a Bottle app whose every sum is a 500: /sum/42/117 is its example, not 1e308."""

    def sums_crash(case: Case, right: Answer) -> Answer:
        if case.target.startswith("/sum") and case.method == "GET" and case.group != "routing":
            return Answer(500, "", {"content-type": "text/html"}, b"<h1>500</h1>")
        return replace(right, headers={**right.headers, "x-content-type-options": "x"})

    grading = graded(server(sums_crash)).grading
    first = kinds(grading)[0]
    assert first.kind == "the server failed (500): your code raised an exception"
    assert first.examples[0][0].case.target == "/sum?number1=13&number2=28"
    crashed = [r for r in grading.results if r.answer and r.answer.status == 500]
    assert len(first.examples) == sum(r.case.level == Level.MEANING for r in crashed)


def test_junit_and_json_count_as_the_card_does(tmp_path: Path) -> None:
    def no_cors(case: Case, right: Answer) -> Answer:
        if case.group == "echo" and case.method == "GET":
            return replace(right, body=b"hello hello")
        return replace(right, headers={k: v for k, v in right.headers.items() if "origin" not in k})

    report = graded(server(no_cors))
    grading = report.grading
    path = tmp_path / "grade.xml"
    write_junit(grading, str(path))
    suite = ET.parse(path).getroot().find("testsuite")
    assert suite is not None
    items = suite.findall("testcase")
    assert len(items) == int(suite.get("tests", 0)) == sum(grading.count(lv).total for lv in Level)
    failed = [item for item in items if item.find("failure") is not None]
    assert len(failed) == int(suite.get("failures", 0))
    for level in Level:
        passed = [i for i in items if i.find("failure") is None
                  and i.get("name", "").endswith(level.name.lower())]  # fmt: skip
        assert len(passed) == grading.count(level).passed
    messages = {item.get("name"): item.find("failure").get("message")  # type: ignore[union-attr]
                for item in failed}  # fmt: skip
    assert messages["echo-ok-manners"] == (
        "fails level 1 (meaning) first: the body is text, not a JSON object"
    )
    assert messages["echo-ok-as-head-manners"] == "lacks Access-Control-Allow-Origin: *"
    data = as_json(grading, report.routes, "http://x", 7)
    assert json.loads(json.dumps(data)) == data
    assert data["score"] == grading.score() and data["level_reached"] == 0
    assert {k: tuple(v.values()) for k, v in data["levels"].items()} == {
        lv.name.lower(): (grading.count(lv).passed, grading.count(lv).total) for lv in Level
    }
    assert [route["route"] for route in data["routes"]] == [g.name for g in GROUPS]
    echo = next(route for route in data["routes"] if route["route"] == "echo")
    assert (echo["level"], echo["got"]["body"], echo["expected"]["status"]) == (
        0,
        "hello hello",
        200,
    )
    assert "echo-ok [echo] meaning:FAIL manners:FAIL exact:FAIL" in details(grading)


def test_the_card_hides_nothing_that_blocks_the_next_level() -> None:
    """The worst a server can do: every case wrong in its own way. Each kind of problem at
    level 1 is on the card, in brief once the 60 lines are used; the levels above are
    counted; no line is cut."""

    def all_different(case: Case, right: Answer) -> Answer:
        return Answer(200 + len(case.name) % 7, "", {"content-type": case.name}, case.name.encode())

    report = graded(server(all_different))
    card = render(report.grading, report.routes, "http://x", "about")
    flat = " ".join(line.strip() for line in card.splitlines())
    found = kinds(report.grading)
    blocking = [kind for kind in found if kind.level == Level.MEANING]
    assert len(blocking) > 10 and all(f"× {kind.kind}" in flat for kind in blocking)
    above = len(found) - len(blocking)
    assert f"… and {above} more kinds of problem at the levels above (-v)." in card
    longer = render(report.grading, report.routes, "http://x", "about", max_lines=400)
    assert "more kinds of problem" not in longer
    assert longer.index("level 1 (meaning); read") < longer.index("level 2 (manners); read")
    assert all(len(line) <= 100 for line in card.splitlines())


def test_a_card_with_few_problems_fits_in_60_lines_with_room_for_the_levels_above() -> None:
    def no_headers(case: Case, right: Answer) -> Answer:
        return replace(right, headers={"content-type": "application/json"} if right.body else {})

    report = graded(server(no_headers))
    card = render(report.grading, report.routes, "http://x", "about")
    assert len(card.splitlines()) + 1 <= MAX_LINES  # and the progress line on stderr
    assert "What blocks level 2 (manners), a crash first:" in card
    assert "lacks X-Content-Type-Options: nosniff" in card


def test_a_few_unanswered_cases_are_problems_and_three_in_a_row_stop_the_run() -> None:
    def flaky(method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
        if target == "/echo/hello":
            raise ConnectionResetError(104, "Connection reset by peer")
        return server()(method, target, headers, body)

    results = grade(flaky, OVER_HTTP)
    echo = next(r for r in results if r.case.name == "echo-ok")
    assert echo.answer is None and [p.detail for p in echo.problems] == [
        "it reset the connection without answering (did the server crash?)"
    ]

    before = 10
    asked: list[str] = []

    def stops(method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
        asked.append(target)
        if len(asked) > before:
            raise TimeoutError
        return server()(method, target, headers, body)

    results = grade(stops, OVER_HTTP, timeout=2)
    assert len(asked) == before + STOPPED_AFTER  # a silent server is waited for once a case
    assert [r.answer is None for r in results] == [i >= before for i in range(len(OVER_HTTP))]
    unsent = [r for r in results if NOT_SENT in {p.kind for p in r.problems}]
    assert len(unsent) == len(OVER_HTTP) - before - STOPPED_AFTER
    stop = Grading(results, GROUPS).stop()
    assert stop is not None and stop.not_sent == len(unsent)
    assert stop.first_unanswered is results[before] and stop.last_answered is results[before - 1]
    assert [p.detail for p in stop.first_unanswered.problems] == [
        "it accepted the connection but sent no answer within 2 s"
    ]


def test_a_server_that_answers_nothing_cannot_be_checked() -> None:
    def refuses(method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
        raise ConnectionRefusedError(111, "Connection refused")

    with pytest.raises(Unusable) as refused:
        grade(refuses, OVER_HTTP)
    assert str(refused.value) == (
        "cannot check the server: nothing is listening there (connection refused)"
    )


def test_connections_closed_unanswered_never_stop_the_run() -> None:
    """A handler that throws (the JDK then closes the connection): that case has no answer,
    twice tried, and the server goes on answering the others."""

    def throws(method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
        if target.startswith("/sum/"):
            raise RemoteDisconnected("Remote end closed connection without response")
        return server()(method, target, headers, body)

    results = grade(throws, OVER_HTTP)
    closed = [r for r in results if r.case.target.startswith("/sum/")]
    assert len(closed) > STOPPED_AFTER and all(r.answer is None for r in closed)
    assert {(p.kind, p.cause) for r in closed for p in r.problems} == {(CLOSED_KIND, "closed")}
    assert Grading(results, GROUPS).stop() is None
    assert sum(r.answer is not None for r in results) == len(results) - len(closed)


def test_a_connection_closed_unanswered_is_tried_once_more_on_a_new_one() -> None:
    """After its own 500 a server may close a kept-alive connection: the next request on it
    meets a reset, which is no answer of the server's to that request."""
    tries: dict[str, int] = {}

    def closes_once(method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
        tries[method + target] = tries.get(method + target, 0) + 1
        if method + target == "GET/echo/hello" and tries[method + target] == 1:
            raise ConnectionResetError(104, "Connection reset by peer")
        return server()(method, target, headers, body)

    results = grade(closes_once, OVER_HTTP)
    echo = next(r for r in results if r.case.name == "echo-ok")
    assert echo.answer is not None and not echo.problems and tries["GET/echo/hello"] == 2

    tries.clear()

    def silent(method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
        tries[method + target] = tries.get(method + target, 0) + 1
        if method + target == "GET/sum/42/117":
            raise TimeoutError
        return server()(method, target, headers, body)

    grade(silent, OVER_HTTP, timeout=2)
    assert tries["GET/sum/42/117"] == 1  # a timeout is waited for once, never twice


def test_progress_is_told_case_by_case_and_an_answer_resets_the_silence() -> None:
    told: list[tuple[int, int]] = []
    asked = 0

    def every_third_answers(
        method: str, target: str, headers: dict[str, str], body: bytes = b""
    ) -> Answer:
        nonlocal asked
        asked += 1
        if asked % STOPPED_AFTER:
            raise TimeoutError  # not retried: a silent server is waited for once
        return server()(method, target, headers, body)

    cases = OVER_HTTP[:10]
    results = grade(every_third_answers, cases, progress=lambda n, total: told.append((n, total)))
    assert told == [(n, 10) for n in range(1, 11)]
    assert [r.answer is not None for r in results] == [n % STOPPED_AFTER == 0 for n in range(1, 11)]


def test_a_crash_earns_nothing_whatever_else_it_gets_right() -> None:
    crash = Answer(500, "", contract_answer(C1).headers, C1.body)
    result = examine(lambda *sent: crash, [C1], groups=[ONE]).grading.results[0]
    assert result.credit(Level.EXACT) == 1.0  # its bytes are right; it still earns nothing
    grading = examine(lambda *sent: crash, [C1], groups=[ONE]).grading
    assert (result.credit(Level.MEANING), grading.score()) == (0.0, 0.0)


def test_every_level_grades_the_cases_it_should() -> None:
    assert graded_levels(C1) == list(Level)
    assert graded_levels(C2) == [Level.MANNERS, Level.EXACT]
