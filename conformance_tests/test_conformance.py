"""Every case, against every adapter: in-process, live over HTTP, and at any URL."""

from __future__ import annotations

import pytest

from conformance_tests.cases import CASES
from conformance_tests.cases import GET_CASES
from conformance_tests.cases import Case
from conformance_tests.cases import as_head
from conformance_tests.checks import case_problems
from conformance_tests.clients import call_http
from conformance_tests.clients import call_wsgi
from harness.adapters import Adapter
from harness.adapters import WSGIApp
from harness.live import LiveServer

KNOWN_GAPS = {
    ("gunicorn", "echo-long-unicode"): "gunicorn bounds the request line at 8,190 bytes at most",
    ("gunicorn", "echo-long-emoji"): "gunicorn bounds the request line at 8,190 bytes at most",
}
"""(server, case) → why it cannot pass there. Strict: a fixed gap fails until deleted."""

ALL_CASES = CASES + [as_head(case) for case in GET_CASES]
OVER_HTTP = [case for case in ALL_CASES if not case.in_process_only]
by_case = pytest.mark.parametrize("case", ALL_CASES, ids=[case.name for case in ALL_CASES])
by_case_over_http = pytest.mark.parametrize("case", OVER_HTTP, ids=[c.name for c in OVER_HTTP])


@by_case
def test_in_process(app: WSGIApp, case: Case) -> None:
    answer = call_wsgi(app, case.method, case.target)
    assert case_problems(answer, case) == []


def mark_known_gap(request: pytest.FixtureRequest, server: str, case: Case) -> None:
    reason = KNOWN_GAPS.get((server, case.name.removesuffix("-as-head")))
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))


@pytest.mark.live
@by_case_over_http
def test_live(
    adapter: Adapter,
    live_servers: dict[str, LiveServer],
    case: Case,
    request: pytest.FixtureRequest,
) -> None:
    mark_known_gap(request, live_servers[adapter.name].server, case)
    answer = call_http(live_servers[adapter.name].url, case.method, case.target)
    assert case_problems(answer, case) == []


@pytest.mark.base_url
@by_case_over_http
def test_base_url(base_url: str, case: Case) -> None:
    answer = call_http(base_url, case.method, case.target)
    assert case_problems(answer, case) == []


@by_case
def test_adapters_agree_in_process(all_apps: dict[str, WSGIApp], case: Case) -> None:
    """Same status line, same headers (all of them), byte-identical body."""
    answers = {name: call_wsgi(app, case.method, case.target) for name, app in all_apps.items()}
    first, *others = answers
    for name in others:
        assert answers[name].comparable() == answers[first].comparable(), (name, first)


@pytest.mark.live
@by_case_over_http
def test_adapters_agree_live(live_servers: dict[str, LiveServer], case: Case) -> None:
    """Over HTTP too, leaving out only the headers the server itself adds."""
    answers = {
        name: call_http(live.url, case.method, case.target) for name, live in live_servers.items()
    }
    first, *others = answers
    for name in others:
        assert answers[name].comparable() == answers[first].comparable(), (name, first)
