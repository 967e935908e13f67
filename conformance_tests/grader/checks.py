"""What the contract demands of an answer: each aspect checked, with the credit it earns.

A check is one aspect of one answer at one level: the route was found, the status,
JSON, its keys, its values, a header, the exact bytes. It earns credit from 0 to 1,
so a score can tell a near miss from an answer far off. One that falls short
carries a problem, unless another problem of the same answer already explains it
(a missing route explains a wrong body); problems.py says what a problem holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

from conformance_tests.grader.cases import Case
from conformance_tests.grader.causes import NOT_IMPLEMENTED
from conformance_tests.grader.causes import cause_of
from conformance_tests.grader.causes import crashed
from conformance_tests.grader.http import BROWSER_ORIGIN
from conformance_tests.grader.http import Answer
from conformance_tests.grader.levels import Level
from conformance_tests.grader.meaning import meant
from conformance_tests.grader.problems import Check
from conformance_tests.grader.problems import Problem
from conformance_tests.grader.problems import verdict
from conformance_tests.grader.showing import body_kind
from conformance_tests.grader.showing import byte_differences
from conformance_tests.grader.showing import described
from conformance_tests.grader.showing import json_differences
from conformance_tests.grader.showing import same_meaning
from conformance_tests.grader.showing import shown

JSON_TYPE = "application/json"
REQUIRED_ON_EVERY_ANSWER = {
    "X-Content-Type-Options": "nosniff",
    "Access-Control-Allow-Origin": "*",
}
QUOTED = 72
"""How much of the contract's body an answer's detail quotes: as much as of yours, so the
card's lines fit (the case data holds it whole)."""
EXACT_HEADERS = {"content-length"}
"""Case headers that follow from the canonical bytes (a HEAD's Content-Length): level 3."""


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def strict_json(body: bytes) -> Any:
    """Parse as RFC 8259 JSON: UTF-8, and no NaN or Infinity."""
    return json.loads(body.decode("utf-8"), parse_constant=_no_constants)


def media_type(value: str | None) -> str | None:
    """``Application/JSON; charset=utf-8`` → ``application/json``: media types ignore case."""
    return None if value is None else value.partition(";")[0].strip().lower()


def method_set(value: str | None) -> set[str]:
    """An ``Allow`` list as a set: HTTP gives it no order."""
    return {token.strip() for token in (value or "").split(",") if token.strip()}


def route_found(got: int, expected: int) -> bool:
    """Whether the answer came from the route the contract has for this request (or, for a
    path the contract lacks, from no route): a crash, a redirect or a 404 hides it."""
    if got == expected:
        return True
    if got >= 500 or 300 <= got < 400:
        return False
    if expected == 404:
        return got == 404
    if expected in (200, 400):
        return got not in (404, 405)  # a route that answers GET
    return got != 404  # a 405 or 204: the path is known


def _status_kind(got: int, expected: int) -> str:
    """The same words for the same cause, whatever the contract expected there. A redirect,
    or an OPTIONS not answered 204, is always named by its cause instead (causes.py)."""
    if got == NOT_IMPLEMENTED:
        return "501 (not implemented): your server has no handler for this method"
    if got >= 500:
        return f"the server failed ({got}): your code raised an exception"
    if got == 404:
        return "404 where the contract has a route: the route is missing"
    if got == 405 and expected != 405:
        return "405 where the contract's route answers GET"
    if expected == 404:
        return f"{got} for a path the contract does not have (it says 404)"
    return f"status {got} where the contract says {expected}"


def _answer_lines(answer: Answer, case: Case) -> str:
    """Yours first, then the contract's: the order every detail keeps."""
    yours = f"yours:    {answer.status} {described(answer.body, answer.header('Content-Type'))}"
    contract = f"contract: {case.status} {shown(case.body, QUOTED) if case.body else '(no body)'}"
    location = answer.header("Location")
    return f"{yours}{f' → {location}' if location else ''}\n{contract}"


