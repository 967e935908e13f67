"""Grade a server at a URL: check it answers HTTP at all, then send every case once.

Fails fast and clearly: a URL without a scheme, nothing listening, or a server
that never answers ends in one line within seconds, not in a traceback per case.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from conformance_tests.grader.cases import Case
from conformance_tests.grader.checks import Problem
from conformance_tests.grader.checks import case_problems
from conformance_tests.grader.http import TIMEOUT
from conformance_tests.grader.http import Answer
from conformance_tests.grader.http import call_http
from conformance_tests.grader.levels import Level

PREFLIGHT_TIMEOUT = 3.0
STOPPED_AFTER = 3
"""Requests in a row without an answer after which the server is taken to have stopped."""


class Unusable(Exception):
    """The URL cannot be graded at all; the message is the one line to show."""


@dataclass(frozen=True)
class Result:
    """One case and what the server made of it."""

    case: Case
    answer: Answer | None
    problems: tuple[Problem, ...]

    def fails(self, level: Level) -> bool:
        """Whether the case fails the checks of exactly this level."""
        return any(p.level == level for p in self.problems)


def graded_levels(case: Case) -> list[Level]:
    """The levels that grade a case: from its own level up to the exact bytes."""
    return [level for level in Level if level >= case.level]


def normalize(url: str) -> str:
    """``http://host:port`` (any path kept), or Unusable with what to type instead."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        hint = url if "://" not in url else url.split("://", 1)[1]
        raise Unusable(f"{url!r} is not an http:// URL: did you mean http://{hint}?")
    if parts.query or parts.fragment:
        raise Unusable(f"{url!r}: give the server's base URL, without ? or #")
    return url.rstrip("/")


def _why_no_answer(error: requests.RequestException, timeout: float) -> str:
    text = str(error)
    if isinstance(error, requests.ReadTimeout):
        return f"it accepted the connection but sent no answer within {timeout:g} s"
    if isinstance(error, requests.ConnectTimeout):
        return f"no connection within {timeout:g} s"
    if "Connection refused" in text:
        return "nothing is listening there (connection refused)"
    if "Name or service not known" in text or "NameResolutionError" in text:
        return "its host name does not resolve"
    if "BadStatusLine" in text or "RemoteDisconnected" in text or "InvalidChunkLength" in text:
        return "what answers there does not speak HTTP (or closed the connection at once)"
    return text.splitlines()[0][:200]


def preflight(url: str, timeout: float = PREFLIGHT_TIMEOUT) -> str:
    """The normalized URL, once one request got an HTTP answer; otherwise Unusable."""
    base = normalize(url)
    try:
        call_http(base, "GET", "/sum/42/117", timeout=timeout)
    except requests.RequestException as error:
        raise Unusable(f"cannot check {base}: {_why_no_answer(error, timeout)}") from None
    return base


def grade(
    base_url: str,
    cases: Sequence[Case],
    timeout: float = TIMEOUT,
    progress: Callable[[int, int], None] | None = None,
) -> list[Result]:
    """Every case once over one keep-alive session; stops if the server stops answering."""
    results: list[Result] = []
    silent = 0
    with requests.Session() as session:
        for number, case in enumerate(cases, 1):
            answer: Answer | None = None
            try:
                answer = call_http(
                    base_url, case.method, case.target, case.request_headers, timeout, session
                )
            except requests.RequestException as error:
                silent += 1
                why = _why_no_answer(error, timeout)
                problems: tuple[Problem, ...] = tuple(
                    Problem(level, "no answer", why, "") for level in graded_levels(case)
                )
                if silent >= STOPPED_AFTER:
                    raise Unusable(
                        f"{base_url} stopped answering after {number - silent} of "
                        f"{len(cases)} requests ({silent} in a row: {why})"
                    ) from None
            else:
                silent = 0
                problems = tuple(case_problems(answer, case))
            results.append(Result(case, answer, problems))
            if progress:
                progress(number, len(cases))
    return results
