"""Every case, live, under every production server of the adapter's kind, not only the default
one that ``test_live`` uses: a server that changes an answer (a header, a status, a body) shows
here. A server's known gap (harness/servers/known_gaps.py) must still fail, so that a release
that fixes it is noticed, as in ``test_live``."""

from __future__ import annotations

import pytest

from conformance_tests.asserting import explain
from conformance_tests.grader.cases import Case
from conformance_tests.grader.checks import case_problems
from conformance_tests.grader.http import call_http
from harness.adapters import Adapter
from harness.servers.live import serve
from harness.servers.registry import SERVERS


def problems_of(url: str, case: Case) -> str:
    """What is wrong with the answer, as ``test_live`` shows it; empty when nothing is."""
    try:
        answer = call_http(url, case.method, case.target, case.request_headers,
                           body=case.request_body)  # fmt: skip
    except OSError as error:  # a server that drops the connection fails the case, not the test
        return f"no answer: {error!r}"
    problems = case_problems(answer, case)
    return explain(case, problems) if problems else ""


@pytest.mark.live
def test_every_case_under_every_production_server(
    adapter: Adapter, production_server: str, http_cases: list[Case]
) -> None:
    server = SERVERS[production_server]
    with serve(adapter, production_server) as live:
        failing = {
            case.name: found for case in http_cases if (found := problems_of(live.url, case))
        }
    gaps = {case.name for case in http_cases if server.gap(case.name)}
    unexpected = {name: found for name, found in failing.items() if name not in gaps}
    assert unexpected == {}, f"{production_server} changes these answers"
    assert gaps <= set(failing), f"known gaps of {production_server} now pass: delete them"
