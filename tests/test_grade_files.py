"""The files a course's CI reads (JSON, JUnit XML, the details): their exact shape.

A CI job parses these by key and by tag, so a renamed key or a lost detail breaks it
as surely as a wrong grade; each is checked here by what a parser would read.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import request_line
from conformance_tests.grader.files import details
from conformance_tests.grader.files import write_json
from conformance_tests.grader.files import write_junit
from conformance_tests.grader.http import Answer
from tests.answering import OVER_HTTP
from tests.answering import graded
from tests.answering import server

TWIN_FIRST = "its GET twin fails level 1 (meaning) first"


def echo_as_text(case: Case, right: Answer) -> Answer:
    """The echo's GET answers text; its HEAD is right in every way but its GET twin's body."""
    if case.group == "echo" and case.method == "GET":
        return replace(right, body=b"hello hello")
    return right


def test_junit_names_each_case_and_level_and_says_why_it_failed(tmp_path: Path) -> None:
    path = tmp_path / "grade.xml"
    write_junit(graded(server(echo_as_text)).grading, str(path))
    assert path.read_bytes().startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == "conformance"
    items = {item.get("name"): item for item in suite.iter("testcase")}
    assert items["echo-ok-meaning"].get("classname") == "conformance.echo"
    failure = items["echo-ok-meaning"].find("failure")
    assert failure is not None
    assert failure.get("message") == "the body is text, not a JSON object"
    assert failure.text is not None
    assert failure.text.splitlines()[:2] == [
        "the body is text, not a JSON object",
        "yours:    200 text: hello hello",
    ]
    twin = items["echo-ok-as-head-manners"].find("failure")
    assert twin is not None and (twin.get("message"), twin.text) == (TWIN_FIRST, TWIN_FIRST)
    above = items["echo-ok-manners"].find("failure")
    assert above is not None and above.text is not None
    assert (
        above.get("message") == "fails level 1 (meaning) first: the body is text, not a JSON object"
    )
    assert above.text.startswith("the body is text, not a JSON object\nyours:")
    assert items["sum-path-ok-meaning"].find("failure") is None


def test_json_has_every_count_route_and_case_by_name(tmp_path: Path) -> None:
    answering = server(echo_as_text)

    def send(method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
        if target == "/echo/silent":
            raise ConnectionResetError("reset")
        return answering(method, target, headers, body)

    report = graded(send, [*OVER_HTTP, Case("silent", "GET", "/echo/silent", 200, b"{}")])
    path = tmp_path / "grade.json"
    write_json(report.grading, report.routes, "http://127.0.0.1:5000", 7, str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["url"], data["seed"], data["level_reached"]) == ("http://127.0.0.1:5000", 7, 0)
    meaning = report.grading.count(report.grading.results[0].case.level)
    assert data["levels"]["meaning"] == {"passed": meaning.passed, "total": meaning.total}
    cases = {case["name"]: case for case in data["cases"]}
    long = cases["echo-long-ascii"]
    assert long["request"] == request_line(
        next(r.case for r in report.grading.results if r.case.name == "echo-long-ascii"), 10_000
    )
    assert len(long["request"]) > 4000 and "…" not in long["request"]
    assert (cases["echo-ok"]["status"], cases["silent"]["status"]) == (200, None)
    assert cases["echo-ok"]["levels"] == {"meaning": False, "manners": False, "exact": False}
    assert cases["echo-ok"]["problems"][0]["level"] == 1
    assert cases["echo-ok"]["problems"][0]["kind"] == "the body is text, not a JSON object"
    assert "é" in path.read_text(encoding="utf-8")  # written as UTF-8, not as \\u escapes


def test_details_show_each_request_up_to_100_characters() -> None:
    shown = details(graded(server(echo_as_text)).grading)
    line = next(line for line in shown.splitlines() if line.startswith("  GET /echo/aaaa"))
    assert len(line) == 2 + len("GET ") + 100 + 1 and line.endswith("…")
