"""The scorecard a learner reads once: their routes first, then what to fix, the statistics last.

Never more than 60 lines, whatever the implementation. Problems are grouped
across cases by kind, each shown once with the plainest request that has it
(the route's own example before any exotic one), yours before the contract's,
and the contract section to read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import Group
from conformance_tests.grader.checks import Problem
from conformance_tests.grader.diagnosis import WIDTH
from conformance_tests.grader.diagnosis import Route
from conformance_tests.grader.levels import SECTION_OF_LEVEL
from conformance_tests.grader.levels import Level
from conformance_tests.grader.levels import section_link
from conformance_tests.grader.results import Grading
from conformance_tests.grader.results import Result

MAX_LINES = 60
PER_LEVEL = 3
"""Kinds of problem shown per level before any level gets more, so every level is seen."""
CRASH = "the server failed ("
ROUTES_HEADING = "Your routes, each with the contract's own example (✓ right in meaning):"


@dataclass
class Kind:
    """One kind of problem at one level, and the cases that show it, plainest first."""

    level: Level
    kind: str
    examples: list[tuple[Result, Problem]]

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
    for result in grading.results:
        for problem in grading.listed(result):
            key = (problem.level, problem.kind)
            kind = found.setdefault(key, Kind(problem.level, problem.kind, []))
            if all(result is not other for other, _ in kind.examples):
                kind.examples.append((result, problem))
    for kind in found.values():
        kind.examples.sort(key=lambda example: plainness(example[0].case, groups))
    return sorted(found.values(), key=lambda k: (not k.crash, k.level, -len(k.examples), k.kind))


def request_line(case: Case, limit: int = 70) -> str:
    extra = "".join(f" [{k}: {v}]" for k, v in case.request_headers.items())
    target = case.target if len(case.target) <= limit else case.target[:limit] + "…"
    return f"{case.method} {target}{extra}"


def _section(problem: Problem, result: Result, groups: dict[str, Group]) -> str:
    group = groups.get(result.case.group)
    anchor = problem.section or (group.section if group else SECTION_OF_LEVEL[problem.level])
    return section_link(anchor)


def _cut(line: str) -> str:
    return line if len(line) <= WIDTH else line[: WIDTH - 1] + "…"


def _kind_lines(kind: Kind, number: int, groups: dict[str, Group]) -> list[str]:
    result, problem = kind.examples[0]
    lines = [
        _cut(f"{number:>2}. {len(kind.examples)} × {kind.kind}"),
        f"    {kind.level.label}; read {_section(problem, result, groups)}",
        _cut(f"    e.g. {request_line(result.case)}"),
    ]
    return lines + [_cut(f"      {line}") for line in problem.detail.splitlines()[:2]]


def _choose(problems: Sequence[Kind], room: int) -> list[Kind]:
    """As many kinds as fit in ``room`` lines: a crash and a few of every level first."""
    chosen: list[Kind] = []
    used = 0
    for first_pass in (True, False):
        for level in Level:
            of_level = [k for k in problems if k.level == level and k not in chosen]
            for kind in of_level[:PER_LEVEL] if first_pass else of_level:
                size = len(_kind_lines(kind, 0, {}))
                if used + size > room:
                    break
                chosen.append(kind)
                used += size
    return sorted(chosen, key=problems.index)


def grade_line(grading: Grading) -> str:
    level = grading.reached()
    if level == max(Level):
        return "level 3 of 3 reached: every check passes, exact bytes included"
    got = f"level {level} of 3 reached" if level else "no level reached yet"
    following = Level(level + 1)
    count = grading.count(following)
    return f"{got}; {following.label} needs {count.total - count.passed} more case(s) right"


def table(grading: Grading) -> list[str]:
    """Cases passed per route and level; a case counts at a level only with the ones below."""
    head = f"{'route':<30}" + "".join(f"{level.label:>20}" for level in Level)
    lines = [head]
    for group in [*grading.groups, None]:
        name = group.name if group else None
        counts = [grading.count(level, name) for level in Level]
        cells = "".join(f"{f'{c.passed}/{c.total}' if c.total else '–':>20}" for c in counts)
        lines.append(f"{group.title if group else 'all':<30}{cells}")
    return lines


def render(
    grading: Grading,
    routes: Sequence[Route],
    url: str,
    about_run: str,
    max_lines: int = MAX_LINES,
) -> str:
    """The scorecard: never more than ``max_lines`` lines, whatever the implementation."""
    groups = {group.name: group for group in grading.groups}
    score = grading.score()
    lines = [
        f"Score {score:.0f}/100 for {url} against the sum/echo contract",
        f"Grade: {grade_line(grading)}",
        about_run,
        "",
        ROUTES_HEADING,
    ]
    for route in routes:
        lines += route.lines()
    footer = [
        "",
        "Cases passed, per route and level (a case counts at a level only if it passes the "
        "ones below):",
        *table(grading),
        "Every case in detail: -v, or --details FILE. Levels and score: " + section_link("levels"),
    ]
    problems = kinds(grading)
    if problems:
        lines += ["", "What to fix, most common first (a crash always first):"]
        room = max_lines - len(lines) - len(footer) - 2  # the progress line and the "more" line
        chosen = _choose(problems, room)
        for number, kind in enumerate(chosen, 1):
            lines += _kind_lines(kind, number, groups)
        if len(chosen) < len(problems):
            lines.append(f"… and {len(problems) - len(chosen)} more kinds of problem (-v).")
    return "\n".join(lines + footer)