def _meaning(answer: Answer, case: Case) -> list[Check]:
    """Status and JSON value, however the JSON is written: at the case's own level."""
    check = partial(verdict, case.level)
    found = route_found(answer.status, case.status)
    status_right = answer.status == case.status
    kind = _status_kind(answer.status, case.status)
    lines = _answer_lines(answer, case)
    checks = [check("answered", float(not crashed(answer.status) or status_right)),
              check("meaning", meant(answer, case))]  # told by the checks below  # fmt: skip
    if found:  # the route answered: a wrong status is the thing to fix
        checks += [check("route", 1.0), check("status", float(status_right), kind, lines)]
    else:  # no route answered (a crash, a redirect, a 404): that is the thing to fix
        checks += [check("route", 0.0, kind, lines), check("status", float(status_right))]
    if case.body and case.method.upper() != "HEAD":
        checks += _body(answer, case, found, status_right, check)
    return checks


def _body(
    answer: Answer, case: Case, found: bool, status_right: bool, check: Callable[..., Check]
) -> list[Check]:
    """Content-Type, JSON, keys, values: problems only where the route and status are right."""
    if not found:
        return [check(aspect, 0.0) for aspect in ("type", "json", "keys", "values")]
    declared = answer.header("Content-Type")
    typed = media_type(declared) == JSON_TYPE
    detail = f"Content-Type: {shown(declared)}"
    checks = [check("type", float(typed), "Content-Type is not application/json", detail,
                    "every-response")]  # fmt: skip
    try:
        actual = strict_json(answer.body)
    except ValueError:
        actual = None
    if not isinstance(actual, dict):
        shape = body_kind(answer.body, declared)
        kind = ("the body has NaN or Infinity, which JSON does not allow" if "NaN" in shape
                else f"the body is {shape}, not a JSON object")  # fmt: skip
        lines = _answer_lines(answer, case)
        checks.append(check("json", 0.0, kind if status_right else "", lines, "every-response"))
        return checks + [check("keys", 0.0), check("values", 0.0)]
    checks.append(check("json", 1.0))
    expected = strict_json(case.body)
    return checks + _keys_and_values(expected, actual, status_right, answer, case, check)


def _keys_and_values(
    expected: dict[str, Any],
    actual: dict[str, Any],
    status_right: bool,
    answer: Answer,
    case: Case,
    check: Callable[..., Check],
) -> list[Check]:
    """Keys as a share of both sets; values key by key (half for one under another name)."""
    lacking = [key for key in expected if key not in actual]
    extra = [key for key in actual if key not in expected]
    union = len(expected.keys() | actual.keys())
    parts = [f"lacks {', '.join(lacking)}"] * bool(lacking) + [f"has {', '.join(extra)}"] * bool(
        extra
    )
    keys_kind = f"JSON keys differ: {'; '.join(parts)}" if status_right else ""
    lines = _answer_lines(answer, case)
    shared = len(expected.keys() & actual.keys())
    checks = [check("keys", shared / union if union else 1.0, keys_kind, lines)]
    right = 0.0
    for key, value in expected.items():
        if key in actual:
            right += same_meaning(value, actual[key])
        elif any(same_meaning(value, actual[other]) for other in extra):
            right += 0.5  # the right value under another name
    differences = json_differences(expected, actual)
    kind = differences[0].kind if differences and status_right else ""
    detail = "\n".join([*(d.text for d in differences[:2]), lines])
    return checks + [check("values", right / len(expected) if expected else 1.0, kind, detail)]


