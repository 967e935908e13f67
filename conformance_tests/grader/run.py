"""Grade a server at a URL: check it answers HTTP at all, then send every case once.

Fails fast and clearly: a URL without a scheme, nothing listening, or a server
that never answers ends in one plain sentence within seconds, never a traceback. A
server that answers some requests gets a card, whatever happens to the others.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from http.client import HTTPException
from urllib.parse import urlsplit

import requests

from conformance_tests.grader.cases import Case
from conformance_tests.grader.checks import assess
from conformance_tests.grader.failures import closed_unanswered
from conformance_tests.grader.failures import why_no_answer
from conformance_tests.grader.http import TIMEOUT
from conformance_tests.grader.http import Answer
from conformance_tests.grader.http import send
from conformance_tests.grader.problems import CLOSED_KIND
from conformance_tests.grader.problems import NOT_SENT
from conformance_tests.grader.problems import unanswered
from conformance_tests.grader.results import Result

PREFLIGHT_TIMEOUT = 3.0
STOPPED_AFTER = 3
"""Requests in a row refused or unanswered in time after which the server has stopped (a
connection closed unanswered is not one: the server is still there)."""

Sender = Callable[[str, str, dict[str, str], bytes], Answer]
"""Sends one request (method, target, headers, body) and returns the answer, or raises."""


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
    """The normalized URL, once something there speaks or at least listens; otherwise Unusable.

    A connection closed unanswered passes: a server may fail on this one request and answer
    others (grade() then says whether it answers any)."""
    base = normalize(url)
    try:
        sender(base, timeout)("GET", "/sum/42/117", {}, b"")
    except (OSError, HTTPException) as error:  # requests' errors are OSErrors too
        if not closed_unanswered(error):
            raise Unusable(f"cannot check {base}: {why_no_answer(error, timeout)}") from None
    return base


def grade(
    base_url: str | Sender,
    cases: Sequence[Case],
    timeout: float = TIMEOUT,
    progress: Callable[[int, int], None] | None = None,
) -> list[Result]:
    """Every case once over one keep-alive session, as long as the server answers.

    A connection the server closed or reset unanswered (as after its own 500, or a handler
    that raised) is tried once more on a new connection, then that case counts as unanswered
    and the run goes on. A server refusing or silent ``STOPPED_AFTER`` times in a row has
    stopped: the cases left are not sent, and count as failures (NOT_SENT). Only a server
    that answers nothing at all is Unusable.

    ``base_url`` may also be a sender of one's own (the tests grade apps in-process so).
    """
    results: list[Result] = []
    silent = 0
    why = ""
    with requests.Session() as session:
        send_one = sender(base_url, timeout, session) if isinstance(base_url, str) else base_url
        for number, case in enumerate(cases, 1):
            request = (case.method, case.target, dict(case.request_headers), case.request_body)
            if silent >= STOPPED_AFTER:
                results.append(Result(case, None, tuple(unanswered(case, "", NOT_SENT))))
                continue
            first: BaseException | None = None
            try:
                try:
                    answer = send_one(*request)
                except (OSError, HTTPException) as error:
                    if not closed_unanswered(error):
                        raise
                    first = error
                    again = sender(base_url, timeout) if isinstance(base_url, str) else base_url
                    answer = again(*request)  # once, on a new connection of its own
            except (OSError, HTTPException) as error:
                why = why_no_answer(first or error, timeout)  # the first says what happened
                if closed_unanswered(error):  # twice: the server is there, but not for this
                    silent, checks = 0, unanswered(case, why, CLOSED_KIND, "closed")
                else:
                    silent, checks = silent + 1, unanswered(case, why)
                results.append(Result(case, None, tuple(checks)))
            else:
                silent = 0
                results.append(Result(case, answer, tuple(assess(answer, case))))
            if progress:
                progress(number, len(cases))
    if results and all(result.answer is None for result in results):
        where = base_url if isinstance(base_url, str) else "the server"
        raise Unusable(f"cannot check {where}: {why}")
    return results
