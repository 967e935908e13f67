"""A failed case as pytest shows it: the request, then every problem at its level.

Light (pytest and the grader only), so the URL mode can use it without the project installed.
"""

from __future__ import annotations

import pytest

from conformance_tests.grader.cases import Case
from conformance_tests.grader.problems import Problem
from conformance_tests.grader.showing import shown


def explain(case: Case, problems: list[Problem]) -> str:
    """Every problem of the case, with the request and what the case is about."""
    about = f" ({case.description})" if case.description else ""
    lines = [f"{case.method} {shown(case.target, 120)}{about}"]
    for problem in problems:
        lines.append(f"{problem.level.label}: {problem.kind}")
        lines += [f"    {line}" for line in problem.detail.splitlines()]
    return "\n".join(lines)


def assert_conforms(case: Case, problems: list[Problem]) -> None:
    if problems:
        pytest.fail(explain(case, problems), pytrace=False)
