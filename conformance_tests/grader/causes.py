"""Why an answer is wrong in meaning, where its request and answer together tell: the cause.

A 404 is "the route is missing" only when the route really is; for ``//echo/a`` it is
leading slashes not folded into one. A cause names what happened in the learner's
words, so that one fix (fixes.py) can be given for every case it explains.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes
from urllib.parse import urlsplit

from conformance_tests.grader.cases import Case
from conformance_tests.grader.http import Answer

REPEATED = b"Repeated addend"
INVALID = b"Invalid number as addend"
OVERFLOW = b"Sum is too large"
MISSING = b"Missing addend"
FRAMEWORK_PAGES = ("/docs", "/redoc", "/openapi.json")
NOT_IMPLEMENTED = 501
"""A server's answer to a method it has no handler for (Python's http.server): no crash."""
ERROR_PAGES = (404, 405)
"""The statuses a framework answers with a page of its own unless told otherwise."""


@dataclass(frozen=True)
class Cause:
    """One reason for a wrong meaning, told apart by the request and the answer."""

    name: str
    kind: str
    """What the card says happened: the same words for every case it explains."""
    applies: Callable[[Case, Answer], bool]
    section: str
    """The contract section (an anchor in contract/README.md) that states the rule."""


def _path(target: str) -> str:
    return target.partition("?")[0]


def _location(answer: Answer) -> str:
    return _path(urlsplit(answer.header("Location") or "").path or "")


def _redirect(answer: Answer) -> bool:
    return 300 <= answer.status < 400


def sent_as_list(case: Case, answer: Answer) -> bool:
    """A view's ``return body, 400`` that a framework (FastAPI) sent as the JSON list
    ``[body, 400]`` with a 200."""
    try:
        said = json.loads(answer.body)
    except ValueError:
        return False
    return (
        answer.status == 200 != case.status
        and isinstance(said, list)
        and len(said) == 2
        and said[1] == case.status
    )


def _options_unanswered(case: Case, answer: Answer) -> bool:
    return case.status == 204 and answer.status != 204


def _header_refused(case: Case, answer: Answer) -> bool:
    return case.group == "headers" and answer.status == 400 and case.status != 400


def _not_utf8(target: str) -> bool:
    try:
        unquote_to_bytes(_path(target)).decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _bad_bytes_misread(case: Case, answer: Answer) -> bool:
    """A path with bytes that are not UTF-8, answered otherwise than by reading each as U+FFFD
    (Bottle drops them, so /sum/%FF/1 is /sum//1)."""
    return _not_utf8(case.target) and (answer.status != case.status or answer.body != case.body)


def _error_page(case: Case, answer: Answer) -> bool:
    """The framework's own 404 or 405 where the contract answers its JSON error: an HTML or
    text page (Flask's, Bottle's, Express's "Cannot GET"), or FastAPI's {"detail": …}."""
    if case.status not in ERROR_PAGES or answer.status != case.status:
        return False
    try:
        said = json.loads(answer.body)
    except ValueError:
        return bool(answer.body)  # a page, not your code's JSON
    return isinstance(said, dict) and set(said) == {"detail"}


def _merges_slashes(case: Case, answer: Answer) -> bool:
    path = _path(case.target).lstrip("/")
    return _redirect(answer) and "//" in path and _location(answer) == "/" + _merge(path)


def _merge(path: str) -> str:
    while "//" in path:
        path = path.replace("//", "/")
    return path


def _moves_a_trailing_slash(case: Case, answer: Answer) -> bool:
    path, location = _path(case.target), _location(answer)
    return _redirect(answer) and location != path and location.rstrip("/") == path.rstrip("/")


def _slashes_not_folded(case: Case, answer: Answer) -> bool:
    return case.target.startswith("//") and case.status == 200 and answer.status == 404


def _framework_page(case: Case, answer: Answer) -> bool:
    return _path(case.target) in FRAMEWORK_PAGES and answer.status == 200


def _trailing_slash_served(case: Case, answer: Answer) -> bool:
    path = _path(case.target)
    return case.status == 404 and answer.status == 200 and path.endswith("/") and len(path) > 1


def _encoded_slash_kept(case: Case, answer: Answer) -> bool:
    return case.status == 404 and answer.status == 200 and "%2f" in _path(case.target).lower()


def _other_case(case: Case, answer: Answer) -> bool:
    letters = re.sub("%[0-9A-Fa-f]{2}", "", _path(case.target))  # not an escape's hex digits
    return case.status == 404 and answer.status == 200 and letters != letters.lower()


def _too_long(case: Case, answer: Answer) -> bool:
    return answer.status in (414, 431) and case.status != answer.status


def _number_accepted(case: Case, answer: Answer) -> bool:
    return INVALID in case.body and answer.status == 200


def _overflow_answered(case: Case, answer: Answer) -> bool:
    return OVERFLOW in case.body and answer.status == 200


def _not_refused_as(message: bytes, case: Case, answer: Answer) -> bool:
    """The case wants this 400, and the answer is no 400, or a JSON 400 that says another
    thing (a 400 page of another kind is a problem of its body, told elsewhere)."""
    if message not in case.body:
        return False
    if answer.status != 400:
        return True
    try:
        said = json.loads(answer.body)
    except ValueError:
        return False
    return isinstance(said, dict) and message.decode() not in str(said.get("message"))


def _missing_not_refused(case: Case, answer: Answer) -> bool:
    return _not_refused_as(MISSING, case, answer)


def _repeat_not_refused(case: Case, answer: Answer) -> bool:
    return _not_refused_as(REPEATED, case, answer)


UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
"""The methods a CSRF check guards: a form could send them from another site."""


def crashed(status: int) -> bool:
    """Whether a status says the server failed: a 5xx, but for a method with no handler."""
    return status >= 500 and status != NOT_IMPLEMENTED


def _no_method_handler(case: Case, answer: Answer) -> bool:
    return answer.status == NOT_IMPLEMENTED and case.status != NOT_IMPLEMENTED


def _csrf_refused(case: Case, answer: Answer) -> bool:
    """A 403 to a method a form could send, on a path the contract knows: a CSRF check
    (Django's middleware, by default) that refuses it before any view runs."""
    return case.method.upper() in UNSAFE and answer.status == 403 and case.status in (405, 204)


CAUSES = [
    Cause("no-method-handler", "501 (not implemented): your server has no handler for this "
          "method", _no_method_handler, "methods"),
    Cause("csrf", "a POST, PUT, PATCH or DELETE is refused (403) before your code runs: a "
          "CSRF check", _csrf_refused, "methods"),
    Cause("tuple-as-list", "a (body, status) pair sent as a JSON list with 200: your framework "
          "does not read a returned tuple as the status", sent_as_list, "errors"),
    Cause("bytes-not-utf8", "a path with bytes that are not UTF-8 is misread: the contract "
          "reads each such byte as U+FFFD (�)", _bad_bytes_misread, "routes"),
    Cause("error-page", "your framework's own error page answers (a 404 or 405), not the "
          'contract\'s JSON error {"message":…,"status":…}',
          _error_page, "errors"),
    Cause("merged-slashes", "a redirect that merges slashes: the contract answers at the very "
          "URL asked", _merges_slashes, "routes"),
    Cause("trailing-slash-redirect", "a redirect that adds or drops a trailing slash: the "
          "contract answers at the very URL asked", _moves_a_trailing_slash, "routes"),
    Cause("leading-slashes", "404 for a path that starts with two slashes: leading slashes "
          "are not folded into one", _slashes_not_folded, "routes"),
    Cause("framework-pages", "your framework's own pages answer (/docs, /redoc, "
          "/openapi.json): the contract has no such path", _framework_page, "errors"),
    Cause("trailing-slash-served", "a path with a trailing slash is served as the route "
          "without it: the contract says 404", _trailing_slash_served, "errors"),
    Cause("encoded-slash", "a path with an encoded slash (%2F) is served as one segment: the "
          "contract routes %2F as a slash", _encoded_slash_kept, "routes"),
    Cause("case-insensitive", "a path in other letters' case is served as the route: the "
          "contract's paths are case-sensitive", _other_case, "errors"),
    Cause("too-long", "a long request is refused as too long (414 or 431): the contract's "
          "longest echo is a 48 KB request line", _too_long, "routes"),
    Cause("number-accepted", "an addend that is not a finite ASCII decimal is summed (200 "
          "where the contract refuses with 400)", _number_accepted, "addends"),
    Cause("sum-overflow", "a sum that overflows to infinity is answered (200 where the "
          "contract refuses with 400)", _overflow_answered, "errors"),
    Cause("missing-addend", "a query without number1 or number2 is not refused as missing",
          _missing_not_refused, "addends"),
    Cause("repeated-addend", "an addend given twice is not refused as repeated",
          _repeat_not_refused, "addends"),
    Cause("options", "OPTIONS is not answered as the contract says: 204, with Allow: GET, "
          "HEAD, OPTIONS and no body", _options_unanswered, "methods"),
    Cause("request-header-refused", "a request is refused (400) for a header it carries "
          "(Upgrade, or a Host that is no domain name): the contract reads no request header",
          _header_refused, "request-headers"),
    Cause("redirect", "a redirect where the contract answers at the very URL asked",
          lambda case, answer: _redirect(answer), "routes"),
]  # fmt: skip
"""The first that applies names the cause; the order puts the telling ones first."""


def cause_of(case: Case, answer: Answer) -> Cause | None:
    """The cause of this answer's wrong meaning, where it can be told; else None. A crash
    is its own cause, whatever the request."""
    if crashed(answer.status):
        return None
    return next((cause for cause in CAUSES if cause.applies(case, answer)), None)
