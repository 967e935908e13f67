"""Route by route: the learner's own answer to each route's plainest request, and what to do.

For each route of the contract (a group of cases), its canonical request, what
came back, what the contract expects, and one diagnosis in a beginner's words
that understands near misses: a missing route (and whose 404 page said so), a
crash, text instead of JSON, other key names, an echo said once, other
parameter names. Nothing here changes a grade; it explains one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import Group
from conformance_tests.grader.cases import request_line
from conformance_tests.grader.causes import UNSAFE
from conformance_tests.grader.causes import sent_as_list
from conformance_tests.grader.checks import JSON_TYPE
from conformance_tests.grader.checks import media_type
from conformance_tests.grader.checks import strict_json
from conformance_tests.grader.framework_pages import fastapi_asks_for
from conformance_tests.grader.framework_pages import framework_page
from conformance_tests.grader.frameworks import CSRF_EXEMPT
from conformance_tests.grader.frameworks import FLOAT_CONVERTER
from conformance_tests.grader.frameworks import JSON_BODY
from conformance_tests.grader.frameworks import recognise
from conformance_tests.grader.frameworks import route_advice
from conformance_tests.grader.http import Answer
from conformance_tests.grader.levels import Level
from conformance_tests.grader.probes import DOTTED
from conformance_tests.grader.probes import found_elsewhere
from conformance_tests.grader.probes import own_route
from conformance_tests.grader.probes import refuses_integers
from conformance_tests.grader.results import Grading
from conformance_tests.grader.results import Result
from conformance_tests.grader.results import graded_levels
from conformance_tests.grader.route_line import RouteLine
from conformance_tests.grader.run import Sender
from conformance_tests.grader.showing import body_kind
from conformance_tests.grader.showing import same_meaning
from conformance_tests.grader.showing import shown


def _names(keys: Sequence[str]) -> str:
    return ", ".join(keys)


def _caught_by_all(result: Result, grading: Grading) -> Result | None:
    """The unknown path's result, where it got the very answer this route's request got:
    a catch-all answers both, and the route is missing."""
    routing = grading.group("routing")
    unknown = grading.by_name.get(routing.canonical) if routing else None
    if unknown is None or unknown is result or unknown.answer is None or result.answer is None:
        return None
    same = (unknown.answer.status, unknown.answer.body) == (
        result.answer.status,
        result.answer.body,
    )
    return unknown if same and result.case.status == result.answer.status == 200 else None


def _method_advice(case: Case, answer: Answer, group: Group, named: str, framework: str) -> str:
    """A method refused before any code of the author's ran: no handler (501), or a CSRF
    check (403)."""
    then = group.advice if group.name == "methods" else f"the contract answers {case.status}"
    method = case.method.upper()
    if answer.status == 501:
        how = (
            f" (add a do_{method} method to your handler class)"
            if framework == "http.server"
            else ""
        )
        return f"{method} gets 501{named}: your server has no handler for {method}{how}; {then}"
    how = CSRF_EXEMPT.get(framework, "")
    check = framework_page(answer, case.method) or "a CSRF check"
    return f"{method} is refused with 403 by {check}, before your code runs{how}; {then}"


def _status_advice(
    result: Result, group: Group, grading: Grading, send: Sender | None, framework: str = ""
) -> str:
    """What a wrong status says: a crash, a redirect, a missing route, FastAPI's 422..."""
    case, answer = result.case, result.answer
    assert answer is not None
    page = framework_page(answer, case.method)
    named = f" ({page})" if page else ""
    if answer.status == 501 or (answer.status == 403 and case.method.upper() in UNSAFE):
        return _method_advice(case, answer, group, named, framework)
    if answer.status >= 500:
        return (f"your server failed{named}: its log shows the exception that your code raised; "
                f"the contract answers {case.status}")  # fmt: skip
    if 300 <= answer.status < 400:
        location = answer.header("Location") or "(no Location)"
        slash = location.rstrip("/") != location and case.target.split("?")[0] in location
        why = ": your route ends with a slash, the contract's does not" if slash else ""
        return f"it redirects to {location}{why}; the contract answers at this very URL"
    asked = fastapi_asks_for(answer)
    if asked and not set(asked) & {"number1", "number2"}:
        return (f"your function reads the query parameters {_names(asked)}{named}; "
                "the contract names them number1 and number2")  # fmt: skip
    if case.status != 404 and answer.status in (404, 405):
        owner = grading.group(group.needs)
        served = owner and grading.by_name.get(owner.canonical)
        own = own_route(send, case)
        if own:
            return (f"the contract's route is missing{named}, but yours answers GET {own} "
                    f"rightly: serve it at {case.target.partition('?')[0]} instead (rename the "
                    "route)")  # fmt: skip
        if refuses_integers(send, case):
            how = FLOAT_CONVERTER.get(framework, "take each addend as text, and check it yourself")
            return (f"your sum route answers GET {DOTTED[0]} but not {case.target}{named}: its "
                    f"pattern takes only numbers with a dot; {how}")  # fmt: skip
        if owner and not (served and served.answer and served.answer.status not in (404, 405)):
            return f"the route is missing{named}: {route_advice(owner, framework)}"
        if case.group == "methods":
            return f"{case.method} gets {answer.status}{named}: {group.advice}"
        if owner:
            return f"{case.method} {case.target} never reaches your code{named}: {group.advice}"
        return f"the route is missing{named}: {route_advice(group, framework)}"
    if case.status == 404:
        return f"this path should not exist, yet your app answers {answer.status}: {group.advice}"
    if answer.status == 422 and page:
        return (f"{page}: the contract answers 400 with its own JSON "
                "(an exception handler for RequestValidationError can send it)")  # fmt: skip
    if sent_as_list(case, answer):
        return (f"your view returned (body, {case.status}), and your framework sent it as a JSON "
                "list with 200: return a response whose status is set (in FastAPI: return "
                f"JSONResponse(body, status_code={case.status}))")  # fmt: skip
    if case.status == 400 and answer.status == 200:
        return f"your app answered where the contract refuses (400): {group.advice}"
    return f"status {answer.status}{named} where the contract says {case.status}: {group.advice}"


