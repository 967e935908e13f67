"""The scorecard a learner reads once: their routes first, then what to fix, the statistics last.

At most 60 lines, unless the problems that block the next level need more: those are
never hidden, only shortened to a line each. Problems are grouped
across cases by kind, each shown once with the plainest request that has it
(the route's own example before any exotic one), yours before the contract's,
and the contract section to read.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace

from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import Group
from conformance_tests.grader.cases import request_line
from conformance_tests.grader.checks import Problem
from conformance_tests.grader.diagnosis import Route
from conformance_tests.grader.fixes import FIXES
from conformance_tests.grader.fixes import fix_for
from conformance_tests.grader.frameworks import recognise
from conformance_tests.grader.http import BROWSER_ORIGIN
from conformance_tests.grader.levels import SECTION_OF_LEVEL
from conformance_tests.grader.levels import Level
from conformance_tests.grader.levels import section_link
from conformance_tests.grader.results import Grading
from conformance_tests.grader.results import Result
from conformance_tests.grader.showing import WIDTH
from conformance_tests.grader.showing import wrapped

MAX_LINES = 60
CRASH = "the server failed ("
ROUTES_HEADING = "Your routes, with the contract's example of each (✓: all its cases right):"


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


def _kind_lines(
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


def _compact_lines(
    kind: Kind, number: int, width: int, framework: str = "", told: dict[str, int] | None = None
) -> list[str]:
    """A kind in brief, for when the card has no room for its details: still never hidden,
    nor its fix."""
    example = request_line(kind.examples[0][0].case)
    text = f"{number:>2}. {len(kind.examples)} × {kind.kind}, e.g. {example}"
    return wrapped(text, "", " " * 4, width) + _fix_lines(kind, framework, width, number, told)


@dataclass(frozen=True)
class Choice:
    """Which kinds the card shows in full, which in brief, and how many it leaves to -v."""

    full: list[Kind]
    brief: list[Kind]
    left: int


def choose(
    problems: Sequence[Kind],
    blocking: Level,
    room: int,
    width: int,
    framework: str = "",
    url: str = "http://127.0.0.1:5000",
) -> Choice:
    """Every kind that blocks the next level (a crash, or a problem at ``blocking`` or below)
    on the card, in full while the rest still fit in brief; then, room allowing, the kinds of
    the levels above, whose count alone is shown otherwise."""
    first = [kind for kind in problems if kind.crash or kind.level <= blocking]
    full: list[Kind] = []
    brief: list[Kind] = []
    briefs = [len(_compact_lines(kind, 0, width, framework)) for kind in first]
    used = 0
    for index, kind in enumerate(first):
        size = len(_kind_lines(kind, 0, {}, width, framework, url))
        if used + size + sum(briefs[index + 1 :]) <= room:
            full.append(kind)
            used += size
        else:
            brief.append(kind)
            used += briefs[index]
    left = 0
    for kind in problems:
        if kind in first:
            continue
        size = len(_kind_lines(kind, 0, {}, width, framework, url))
        if not left and used + size <= room:
            full.append(kind)
            used += size
        else:
            left += 1
    return Choice(full, brief, left)


def _stop_lines(grading: Grading, url: str, width: int) -> list[str]:
    """A server that stopped midway: the card opens with where, and what to do first."""
    stop = grading.stop()
    if stop is None:
        return []
    first = stop.first_unanswered
    why = first.problems[0].detail if first.problems else ""
    after = f"after {request_line(stop.last_answered.case)}" if stop.last_answered else "at once"
    empty = first.case.method.upper() in ("POST", "PUT", "PATCH") and not first.case.request_body
    request = request_line(first.case) + (" (with an empty body)" if empty else "")
    text = (
        f"Your server stopped answering {after}: the next request, {request}, "
        f"got no answer ({why}), nor did any after it. Its terminal shows why: fix that first, "
        f"restart it, and check again. The {stop.not_sent} requests not sent count as failures."
    )
    return ["", *wrapped(text, hanging="  ", width=width), f"  again: {curl_line(first.case, url)}"]


def grade_line(grading: Grading) -> str:
    level = grading.reached()
    if level == max(Level):
        return "level 3 of 3 reached: every check passes, exact bytes included"
    got = f"level {level} of 3 reached" if level else "no level reached yet"
    following = Level(level + 1)
    count = grading.count(following)
    return f"{got}; {following.label} needs {count.total - count.passed} more case(s) right"


def _totals(grading: Grading) -> str:
    """Every case, per level, in one line: the table's last row."""
    return ", ".join(
        f"{count.passed}/{count.total} at {level.label}"
        for level, count in ((level, grading.count(level)) for level in Level)
    )


