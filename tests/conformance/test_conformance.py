"""Every case, against every adapter: in-process and live over HTTP, and all agreeing.

The project's adapters must pass every level, exact bytes included, in every mode.
"""

from __future__ import annotations

import pytest

from conformance_tests.asserting import assert_conforms
from conformance_tests.grader.cases import Case
from conformance_tests.grader.checks import case_problems
from conformance_tests.grader.http import call_http
from devtools.in_process import call
from harness.adapters import Adapter
from harness.adapters import App
from harness.servers.live import LiveServer
from harness.servers.registry import SERVERS


def test_in_process(app: App, case: Case) -> None:
    answer = call(app, case.method, case.target, case.request_headers, case.request_body)
    assert_conforms(case, case_problems(answer, case))


def mark_known_gap(request: pytest.FixtureRequest, server: str, case: Case) -> None:
    """A server's known gap (harness/servers/known_gaps.py) in this case is a strict expected
    failure: a release that fixes it fails the suite until the gap is deleted."""
    gap = SERVERS[server].gap(case.name)
    if gap:
        request.applymarker(pytest.mark.xfail(reason=gap.reason, strict=True))


@pytest.mark.live
def test_live(
    adapter: Adapter,
    live_servers: dict[str, LiveServer],
    http_case: Case,
    request: pytest.FixtureRequest,
) -> None:
    mark_known_gap(request, live_servers[adapter.name].server, http_case)
    answer = call_http(
        live_servers[adapter.name].url,
        http_case.method,
        http_case.target,
        http_case.request_headers,
        body=http_case.request_body,
    )
    assert_conforms(http_case, case_problems(answer, http_case))


def test_adapters_agree_in_process(all_apps: dict[str, App], case: Case) -> None:
    """Same status line, same headers (all of them), byte-identical body."""
    answers = {
        name: call(app, case.method, case.target, case.request_headers, case.request_body)
        for name, app in all_apps.items()
    }
    first, *others = answers
    for name in others:
        assert answers[name].comparable() == answers[first].comparable(), (name, first)


@pytest.mark.live
def test_adapters_agree_live(live_servers: dict[str, LiveServer], http_case: Case) -> None:
    """Over HTTP too, leaving out only the headers the server itself adds."""
    answers = {
        name: call_http(
            live.url,
            http_case.method,
            http_case.target,
            http_case.request_headers,
            body=http_case.request_body,
        )
        for name, live in live_servers.items()
    }
    first, *others = answers
    for name in others:
        assert answers[name].comparable() == answers[first].comparable(), (name, first)
