"""The kinds of problem a card lists: every problem grouped by level and kind, the plainest
request that shows each, its fix in the author's framework's words, and the curl line that
sends it again."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import Group
from conformance_tests.grader.cases import request_line
from conformance_tests.grader.fixes import FIXES
from conformance_tests.grader.fixes import fix_for
from conformance_tests.grader.http import BROWSER_ORIGIN
from conformance_tests.grader.levels import SECTION_OF_LEVEL
from conformance_tests.grader.levels import Level
from conformance_tests.grader.levels import section_link
from conformance_tests.grader.problems import Problem
from conformance_tests.grader.results import Grading
from conformance_tests.grader.results import Result
from conformance_tests.grader.showing import wrapped

CRASH = "the server failed ("


@dataclass
class Kind:
    """One kind of problem at one level, and the cases that show it, plainest first."""

    level: Level
    kind: str
    examples: list[tuple[Result, Problem]]

    @property
    def cause(self) -> str:
        return self.examples[0][1].cause

    @property
    def crash(self) -> bool:
        return self.kind.startswith(CRASH)


def plainness(case: Case, groups: dict[str, Group]) -> tuple[int, ...]:
    """How plain a request is (less is plainer): a route's own example first, then the
    routes in the course's order, data before generated, GET before its HEAD twin,
    plain ASCII before escapes, short before long."""
    group = groups.get(case.group)
    canonical = group is not None and case.name == group.canonical
    exotic = "%" in case.target or "//" in case.target or not case.target.isascii()
    return (
        not canonical, group.order if group else 99, case.name.startswith(("generated", "fuzz")),
        bool(case.twin_of), exotic, bool(case.request_headers), len(case.target),
    )  # fmt: skip


def kinds(grading: Grading) -> list[Kind]:
    """The problems to fix now, grouped by level and kind: a crash first, then level by level,
    the most common first. Each case counts once per kind, at the level it reaches."""
    groups = {group.name: group for group in grading.groups}
    found: dict[tuple[Level, str], Kind] = {}
    stop = grading.stop()  # the card opens with where the server stopped: not listed again
    ended = grading.results.index(stop.first_unanswered) if stop else len(grading.results)
    for result in grading.results[:ended]:
        for problem in grading.listed(result):
            key = (problem.level, problem.kind)
            kind = found.setdefault(key, Kind(problem.level, problem.kind, []))
            if all(result is not other for other, _ in kind.examples):
                kind.examples.append((result, problem))
    for kind in found.values():
        kind.examples.sort(key=lambda example: plainness(example[0].case, groups))
    return sorted(found.values(), key=lambda k: (not k.crash, k.level, -len(k.examples), k.kind))


def _section(problem: Problem, result: Result, groups: dict[str, Group]) -> str:
    group = groups.get(result.case.group)
    anchor = problem.section or (group.section if group else SECTION_OF_LEVEL[problem.level])
    return section_link(anchor)


def _fix_lines(
    kind: Kind, framework: str, width: int, number: int = 0, told: dict[str, int] | None = None
) -> list[str]:
    """The fix, in the framework's words where known; one already told refers to it."""
    fix = fix_for(kind.examples[0][1], framework)
    said = f"fix ({framework})" if framework and framework in FIXES.get(kind.cause, {}) else "fix"
    if not fix:
        return []
    if told is not None:
        if fix in told:
            return [f"    → {said}: the same as for {told[fix]}."]
        told[fix] = number
    words, *code = fix.splitlines()
    return wrapped(f"    → {said}: {words}", hanging=" " * 6, width=width) + [
        f"{' ' * 8}{line}"
        for line in code  # code as it is to be pasted: never wrapped
    ]


CURL_LIMIT = 300
"""Targets longer than this are not repeated as a curl line (--details has them whole)."""


def curl_line(case: Case, url: str, origin: bool = False) -> str:
    """The curl command that sends this request again, as the grader sent it."""
    if len(case.target) > CURL_LIMIT:
        return f"(a {len(case.target):,}-character target: --details FILE has it whole)"
    method = case.method.upper()
    words = ["curl", "-i"] if method != "HEAD" else ["curl", "-I"]
    if method not in ("GET", "HEAD") or case.method != method:
        words += ["-X", case.method]
    if "/." in case.target:
        words.append("--path-as-is")  # curl would resolve the dots otherwise
    if any(c in case.target for c in "[]{}"):
        words.append("--globoff")
    headers = dict(case.request_headers)
    if origin:
        headers["Origin"] = BROWSER_ORIGIN
    for name, value in headers.items():
        words += ["-H", f"{name}: {value}"]
    return " ".join(shlex.quote(word) for word in [*words, url.rstrip("/") + case.target])


def kind_lines(
    kind: Kind,
    number: int,
    groups: dict[str, Group],
    width: int,
    framework: str = "",
    url: str = "http://127.0.0.1:5000",
    told: dict[str, int] | None = None,
) -> list[str]:
    """A kind of problem, its level and section, its fix, one example and its details:
    wrapped, never cut (a quoted body is already shortened where it was quoted)."""
    result, problem = kind.examples[0]
    lines = [
        *wrapped(f"{number:>2}. {len(kind.examples)} × {kind.kind}", "", " " * 4, width),
        *wrapped(f"    {kind.level.label}; read {_section(problem, result, groups)}", width=width),
        *_fix_lines(kind, framework, width, number, told),
        *wrapped(f"    e.g. {request_line(result.case)}", hanging=" " * 9, width=width),
        f"    again: {curl_line(result.case, url, 'Origin' in kind.kind)}",  # code: not wrapped
    ]
    for line in problem.detail.splitlines()[:2]:
        lines += wrapped(f"      {line}", hanging=" " * 16, width=width)
    return lines


def compact_lines(
    kind: Kind, number: int, width: int, framework: str = "", told: dict[str, int] | None = None
) -> list[str]:
    """A kind in brief, for when the card has no room for its details: still never hidden,
    nor its fix."""
    example = request_line(kind.examples[0][0].case)
    text = f"{number:>2}. {len(kind.examples)} × {kind.kind}, e.g. {example}"
    return wrapped(text, "", " " * 4, width) + _fix_lines(kind, framework, width, number, told)