def _value_advice(key: str, yours: Any, contract: Any) -> str:
    if key == "echo" and isinstance(contract, str) and contract == f"{yours} {yours}":
        return f'the echo must say the text twice: yours "{yours}", the contract\'s "{contract}"'
    if isinstance(yours, str) and not isinstance(contract, str):
        return f'{key} is the string "{yours}": the contract sends the number {contract!r}'
    if key == "message":
        return f'the message is "{yours}"; the contract\'s says "{contract}"'
    return f"{key} is {json.dumps(yours)}; the contract's is {json.dumps(contract)}"


def _body_advice(answer: Answer, case: Case, framework: str) -> str:
    """What is wrong with a body whose status is right: not JSON, other keys, other values."""
    declared = answer.header("Content-Type")
    kind = body_kind(answer.body, declared)
    if kind in ("a number as text", "text"):
        how = f" ({JSON_BODY[framework]})" if framework in JSON_BODY else ""
        return ("it answers text, not JSON: send a JSON object with the contract's keys, "
                f"{_names(list(strict_json(case.body)))}{how}")  # fmt: skip
    if kind != "a JSON object":
        page = framework_page(answer, case.method)
        whose = f" ({page})" if page else ""
        keys = _names(list(strict_json(case.body)))
        return f"it answers {kind}{whose}, not a JSON object with {keys}"
    yours, contract = strict_json(answer.body), strict_json(case.body)
    lacking = [key for key in contract if key not in yours]
    extra = [key for key in yours if key not in contract]
    if lacking or extra:
        renamed = [
            f"{other} holds the contract's {key}"
            for key in lacking
            for other in extra
            if same_meaning(contract[key], yours[other])
        ]
        hint = f" ({'; '.join(renamed)}: rename it)" if renamed else ""
        missing = f"lacks {_names(lacking)}" if lacking else ""
        more = f"has {_names(extra)} too" if extra else ""
        page = framework_page(answer, case.method)
        whose = f"{page}: " if page else ""
        return f"{whose}other key names: yours " + "; ".join(p for p in (missing, more) if p) + hint
    for key, value in contract.items():
        if not same_meaning(value, yours[key]):
            return _value_advice(key, yours[key], value)
    if media_type(declared) != JSON_TYPE:
        return f"the body is JSON, but its Content-Type says {shown(declared)}: send {JSON_TYPE}"
    return "right"