def table(grading: Grading, width: int = WIDTH) -> list[str]:
    """Cases passed per route and level; a case counts at a level only with the ones below.
    Its columns narrow on a narrow card (the longest route's title is 15 characters)."""
    name, cell = (30, 20) if width >= 90 else (16, 19)
    head = f"{'route':<{name}}" + "".join(f"{level.label:>{cell}}" for level in Level)
    lines = [head]
    for group in [*grading.groups, None]:
        counts = [grading.count(level, group.name if group else None) for level in Level]
        cells = "".join(f"{f'{c.passed}/{c.total}' if c.total else '–':>{cell}}" for c in counts)
        lines.append(f"{group.title if group else 'all':<{name}}{cells}")
    return lines


def render(
    grading: Grading,
    routes: Sequence[Route],
    url: str,
    about_run: str,
    max_lines: int = MAX_LINES,
    width: int = WIDTH,
) -> str:
    """The scorecard: at most ``max_lines`` lines, unless what blocks the next level needs
    more (then in brief, a line or two a kind, and the table down to one line)."""
    groups = {group.name: group for group in grading.groups}
    score = grading.score()
    lines = [
        *wrapped(f"Score {score:.0f}/100 for {url} against the sum/echo contract", width=width),
        *wrapped(f"Grade: {grade_line(grading)}", hanging="  ", width=width),
        *wrapped(about_run, hanging="  ", width=width),
        *_stop_lines(grading, url, width),
        "",
        *wrapped(ROUTES_HEADING, width=width),
    ]
    said: dict[str, str] = {}  # each piece of advice once: a later route refers to the first
    for route in routes:
        earlier = said.setdefault(route.diagnosis, route.group.title) if not route.level else ""
        if earlier and earlier != route.group.title:
            route = replace(route, diagnosis=f"the same as for {earlier}")
        lines += route.lines(width)
    details = wrapped(
        f"Every case in detail: -v, or --details FILE. Levels and score: {section_link('levels')}",
        width=width,
    )
    footer = [
        "",
        *wrapped(
            "Cases passed, per route and level (a case counts at a level only if it passes the "
            "ones below):",
            width=width,
        ),
        *table(grading, width),
        *details,
    ]
    problems = kinds(grading)
    if problems:
        blocking = Level(min(grading.reached() + 1, max(Level)))
        framework = recognise(result.answer for result in grading.results if result.answer)
        yours = f" (your answers look like {framework}'s)" if framework else ""
        heading = f"What blocks {blocking.label}{yours}, a crash first:"
        lines += ["", *wrapped(heading, width=width)]
        room = max_lines - len(lines) - len(footer) - 4  # progress, "and for…", "more" lines
        choice = choose(problems, blocking, room, width, framework, url)
        if choice.brief:  # the table gives way to what blocks the next level
            footer = ["", *wrapped(f"Cases passed: {_totals(grading)}.", width=width), *details]
            room = max_lines - len(lines) - len(footer) - 4
            choice = choose(problems, blocking, room, width, framework, url)
        told: dict[str, int] = {}  # each fix once: a later problem with the same refers to it
        now = [kind for kind in choice.full if kind.level <= blocking or kind.crash]
        for number, kind in enumerate(now, 1):
            lines += _kind_lines(kind, number, groups, width, framework, url, told)
        for number, kind in enumerate(choice.brief, len(now) + 1):
            lines += _compact_lines(kind, number, width, framework, told)
        above = [kind for kind in choice.full if kind not in now]
        if above:
            lines += ["", "And for the levels above it:"]
        for number, kind in enumerate(above, len(now) + len(choice.brief) + 1):
            lines += _kind_lines(kind, number, groups, width, framework, url, told)
        if choice.left:
            more = f"… and {choice.left} more kinds of problem at the levels above (-v)."
            lines += wrapped(more, width=width)
    return "\n".join(lines + footer)
