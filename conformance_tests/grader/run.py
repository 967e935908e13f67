"""Grade a server at a URL: check it answers HTTP at all, then send every case once.

Fails fast and clearly: a URL without a scheme, nothing listening, or a server
that never answers ends in one plain sentence within seconds, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from http.client import HTTPException
from urllib.parse import urlsplit

import requests

from conformance_tests.grader.cases import Case
from conformance_tests.grader.checks import assess
from conformance_tests.grader.checks import unanswered
from conformance_tests.grader.failures import closed_unanswered
from conformance_tests.grader.failures import why_no_answer
from conformance_tests.grader.http import TIMEOUT
from conformance_tests.grader.http import Answer
from conformance_tests.grader.http import send
from conformance_tests.grader.results import Result
from conformance_tests.grader.results import graded_levels

PREFLIGHT_TIMEOUT = 3.0
STOPPED_AFTER = 3
"""Requests in a row without an answer after which the server is taken to have stopped."""

Sender = Callable[[str, str, dict[str, str], bytes], Answer]
"""Sends one request (method, target, headers, body) and returns the answer, or raises."""

__all__ = ["Result", "Sender", "Unusable", "grade", "graded_levels", "preflight", "sender"]


class Unusable(Exception):
    """The URL cannot be graded at all; the message is the one line to show."""


def normalize(url: str) -> str:
    """``http://host:port`` (any path kept), or Unusable with what to type instead."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        hint = url if "://" not in url else url.split("://", 1)[1]
        raise Unusable(f"{url!r} is not an http:// URL: did you mean http://{hint}?")
    if parts.query or parts.fragment:
        raise Unusable(f"{url!r}: give the server's base URL, without ? or #")
    return url.rstrip("/")


def sender(base_url: str, timeout: float, session: requests.Session | None = None) -> Sender:
    """Requests to ``base_url``, as a browser's cross-origin fetch sends them."""

    def one(method: str, target: str, headers: dict[str, str], body: bytes) -> Answer:
        return send(base_url, method, target, headers, timeout, session, body)

    return one


def preflight(url: str, timeout: float = PREFLIGHT_TIMEOUT) -> str:
    """The normalized URL, once one request got an HTTP answer; otherwise Unusable."""
    base = normalize(url)
    try:
        sender(base, timeout)("GET", "/sum/42/117", {}, b"")
    except (OSError, HTTPException) as error:  # requests' errors are OSErrors too
        raise Unusable(f"cannot check {base}: {why_no_answer(error, timeout)}") from None
    return base


def grade(
    base_url: str | Sender,
    cases: Sequence[Case],
    timeout: float = TIMEOUT,
    progress: Callable[[int, int], None] | None = None,
) -> list[Result]:
    """Every case once over one keep-alive session; stops if the server stops answering.

    A kept-alive connection the server closed or reset unanswered (as after its own 500)
    is tried once more on a new connection before the case counts as unanswered.

    ``base_url`` may also be a sender of one's own (the tests grade apps in-process so).
    """
    results: list[Result] = []
    silent = 0
    with requests.Session() as session:
        send_one = sender(base_url, timeout, session) if isinstance(base_url, str) else base_url
        where = base_url if isinstance(base_url, str) else "the server"
        for number, case in enumerate(cases, 1):
            request = (case.method, case.target, dict(case.request_headers), case.request_body)
            try:
                try:
                    answer = send_one(*request)
                except (OSError, HTTPException) as error:
                    if not closed_unanswered(error):
                        raise
                    again = sender(base_url, timeout) if isinstance(base_url, str) else base_url
                    answer = again(*request)  # once, on a new connection of its own
            except (OSError, HTTPException) as error:
                silent += 1
                why = why_no_answer(error, timeout)
                if silent >= STOPPED_AFTER:
                    raise Unusable(
                        f"{where} stopped answering after {number - silent} of "
                        f"{len(cases)} requests ({silent} in a row: {why})"
                    ) from None
                results.append(Result(case, None, tuple(unanswered(case, why))))
            else:
                silent = 0
                results.append(Result(case, answer, tuple(assess(answer, case))))
            if progress:
                progress(number, len(cases))
    return results
