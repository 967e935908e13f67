"""What the contract demands of an answer, as lists of readable problems."""

from __future__ import annotations

import json
from typing import Any

from conformance_tests.cases import Case
from conformance_tests.clients import Answer

REQUIRED_ON_EVERY_ANSWER = {
    "X-Content-Type-Options": "nosniff",
    "Access-Control-Allow-Origin": "*",
}
JSON_TYPE = "application/json"


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def strict_json(body: bytes) -> Any:
    """Parse as RFC 8259 JSON: UTF-8, and no NaN or Infinity."""
    return json.loads(body.decode("utf-8"), parse_constant=_no_constants)


def contract_problems(answer: Answer, method: str) -> list[str]:
    """The rules every response follows, whatever was asked."""
    problems = [
        f"{name}: expected {value!r}, got {answer.header(name)!r}"
        for name, value in REQUIRED_ON_EVERY_ANSWER.items()
        if answer.header(name) != value
    ]
    if answer.status >= 500:
        problems.append(f"status {answer.status}: the contract never answers 5xx to a request")
    if answer.status == 204:
        if answer.header("Content-Type") is not None or answer.body:
            problems.append("204 must have neither Content-Type nor body")
        return problems
    if answer.header("Content-Type") != JSON_TYPE:
        problems.append(
            f"Content-Type: expected {JSON_TYPE!r}, got {answer.header('Content-Type')!r}"
        )
    if method != "HEAD":
        try:
            payload = strict_json(answer.body)
        except ValueError as error:
            problems.append(f"body is not strict JSON ({error}): {answer.body[:200]!r}")
        else:
            if answer.status >= 400 and (
                list(payload) != ["message", "status"] or payload["status"] != answer.status
            ):
                problems.append(f"an error body is {{message, status}} with the status: {payload}")
    return problems


def case_problems(answer: Answer, case: Case) -> list[str]:
    """The case's exact expectations, then the rules for every response."""
    problems = []
    if answer.status != case.status:
        problems.append(f"status: expected {case.status}, got {answer.status}")
    if answer.body != case.body:
        problems.append(f"body: expected {case.body[:300]!r}, got {answer.body[:300]!r}")
    for name, value in case.headers.items():
        if answer.header(name) != value:
            problems.append(f"{name}: expected {value!r}, got {answer.header(name)!r}")
    return problems + contract_problems(answer, case.method)
