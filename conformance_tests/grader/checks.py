"""What the contract demands of an answer, as readable problems, each at its level.

A problem has a *kind* shared across cases ("lacks X-Content-Type-Options"), so
a report can group a hundred failures into the few things to fix, and a
*detail* for this one answer, with invisible differences made visible.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from conformance_tests.grader.cases import Case
from conformance_tests.grader.http import Answer
from conformance_tests.grader.levels import Level
from conformance_tests.grader.showing import json_differences
from conformance_tests.grader.showing import shown

JSON_TYPE = "application/json"
REQUIRED_ON_EVERY_ANSWER = {
    "X-Content-Type-Options": "nosniff",
    "Access-Control-Allow-Origin": "*",
}
EXACT_HEADERS = {"content-length"}
"""Case headers that follow from the canonical bytes (a HEAD's Content-Length): level 3."""


@dataclass(frozen=True)
class Problem:
    """One way an answer breaks the contract."""

    level: Level
    kind: str
    """The same text for the same mistake in every case: what the report groups by."""
    detail: str
    """This answer's specifics: expected and actual, readable."""
    section: str
    """The contract section to read (an anchor in contract/README.md)."""


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def strict_json(body: bytes) -> Any:
    """Parse as RFC 8259 JSON: UTF-8, and no NaN or Infinity."""
    return json.loads(body.decode("utf-8"), parse_constant=_no_constants)


def media_type(value: str | None) -> str | None:
    """``application/json; charset=utf-8`` → ``application/json``."""
    return None if value is None else value.partition(";")[0].strip().lower()


def method_set(value: str | None) -> set[str]:
    """An ``Allow`` list as a set: HTTP gives it no order."""
    return {token.strip() for token in (value or "").split(",") if token.strip()}


def _status(answer: Answer, case: Case) -> list[Problem]:
    """A wrong status says it all: the body is then shown, not compared key by key."""
    if answer.status == case.status:
        return []
    kind = f"status {answer.status} where the contract says {case.status}"
    if answer.status >= 500:
        kind += " (the server failed: only a bug may answer the JSON 500)"
    detail = f"got {answer.status} {answer.reason}: {shown(answer.body)}"
    if case.body:
        detail += f"\nexpected {case.status}: {shown(case.body)}"
    return [Problem(case.level, kind, detail, "")]


def _json_body(answer: Answer, case: Case) -> list[Problem]:
    """Status and JSON value: the meaning, however the JSON is written."""
    if case.method.upper() == "HEAD" or not case.body:
        return []
    problems = []
    if media_type(answer.header("Content-Type")) != JSON_TYPE:
        problems.append(
            Problem(
                case.level,
                "Content-Type is not application/json",
                f"Content-Type: {shown(answer.header('Content-Type'))}",
                "every-response",
            )
        )
    if answer.status != case.status:
        return problems  # the status problem shows the body
    try:
        actual = strict_json(answer.body)
    except ValueError as error:
        kind = "body is not JSON" + (
            " (NaN and Infinity are not JSON)" if "JSON" in str(error) else ""
        )
        problems.append(Problem(case.level, kind, f"body: {shown(answer.body)}", "every-response"))
        return problems
    differences = json_differences(strict_json(case.body), actual)
    if differences:
        problems.append(
            Problem(
                case.level,
                differences[0].kind,
                "\n".join(d.text for d in differences)
                + f"\nexpected: {shown(case.body)}\nactual:   {shown(answer.body)}",
                "",
            )
        )
    return problems


def _manners(answer: Answer, case: Case) -> list[Problem]:
    problems = []
    for name, value in REQUIRED_ON_EVERY_ANSWER.items():
        got = answer.header(name)
        if got != value:
            kind = f"lacks {name}: {value}" if got is None else f"{name} is not {value!r}"
            problems.append(Problem(Level.MANNERS, kind, f"{name}: {shown(got)}", "every-response"))
    for name, value in case.headers.items():
        got = answer.header(name)
        if name.lower() in EXACT_HEADERS:
            continue
        same = method_set(got) == method_set(value) if name.lower() == "allow" else got == value
        if not same:
            problems.append(
                Problem(
                    Level.MANNERS,
                    f"{name} header missing or wrong on a {case.status}",
                    f"{name}: expected {shown(value)}, got {shown(got)}",
                    "methods",
                )
            )
    if case.method.upper() == "HEAD" and answer.body:
        problems.append(
            Problem(Level.MANNERS, "HEAD answered with a body", shown(answer.body), "methods")
        )
    if (
        case.status == 204
        and answer.status == 204
        and (answer.body or answer.header("Content-Type"))
    ):
        problems.append(
            Problem(
                Level.MANNERS,
                "204 with a body or a Content-Type",
                f"Content-Type: {shown(answer.header('Content-Type'))}, body: {shown(answer.body)}",
                "methods",
            )
        )
    return problems


def _exact(answer: Answer, case: Case) -> list[Problem]:
    problems = []
    if case.method.upper() != "HEAD" and answer.body != case.body:
        problems.append(
            Problem(
                Level.EXACT,
                "body is not the canonical bytes (compact, keys in order, UTF-8, no newline)",
                f"expected: {shown(case.body)}\nactual:   {shown(answer.body)}",
                "every-response",
            )
        )
    if case.body and answer.header("Content-Type") not in (None, JSON_TYPE):
        problems.append(
            Problem(
                Level.EXACT,
                "Content-Type is not exactly application/json",
                f"Content-Type: {shown(answer.header('Content-Type'))}",
                "every-response",
            )
        )
    for name, value in case.headers.items():
        if name.lower() in EXACT_HEADERS and answer.header(name) != value:
            twin = f" (the GET body of {case.twin_of} differs)" if case.twin_of else ""
            problems.append(
                Problem(
                    Level.EXACT,
                    f"HEAD's {name} is not the canonical body's length",
                    f"{name}: expected {value}, got {shown(answer.header(name))}{twin}",
                    "every-response",
                )
            )
    return problems


def case_problems(answer: Answer, case: Case) -> list[Problem]:
    """Every problem of this answer to this case, at every level."""
    meaning = _status(answer, case) + _json_body(answer, case)
    return meaning + _manners(answer, case) + _exact(answer, case)
