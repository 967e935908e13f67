"""What a course's CI reads: every case in detail, JSON, and JUnit XML.

They count as the card does: a case passes a level only if it passes the levels
below it too, so the XML's passes and the card's table agree.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from conformance_tests.grader.cases import request_line
from conformance_tests.grader.levels import Level
from conformance_tests.grader.results import Grading
from conformance_tests.grader.results import Result
from conformance_tests.grader.results import graded_levels
from conformance_tests.grader.route_line import RouteLine


def verdicts(grading: Grading, result: Result) -> dict[str, bool]:
    """Per level that grades the case: whether it passes that level and those below."""
    return {
        level.name.lower(): grading.passes(result, level) for level in graded_levels(result.case)
    }


def details(grading: Grading) -> str:
    """Every case: its verdict per level, and each problem in full."""
    lines = []
    for result in grading.results:
        case = result.case
        shown = " ".join(
            f"{name}:{'ok' if ok else 'FAIL'}" for name, ok in verdicts(grading, result).items()
        )
        lines.append(f"{case.name} [{case.group}] {shown}")
        lines.append(f"  {request_line(case, 100)}")
        if case.description:
            lines.append(f"  ({case.description})")
        for problem in result.problems:
            lines.append(f"  - {problem.level.label}: {problem.kind}")
            lines += [f"      {line}" for line in problem.detail.splitlines()]
    return "\n".join(lines)


def _stopped(grading: Grading) -> dict[str, Any] | None:
    """Where the server stopped answering midway; None if it never did."""
    stop = grading.stop()
    if stop is None:
        return None
    last = stop.last_answered
    return {
        "last_answered": request_line(last.case, 10_000) if last else None,
        "first_unanswered": request_line(stop.first_unanswered.case, 10_000),
        "not_sent": stop.not_sent,
    }


def as_json(grading: Grading, routes: Sequence[RouteLine], url: str, seed: int) -> dict[str, Any]:
    """Everything a course's CI may want, in one document."""
    return {
        "url": url,
        "seed": seed,
        "score": grading.score(),
        "level_reached": grading.reached(),
        "stopped": _stopped(grading),
        "levels": {
            level.name.lower(): {"passed": count.passed, "total": count.total}
            for level in Level
            for count in [grading.count(level)]
        },
        "routes": [
            {
                **route.as_json(),
                "credit": {
                    level.name.lower(): grading.route_credit(route.group.name, level)
                    for level in Level
                },
            }
            for route in routes
        ],  # fmt: skip
        "cases": [
            {
                "name": r.case.name,
                "group": r.case.group,
                "request": request_line(r.case, 10_000),
                "status": r.answer.status if r.answer else None,
                "levels": verdicts(grading, r),
                "problems": [
                    {"level": p.level.value, "kind": p.kind, "detail": p.detail, "cause": p.cause}
                    for p in r.problems
                ],
            }
            for r in grading.results
        ],
    }


def write_document(path: str, document: dict[str, Any]) -> None:
    """A JSON document, readable as it is: UTF-8, indented."""
    with open(path, "w", encoding="utf-8") as file:
        json.dump(document, file, ensure_ascii=False, indent=2)


def write_json(
    grading: Grading, routes: Sequence[RouteLine], url: str, seed: int, path: str
) -> None:
    write_document(path, as_json(grading, routes, url, seed))


def write_junit(grading: Grading, path: str) -> None:
    """One test case per case and level, as pytest's --junitxml would write them."""
    root = ET.Element("testsuites")
    suite = ET.SubElement(root, "testsuite", name="conformance")
    count = failures = 0
    for result in grading.results:
        for level in graded_levels(result.case):
            count += 1
            item = ET.SubElement(
                suite,
                "testcase",
                classname=f"conformance.{result.case.group}",
                name=f"{result.case.name}-{level.name.lower()}",
            )
            if grading.passes(result, level):
                continue
            failures += 1
            wrong = [p for p in result.problems if p.level == level]
            lower = [p for p in result.problems if p.level < level]
            if wrong:
                message = wrong[0].kind
            elif lower:
                message = f"fails {lower[0].level.label} first: {lower[0].kind}"
            else:
                message = "its GET twin fails level 1 (meaning) first"
            failure = ET.SubElement(item, "failure", message=message)
            failure.text = "\n".join(f"{p.kind}\n{p.detail}" for p in wrong or lower) or message
    suite.set("tests", str(count))
    suite.set("failures", str(failures))
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
