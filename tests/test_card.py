"""The card as a learner reads it, line by line, for two small gradings of known answers.

A card is text, so its text is its behaviour: each line here is what a learner
sees, in the order they see it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from conformance_tests.grader.card import grade_line
from conformance_tests.grader.card import render
from conformance_tests.grader.card import table
from conformance_tests.grader.cases import GROUPS
from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import request_line
from conformance_tests.grader.causes import CAUSES
from conformance_tests.grader.cli import parser
from conformance_tests.grader.cli import terminal_width
from conformance_tests.grader.files import as_json
from conformance_tests.grader.files import details
from conformance_tests.grader.http import Answer
from conformance_tests.grader.kinds import curl_line
from conformance_tests.grader.kinds import kinds
from conformance_tests.grader.kinds import plainness
from conformance_tests.grader.levels import Level
from conformance_tests.grader.showing import WIDTH
from conformance_tests.grader.showing import fitted
from conformance_tests.grader.showing import shown
from conformance_tests.grader.showing import wrapped
from tests.answering import OVER_HTTP
from tests.answering import graded
from tests.answering import server

CARDS = Path(__file__).with_name("cards")
BY_NAME = {group.name: group for group in GROUPS}
CANONICAL = {group.canonical for group in GROUPS}
PLAIN = [case for case in OVER_HTTP if case.name in CANONICAL]
"""Each route's canonical case, and nothing else: a card small enough to read whole."""


def no_headers(case: Case, right: Answer) -> Answer:
    return replace(right, headers={"content-type": "application/json"} if right.body else {})


def test_a_card_of_routes_right_in_meaning_reads_so() -> None:
    """Each route's own example, right but for the two headers: its whole card, as kept in
    tests/cards/ (read it there as a learner would)."""
    report = graded(server(no_headers), PLAIN)
    card = render(report.grading, report.routes, "http://x", "8 requests")
    assert card + "\n" == (CARDS / "right_but_the_two_headers.txt").read_text(encoding="utf-8")


def test_the_grade_line_names_the_next_level_and_what_it_lacks() -> None:
    right = graded(server(), PLAIN).grading
    assert grade_line(right) == "level 3 of 3 reached: every check passes, exact bytes included"
    bare = graded(server(no_headers), PLAIN).grading
    assert grade_line(bare) == "level 1 of 3 reached; level 2 (manners) needs 8 more case(s) right"


def test_the_grade_line_counts_what_the_first_level_still_lacks() -> None:
    def echo_as_text(case: Case, right: Answer) -> Answer:
        return replace(right, body=b"hello hello") if case.group == "echo" else right

    grading = graded(server(echo_as_text), PLAIN).grading
    assert (
        grade_line(grading) == "no level reached yet; level 1 (meaning) needs 1 more case(s) right"
    )


def test_advice_wraps_at_the_width_and_is_never_cut() -> None:
    advice = "→ add app.url_map.merge_slashes = False after app = Flask(__name__) " * 3
    lines = wrapped(f"     {advice.strip()}", hanging=" " * 7, width=60)
    assert len(lines) > 2 and all(len(line) <= 60 for line in lines)
    assert " ".join(line.strip() for line in lines) == advice.strip()


def test_a_quoted_body_is_shortened_until_its_line_fits() -> None:
    line = fitted(lambda limit: "yours → 200 " + shown('{"echo":"' + "y" * 90 + '"}', limit), 50)
    assert len(line) <= 50 and line.endswith("…")
    short = fitted(lambda limit: "yours → 200 " + shown('{"echo":"y y"}', limit), 50)
    assert short == 'yours → 200 {"echo":"y y"}'


def test_the_table_counts_each_route_and_all() -> None:
    lines = table(graded(server(no_headers), PLAIN).grading)
    assert lines[0] == f"{'route':<30}" + "".join(f"{lv.label:>20}" for lv in Level)
    assert lines[-1] == f"{'all':<30}{'6/6':>20}{'0/8':>20}{'0/8':>20}"
    assert [line[:30].strip() for line in lines[1:-1]] == [g.title for g in GROUPS]


def test_the_plainest_request_comes_first() -> None:
    groups = BY_NAME
    canonical = next(c for c in OVER_HTTP if c.name == "sum-path-ok")
    other = next(c for c in OVER_HTTP if c.name == "sum-path-negative-and-fraction")
    escaped = next(c for c in OVER_HTTP if c.name == "sum-path-percent-encoded-digits")
    generated = next(c for c in OVER_HTTP if c.name.startswith("generated-sum-path"))
    twin = next(c for c in OVER_HTTP if c.name == "sum-path-ok-as-head")
    earlier_route = next(c for c in OVER_HTTP if c.name == "sum-query-any-order-extra-ignored")
    ranked = sorted([generated, escaped, twin, other, canonical, earlier_route],
                    key=lambda case: plainness(case, groups))  # fmt: skip
    assert [c.name for c in ranked][:4] == ["sum-path-ok", "sum-query-any-order-extra-ignored",
                                             "sum-path-negative-and-fraction",
                                             "sum-path-percent-encoded-digits"]  # fmt: skip
    assert plainness(canonical, groups) < plainness(twin, groups)
    assert plainness(other, groups) < plainness(generated, groups)