def _above_meaning(result: Result, grading: Grading) -> str:
    """For an answer right in meaning: what levels 2 and 3 still ask of it."""
    if not grading.passes(result, Level.MANNERS):
        kinds = [p.kind for p in result.problems if p.level == Level.MANNERS]
        return "right in meaning; for level 2 it " + "; ".join(dict.fromkeys(kinds))
    kinds = [p.kind.removeprefix("the body is not the canonical bytes: ")
             for p in result.problems if p.level == Level.EXACT]  # fmt: skip
    return "right in meaning and manners; the bytes differ: " + "; ".join(dict.fromkeys(kinds))


def diagnose(
    result: Result,
    group: Group,
    grading: Grading,
    send: Sender | None = None,
    framework: str = "",
) -> str:
    """One sentence: the first thing wrong with this answer, in a beginner's words (in its
    framework's, where fixes.py knows it)."""
    case, answer = result.case, result.answer
    if answer is None:
        if not result.problems:
            return "no answer"
        problem = result.problems[0]
        if problem.cause or not problem.detail:  # its kind says what happened; the card, what to do
            return problem.kind
        return f"{problem.kind}: {problem.detail}"
    if grading.passes(result, case.level):
        return (
            "exactly right"
            if grading.passes(result, Level.EXACT)
            else _above_meaning(result, grading)
        )
    unknown = _caught_by_all(result, grading)
    if unknown is not None:
        return (f"your server answers this exactly as it answers {request_line(unknown.case)}, "
                "a path the contract does not have: a catch-all answers it, no route of yours; "
                f"{route_advice(group, framework)}")  # fmt: skip
    if case.group == "sum_query" and answer.status != 404:
        found = found_elsewhere(send, case)
        if found:
            return (f"your app reads the numbers as {found[0]} and {found[1]} "
                    f"(/sum?{found[0]}=13&{found[1]}=28 works); the contract names them "
                    "number1 and number2")  # fmt: skip
    if answer.status != case.status:
        return _status_advice(result, group, grading, send, framework)
    if case.body and case.method.upper() != "HEAD":
        advice = _body_advice(answer, case, framework)
        if advice != "right":
            return advice
    kinds = [p.kind for p in result.problems if p.level == case.level]
    return "; ".join(dict.fromkeys(kinds)) or "right"


def tally(grading: Grading, group: Group) -> tuple[int, int, int]:
    """The highest level all the route's cases pass, and their count there; else how many
    pass the route's own level."""
    count = grading.count(group.level, group.name)
    shown = (group.level.value, count.passed, count.total)
    for level in (level for level in Level if level >= group.level):
        count = grading.count(level, group.name)
        if not count.total or count.passed < count.total:
            break
        shown = (level.value, count.passed, count.total)
    return shown


def routes(grading: Grading, send: Sender | None = None) -> list[RouteLine]:
    """Every route's line, in the course's order; a route whose canonical case was not sent
    (a server that refuses it before the app) has none."""
    found = []
    framework = recognise(result.answer for result in grading.results if result.answer)
    for group in grading.groups:
        result = grading.by_name.get(group.canonical)
        if result is None:
            continue
        passed = [lv.value for lv in graded_levels(result.case) if grading.passes(result, lv)]
        level = max(passed, default=0)
        found.append(
            RouteLine(group, result.case, result.answer, level,
                  diagnose(result, group, grading, send, framework), tally(grading, group))
        )  # fmt: skip
    return found
