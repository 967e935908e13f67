"""``pytest conformance_tests --base-url URL``: any server, one test per case and level.

The same grading as ``python -m conformance_tests URL``, as pytest tests for autograders
that read them; it needs only the light install (requests, PyYAML, pytest).
"""

from __future__ import annotations

from conformance_tests.asserting import assert_conforms
from conformance_tests.grader.cases import Case
from conformance_tests.grader.levels import Level
from conformance_tests.grader.run import Result


def test_base_url(graded: dict[str, Result], url_check: tuple[Case, Level]) -> None:
    """One case at one level: the meaning, the HTTP manners, or the exact bytes."""
    case, level = url_check
    result = graded[case.name]
    assert_conforms(case, [p for p in result.problems if p.level == level])
