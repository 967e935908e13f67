"""Points per level for course autograders: they add up to the card's score, each level is
earned whole, in part or not at all, and the files say so as GitHub Classroom's reporter and
Gradescope read them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conformance_tests.grader.examine import Report
from conformance_tests.grader.http import Answer
from conformance_tests.grader.levels import Level
from conformance_tests.grader.points import classroom
from conformance_tests.grader.points import gradescope
from conformance_tests.grader.points import level_points
from conformance_tests.grader.points import no_points
from tests.answering import graded
from tests.answering import server


def right(case: object, answer: Answer) -> Answer:
    return answer


def no_headers(case: object, answer: Answer) -> Answer:
    return replace(answer, headers={"content-type": "application/json"} if answer.body else {})


def spaced(case: object, answer: Answer) -> Answer:
    """Right but for the bytes: a space after each colon, as json.dumps writes it."""
    return replace(answer, body=answer.body.replace(b'":', b'": '))


def text_sums(case: object, answer: Answer) -> Answer:
    """Every answer as plain text: level 1 not reached."""
    return replace(answer, headers={"content-type": "text/html"}, body=b"<p>oops</p>")


SERVERS = {"right": right, "spaced": spaced, "no_headers": no_headers, "text": text_sums}


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {name: graded(server(change)) for name, change in SERVERS.items()}


@pytest.mark.parametrize("name", SERVERS)
def test_the_points_add_up_to_the_score(reports: dict[str, Report], name: str) -> None:
    grading = reports[name].grading
    assert sum(p.earned for p in level_points(grading)) == pytest.approx(grading.score(), abs=0.05)
    assert [p.worth for p in level_points(grading)] == [50, 30, 20]


@pytest.mark.parametrize(
    ("name", "whole"),
    [("right", [True, True, True]), ("spaced", [True, True, False]),
     ("no_headers", [True, False, False]), ("text", [False, False, False])],
)  # fmt: skip
def test_a_level_reached_is_earned_whole_the_next_in_part_and_those_above_not_at_all(
    reports: dict[str, Report], name: str, whole: list[bool]
) -> None:
    points = level_points(reports[name].grading)
    assert [p.reached for p in points] == whole
    following = whole.index(False) if False in whole else None
    for index, p in enumerate(points):
        if following is not None and index > following:
            assert p.earned == 0, p
        if index == following:
            assert 0 < p.earned < p.worth, p


def test_gradescope_gets_a_test_per_level_and_the_card_as_its_output(
    reports: dict[str, Report],
) -> None:
    document = gradescope(level_points(reports["no_headers"].grading), "THE CARD", 3.4)
    assert document["output"] == "THE CARD"
    assert document["score"] == pytest.approx(reports["no_headers"].grading.score(), abs=0.05)
    tests = document["tests"]
    assert [t["name"] for t in tests] == ["Level 1: meaning", "Level 2: manners", "Level 3: exact"]
    assert [t["status"] for t in tests] == ["passed", "failed", "failed"]
    assert [t["max_score"] for t in tests] == [50, 30, 20]
    assert tests[0]["score"] == 50 and 0 < tests[1]["score"] < 30 and tests[2]["score"] == 0
    assert "cases pass level 2 (manners)" in tests[1]["output"]


def test_classroom_s_reporter_shows_the_card_at_the_first_level_not_reached(
    reports: dict[str, Report],
) -> None:
    grading = reports["no_headers"].grading
    document = classroom(level_points(grading), "THE CARD", 3.4, Level.MEANING)
    assert document["version"] == 1 and document["max_score"] == 100
    assert document["status"] == "pass"
    assert [t["status"] for t in document["tests"]] == ["pass", "fail", "fail"]
    assert [t["message"] == "THE CARD" for t in document["tests"]] == [False, True, False]
    total = sum(t["score"] for t in document["tests"])
    assert total == pytest.approx(grading.score(), abs=0.05)
    assert classroom(level_points(grading), "", 1.0, Level.MANNERS)["status"] == "fail"
    everything = classroom(level_points(reports["right"].grading), "ALL RIGHT", 1.0, Level.EXACT)
    assert everything["status"] == "pass"
    assert all(t["message"] != "ALL RIGHT" for t in everything["tests"])


def test_a_server_that_never_answered_earns_nothing_and_its_one_line_is_the_feedback() -> None:
    document = classroom(no_points(), "did not start: exited at once", 0.5, Level.MEANING)
    assert document["status"] == "fail" and document["max_score"] == 100
    assert [t["score"] for t in document["tests"]] == [0, 0, 0]
    assert document["tests"][0]["message"] == "did not start: exited at once"
    assert gradescope(no_points(), "x", 0.5)["score"] == 0