def _header_checks(answer: Answer, case: Case) -> list[Check]:
    """The two headers of every answer, and the case's own (Allow as a set of methods)."""
    checks = []
    for name, value in REQUIRED_ON_EVERY_ANSWER.items():
        got = answer.header(name)
        right = got is not None and got.strip().lower() == value
        if got is None:
            kind = f"lacks {name}: {value}"
        elif got == BROWSER_ORIGIN:
            kind = f"{name} names the asking origin, not {value}"
        else:
            kind = f"{name} is {got!r}, not {value!r}"
        detail = f"{name}: {shown(got)}"
        checks.append(verdict(Level.MANNERS, name.lower(), float(right), kind, detail,
                              "every-response", "contract-headers"))  # fmt: skip
    for name, value in case.headers.items():
        if name.lower() in EXACT_HEADERS:
            continue
        got = answer.header(name)
        right = method_set(got) == method_set(value) if name.lower() == "allow" else got == value
        kind = f"lacks {name} on a {case.status}" if got is None else f"{name} is not {value}"
        if answer.status != case.status:
            kind = ""  # the wrong status explains it: an OPTIONS answered 405 lacks no 204's Allow
        detail = f"{name}: yours {shown(got)}, the contract's {shown(value)}"
        cause = f"{name.lower()}-on-{case.status}"  # allow-on-405, allow-on-204
        checks.append(
            verdict(Level.MANNERS, name.lower(), float(right), kind, detail, "methods", cause)
        )
    return checks


def _manners(answer: Answer, case: Case) -> list[Check]:
    check = partial(verdict, Level.MANNERS)
    checks = _header_checks(answer, case)
    if case.method.upper() == "HEAD":
        after = f"after the headers: {shown(answer.body)}"
        checks.append(check("head-body", float(not answer.body), "HEAD answered with a body",
                            after, "methods"))  # fmt: skip
    if case.status == 204 and answer.status == 204:
        typed = answer.header("Content-Type")
        wrong = bool(answer.body) or typed is not None
        detail = f"Content-Type: {shown(typed)}, body: {shown(answer.body)}"
        checks.append(check("no-content", float(not wrong), "204 with a body or a Content-Type",
                            detail, "methods"))  # fmt: skip
    return checks


def _exact(answer: Answer, case: Case) -> list[Check]:
    check = partial(verdict, Level.EXACT)
    checks = []
    if case.method.upper() != "HEAD":
        kind = "the body is not the canonical bytes: " + byte_differences(case.body, answer.body)
        detail = f"yours:    {shown(answer.body)}\ncontract: {shown(case.body)}"
        checks.append(check("bytes", float(answer.body == case.body), kind, detail,
                            "every-response"))  # fmt: skip
    if case.body:
        declared = answer.header("Content-Type")
        right = declared is None or declared == JSON_TYPE
        kind, detail = (
            f"Content-Type is not exactly {JSON_TYPE}",
            f"Content-Type: {shown(declared)}",
        )
        checks.append(check("exact-type", float(right), kind, detail, "every-response"))
    for name, value in case.headers.items():
        if name.lower() in EXACT_HEADERS:
            got = answer.header(name)
            twin = f" (the GET body of {case.twin_of} differs)" if case.twin_of else ""
            detail = f"{name}: yours {shown(got)}, the contract's {value}{twin}"
            kind = f"HEAD's {name} is not the canonical body's length"
            checks.append(check(name.lower(), float(got == value), kind, detail, "every-response"))
    return checks


def _told(checks: list[Check], case: Case, answer: Answer) -> list[Check]:
    """The meaning's problems named by their cause, where the request and answer tell it; a
    cause explains the whole answer, so each shows it whole, yours then the contract's."""
    cause = cause_of(case, answer)
    if cause is None:
        return checks
    lines = _answer_lines(answer, case)
    return [
        replace(
            check,
            problem=replace(
                check.problem,
                kind=cause.kind,
                cause=cause.name,
                section=cause.section,
                detail=check.problem.detail if "yours:" in check.problem.detail else lines,
            ),
        )
        if check.problem is not None and check.level == case.level
        else check
        for check in checks
    ]


def assess(answer: Answer, case: Case) -> list[Check]:
    """Every check of this answer to this case, at every level."""
    meaning = _told(_meaning(answer, case), case, answer)
    return meaning + _manners(answer, case) + _exact(answer, case)


def case_problems(answer: Answer, case: Case) -> list[Problem]:
    """Every problem of this answer to this case: empty only when every check passes."""
    checks = assess(answer, case)
    problems = [check.problem for check in checks if check.problem is not None]
    if not problems and any(not check.passed for check in checks):
        raise AssertionError(f"a check failed without a problem: {checks}")
    return problems
