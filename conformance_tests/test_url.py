"""``pytest conformance_tests --base-url URL``: any server, one test per case and level.

The same grading as ``python -m conformance_tests URL``, as pytest tests for autograders
that read them; it needs only the light install (requests, PyYAML, pytest).
"""

from __future__ import annotations

import pytest

from conformance_tests.asserting import explain
from conformance_tests.grader.cases import Case
from conformance_tests.grader.examine import Report
from conformance_tests.grader.levels import Level


def test_base_url(graded: Report, url_check: tuple[Case, Level]) -> None:
    """One case at one level, counted as the card counts it: with the levels below it."""
    case, level = url_check
    grading = graded.grading
    result = grading.by_name[case.name]
    if not grading.passes(result, level):
        problems = [p for p in result.problems if p.level == level]
        first = problems or [p for p in result.problems if p.level < level]
        twin = f"{case.name}: its GET twin ({case.twin_of}) fails level 1 (meaning) first"
        pytest.fail(explain(case, first) if first else twin, pytrace=False)
