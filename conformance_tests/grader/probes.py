"""The few extra requests a diagnosis sends to understand a near miss: the author's own name
for a route, the query names a tutorial used, a sum route that takes only numbers with a dot.

Each probe asks once per name and gives up quietly when the server fails it.
"""

from __future__ import annotations

import json
from http.client import HTTPException

from conformance_tests.grader.cases import Case
from conformance_tests.grader.checks import strict_json
from conformance_tests.grader.run import Sender
from conformance_tests.grader.showing import same_meaning

DOTTED = ("/sum/0.5/0.25", 0.75)
"""A sum by path in numbers with a dot, asked when /sum/42/117 is a 404, and its total."""
OWN_NAMES = {
    "sum": ("add", "suma", "soma", "somar", "adicao", "addition", "plus", "total", "calc"),
    "echo": ("repeat", "eco", "say", "double"),
}
"""Names courses give the contract's routes, asked when its own is missing."""
OTHER_NAMES = [("a", "b"), ("x", "y"), ("num1", "num2"), ("n1", "n2"), ("first", "second")]
"""Query names that tutorials use for the two numbers, tried when number1/number2 fail."""


def _holds(body: bytes, expected: float) -> bool:
    """Whether a body gives this number: as JSON anywhere in it, or as the whole text."""
    try:
        data = json.loads(body)
    except ValueError:
        return False
    values = data.values() if isinstance(data, dict) else [data]
    return any(same_meaning(expected, value) for value in values)


def found_elsewhere(send: Sender | None, case: Case) -> tuple[str, str] | None:
    """The two query names the app reads instead, found by asking with tutorials' names."""
    if send is None:
        return None
    query = dict(field.split("=", 1) for field in case.target.partition("?")[2].split("&"))
    expected = strict_json(case.body)["total_sum"]
    for first, second in OTHER_NAMES:
        target = f"/sum?{first}={query['number1']}&{second}={query['number2']}"
        try:
            answer = send("GET", target, {}, b"")
        except (OSError, HTTPException):  # a probe that fails tells nothing more
            continue
        if answer.status == 200 and _holds(answer.body, expected):
            return first, second
    return None


def own_route(send: Sender | None, case: Case) -> str | None:
    """The author's own name for a route, where the contract's is missing: /add/42/117,
    /suma?number1=13&number2=28, found by asking with names courses use."""
    first = case.target.split("/")[1].partition("?")[0]
    expected = strict_json(case.body) if case.body and case.status == 200 else None
    if send is None or first not in OWN_NAMES or not isinstance(expected, dict):
        return None
    for name in OWN_NAMES[first]:
        target = f"/{name}{case.target[len(first) + 1 :]}"
        try:
            answer = send("GET", target, {}, b"")
        except (OSError, HTTPException):  # a probe that fails tells nothing more
            continue
        if answer.status != 200:
            continue
        if "echo" in expected:
            if str(expected["echo"]) in answer.body.decode("utf-8", "replace"):
                return target
        elif _holds(answer.body, expected["total_sum"]):
            return target
    return None


def refuses_integers(send: Sender | None, case: Case) -> bool:
    """Whether a sum route that 404s this request sums numbers with a dot: a converter or
    pattern that takes only those (Werkzeug's ``<float:…>``)."""
    if send is None or case.group != "sum_path":
        return False
    try:
        answer = send("GET", DOTTED[0], {}, b"")
    except (OSError, HTTPException):
        return False
    return answer.status == 200 and _holds(answer.body, DOTTED[1])