def test_a_request_line_shows_its_headers_and_cuts_long_targets() -> None:
    case = Case("c", "GET", "/echo/" + "a" * 200, 200, b"", request_headers={"Host": "x"})
    line = request_line(case, 20)
    assert line == "GET /echo/aaaaaaaaaaaaaa… [Host: x]"


def test_kinds_count_each_case_once() -> None:
    def twice(case: Case, right: Answer) -> Answer:
        return replace(right, headers={"content-type": "text/html"}, body=b"<p>1</p>")

    grading = graded(server(twice), PLAIN).grading
    found = {(k.level, k.kind): len(k.examples) for k in kinds(grading)}
    assert found[(Level.MEANING, "Content-Type is not application/json")] == 5
    error_page = next(cause.kind for cause in CAUSES if cause.name == "error-page")
    assert found[(Level.MEANING, error_page)] == 1  # the 404: its type and its body, one cause


def test_every_case_in_detail_and_as_json() -> None:
    report = graded(server(no_headers), PLAIN)
    text = details(report.grading).splitlines()
    at = text.index("sum-query-ok [sum_query] meaning:ok manners:FAIL exact:FAIL")
    assert text[at : at + 7] == [
        "sum-query-ok [sum_query] meaning:ok manners:FAIL exact:FAIL",
        "  GET /sum?number1=13&number2=28",
        "  (the contract's own example)",
        "  - level 2 (manners): lacks X-Content-Type-Options: nosniff",
        "      X-Content-Type-Options: (absent)",
        "  - level 2 (manners): lacks Access-Control-Allow-Origin: *",
        "      Access-Control-Allow-Origin: (absent)",
    ]
    data = as_json(report.grading, report.routes, "http://x", 7)
    assert (data["url"], data["seed"], data["score"], data["level_reached"]) == (
        "http://x",
        7,
        53.5,
        1,
    )
    first = data["routes"][0]
    assert {k: first[k] for k in ("route", "title", "request", "level")} == {
        "route": "sum_query", "title": "Sum by query",
        "request": "GET /sum?number1=13&number2=28", "level": 1,
    }  # fmt: skip
    body = '{"number1":13.0,"number2":28.0,"total_sum":41.0,"status":200}'
    assert first["got"] == {"status": 200, "content_type": "application/json", "body": body}
    assert first["expected"]["status"] == 200 and first["diagnosis"].startswith("right in meaning")
    assert first["credit"] == {"meaning": 1.0, "manners": 0.0, "exact": 0.0}
    case = next(case for case in data["cases"] if case["name"] == "sum-query-ok")
    assert (case["group"], case["status"], case["request"]) == ("sum_query", 200, text[at + 1][2:])
    assert case["levels"] == {"meaning": True, "manners": False, "exact": False}
    assert case["problems"][0] == {"level": 2, "kind": "lacks X-Content-Type-Options: nosniff",
                                   "detail": "X-Content-Type-Options: (absent)",
                                   "cause": "contract-headers"}  # fmt: skip


def test_a_curl_line_repeats_the_request_as_sent() -> None:
    url = "http://127.0.0.1:5000"
    upgrade = Case("u", "GET", "/sum/1/2", 200, b"", request_headers={"Upgrade": "websocket"})
    assert (
        curl_line(upgrade, url) == "curl -i -H 'Upgrade: websocket' http://127.0.0.1:5000/sum/1/2"
    )
    head = Case("h", "head", "/sum/./1?a=1&b", 200, b"")
    assert (
        curl_line(head, url) == "curl -I -X head --path-as-is 'http://127.0.0.1:5000/sum/./1?a=1&b'"
    )
    post = Case("p", "POST", "/echo/[x]", 405, b"")
    assert curl_line(post, url + "/", origin=True) == (
        "curl -i -X POST --globoff -H 'Origin: http://grader.example' "
        "'http://127.0.0.1:5000/echo/[x]'"
    )
    long = Case("l", "GET", "/echo/" + "a" * 400, 200, b"")
    assert curl_line(long, url) == "(a 406-character target: --details FILE has it whole)"


def wrong_in_meaning(case: Case, right: Answer) -> Answer:
    """An HTML page for every 404, a 200 for every 400, and no contract headers."""
    if case.status == 404:
        return Answer(200, "", {"content-type": "text/html"}, b"<html>hello</html>")
    right = no_headers(case, right)
    return replace(right, status=200) if case.status == 400 else right


@pytest.mark.parametrize("width", [60, 72, 100, 140])
def test_a_card_wraps_at_the_width_it_is_given(width: int) -> None:
    """--width (or the terminal's): every line fits but those pasted whole, a fix's code, a
    curl line, and a route's request line; the words wrap, none is lost."""
    report = graded(server(wrong_in_meaning))
    card = render(report.grading, report.routes, "http://127.0.0.1:5000", "N requests", width=width)
    whole = re.compile(r"^( {8}| {4}again: curl | [✓✗] )")
    assert [line for line in card.splitlines() if len(line) > width and not whole.match(line)] == []
    assert "→ fix: answer 400 with the contract's message when the sum overflows to infinity" in (
        " ".join(card.split())
    )


def test_the_card_is_as_wide_as_the_terminal_or_the_fixed_width() -> None:
    assert terminal_width() == WIDTH  # pytest's stdout is no terminal
    assert parser().parse_args(["http://x", "--width", "60"]).width == 60
    with pytest.raises(SystemExit):
        parser().parse_args(["http://x", "--width", "59"])
