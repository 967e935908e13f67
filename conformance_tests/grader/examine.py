"""One grading of one server, start to end: what the command line and the pytest route share.

Send every case, read the results level by level, and diagnose each route,
asking the server a few more questions where a near miss can be told apart
(other query names). Both ways of checking a URL go through ``examine``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass

from conformance_tests.grader.cases import GROUPS
from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import Group
from conformance_tests.grader.diagnosis import routes
from conformance_tests.grader.http import TIMEOUT
from conformance_tests.grader.results import Grading
from conformance_tests.grader.route_line import RouteLine
from conformance_tests.grader.run import Sender
from conformance_tests.grader.run import grade
from conformance_tests.grader.run import sender


@dataclass(frozen=True)
class Report:
    """A graded run: every result, each route's line, and how long it took."""

    grading: Grading
    routes: list[RouteLine]
    seconds: float


def examine(
    target: str | Sender,
    cases: Sequence[Case],
    timeout: float = TIMEOUT,
    groups: Sequence[Group] = GROUPS,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Grade the server at a URL (or behind a sender of one's own); raises Unusable."""
    started = time.monotonic()
    results = grade(target, cases, timeout, progress)
    grading = Grading(results, groups)
    ask = sender(target, timeout) if isinstance(target, str) else target
    return Report(grading, routes(grading, ask), time.monotonic() - started)
