"""Servers made of answers, for grading the grader without a network.

``contract_answer`` is what the contract says a case must get; a test changes it
the way a learner's implementation would, and grades the result in-process.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence

from conformance_tests.grader.cases import CASES
from conformance_tests.grader.cases import GROUPS
from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import with_head_twins
from conformance_tests.grader.examine import Report
from conformance_tests.grader.examine import examine
from conformance_tests.grader.generated import every_case
from conformance_tests.grader.http import Answer
from conformance_tests.grader.run import Sender

SEED = 7
OVER_HTTP = every_case(SEED, over_http=True)
"""What the command line sends to a URL with --seed 7."""
BY_REQUEST = {
    (case.method, case.target, tuple(sorted(case.request_headers.items()))): case
    for case in with_head_twins(CASES) + OVER_HTTP
}


def contract_answer(case: Case) -> Answer:
    """The answer the contract expects, with the headers every answer carries."""
    headers = {"x-content-type-options": "nosniff", "access-control-allow-origin": "*"}
    if case.body or case.method.upper() == "HEAD":
        headers["content-type"] = "application/json"
    headers |= {name.lower(): value for name, value in case.headers.items()}
    return Answer(case.status, "", headers, case.body)


Change = Callable[[Case, Answer], Answer]


def server(change: Change | None = None) -> Sender:
    """A sender answering every case as the contract says, then as ``change`` makes it."""

    def send(method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
        case = BY_REQUEST.get((method, target, tuple(sorted(headers.items()))))
        if case is None:  # a question the grader asks beyond the cases
            return Answer(404, "", {}, b"")
        right = contract_answer(case)
        return change(case, right) if change else right

    return send


def graded(send: Sender, cases: Sequence[Case] = OVER_HTTP) -> Report:
    return examine(send, cases, groups=GROUPS)
