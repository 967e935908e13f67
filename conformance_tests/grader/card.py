"""The scorecard a learner reads once: their routes first, then what to fix, the statistics last.

At most 60 lines, unless the problems that block the next level need more: those are
never hidden, only shortened to a line each. Problems are grouped
across cases by kind, each shown once with the plainest request that has it
(the route's own example before any exotic one), yours before the contract's,
and the contract section to read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace

from conformance_tests.grader.cases import request_line
from conformance_tests.grader.frameworks import recognise
from conformance_tests.grader.kinds import Kind
from conformance_tests.grader.kinds import compact_lines
from conformance_tests.grader.kinds import curl_line
from conformance_tests.grader.kinds import kind_lines
from conformance_tests.grader.kinds import kinds
from conformance_tests.grader.levels import Level
from conformance_tests.grader.levels import section_link
from conformance_tests.grader.results import Grading
from conformance_tests.grader.route_line import RouteLine
from conformance_tests.grader.showing import WIDTH
from conformance_tests.grader.showing import wrapped

MAX_LINES = 60
ROUTES_HEADING = "Your routes, with the contract's example of each (✓: all its cases right):"


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
    briefs = [len(compact_lines(kind, 0, width, framework)) for kind in first]
    used = 0
    for index, kind in enumerate(first):
        size = len(kind_lines(kind, 0, {}, width, framework, url))
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
        size = len(kind_lines(kind, 0, {}, width, framework, url))
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
    routes: Sequence[RouteLine],
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
            lines += kind_lines(kind, number, groups, width, framework, url, told)
        for number, kind in enumerate(choice.brief, len(now) + 1):
            lines += compact_lines(kind, number, width, framework, told)
        above = [kind for kind in choice.full if kind not in now]
        if above:
            lines += ["", "And for the levels above it:"]
        for number, kind in enumerate(above, len(now) + len(choice.brief) + 1):
            lines += kind_lines(kind, number, groups, width, framework, url, told)
        if choice.left:
            more = f"… and {choice.left} more kinds of problem at the levels above (-v)."
            lines += wrapped(more, width=width)
    return "\n".join(lines + footer)
