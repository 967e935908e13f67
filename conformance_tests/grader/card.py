"""The grade a learner reads: per group and level, then the few problems to fix, in ~60 lines.

Problems are grouped across cases by kind, each shown once with an example
request, expected and actual, and the contract section to read. Every case's
detail goes to ``-v`` or a file; JSON and JUnit XML are for course autograders.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from conformance_tests.grader.cases import Group
from conformance_tests.grader.checks import Problem
from conformance_tests.grader.levels import SECTION_OF_LEVEL
from conformance_tests.grader.levels import Level
from conformance_tests.grader.levels import section_link
from conformance_tests.grader.run import Result
from conformance_tests.grader.run import graded_levels

MAX_LINES = 60


@dataclass(frozen=True)
class Score:
    passed: int
    total: int


def scores(results: Sequence[Result], group: str | None = None) -> dict[Level, Score]:
    """Per level: cases that pass its checks, of those it grades (one group, or all)."""
    chosen = [r for r in results if group is None or r.case.group == group]
    found = {}
    for level in Level:
        graded = [r for r in chosen if level in graded_levels(r.case)]
        found[level] = Score(sum(not r.fails(level) for r in graded), len(graded))
    return found


def reached(results: Sequence[Result]) -> int:
    """The highest level whose checks, and every lower level's, pass in every case (0: none)."""
    level = 0
    for candidate in Level:
        if any(r.fails(candidate) for r in results):
            break
        level = candidate.value
    return level


def _section(problem: Problem, result: Result, groups: dict[str, Group]) -> str:
    group = groups.get(result.case.group)
    anchor = problem.section or (group.section if group else SECTION_OF_LEVEL[problem.level])
    return section_link(anchor)


def request_line(result: Result) -> str:
    case = result.case
    extra = "".join(f" [{k}: {v}]" for k, v in case.request_headers.items())
    target = case.target if len(case.target) <= 100 else case.target[:100] + "…"
    return f"{case.method} {target}{extra}"


@dataclass
class Kind:
    """One kind of problem, and the cases that show it."""

    level: Level
    kind: str
    examples: list[tuple[Result, Problem]]


def kinds(results: Sequence[Result]) -> list[Kind]:
    """Problems grouped by kind, across levels (a HEAD twin's wrong status is its GET's).

    Each kind counts at the lowest level it appears; the lowest level first, then the most
    common first.
    """
    found: dict[str, Kind] = {}
    for result in results:
        for problem in result.problems:
            kind = found.setdefault(problem.kind, Kind(problem.level, problem.kind, []))
            kind.examples.append((result, problem))
    for kind in found.values():
        kind.examples.sort(key=lambda example: example[1].level)
        kind.level = kind.examples[0][1].level
    return sorted(found.values(), key=lambda k: (k.level, -len(k.examples), k.kind))


def _table(results: Sequence[Result], groups: Sequence[Group]) -> list[str]:
    head = f"{'group':<38}" + "".join(f"{level.label:>20}" for level in Level)
    lines = [head]
    for group in [*groups, None]:
        score = scores(results, group.name if group else None)
        if group is not None and not any(s.total for s in score.values()):
            continue
        cells = "".join(
            f"{f'{s.passed}/{s.total}' if s.total else '–':>20}" for s in score.values()
        )
        lines.append(f"{group.title if group else 'all':<38}{cells}")
    return lines


def _verdict(results: Sequence[Result]) -> str:
    level = reached(results)
    if level == max(Level):
        return f"Grade: level {level} of 3: every check passes, exact bytes included."
    following = Level(level + 1)
    failing = sum(r.fails(following) for r in results)
    got = f"level {level} of 3 reached" if level else "no level reached yet"
    return f"Grade: {got}. For {following.label}, {failing} case(s) still fail its checks."


def _problem_lines(kind: Kind, number: int, groups: dict[str, Group]) -> list[str]:
    result, problem = kind.examples[0]
    count = len({id(r) for r, _ in kind.examples})
    lines = [
        f"{number:>2}. {count} × {kind.kind}",
        f"    {kind.level.label}; read {_section(problem, result, groups)}",
        f"    e.g. {request_line(result)}",
    ]
    lines += [f"      {line}" for line in problem.detail.splitlines()[:3]]
    return lines


PER_LEVEL = 4
"""Kinds of problem shown per level before any level gets more, so every level is seen."""


def _choose(problems: Sequence[Kind], room: int) -> list[Kind]:
    """As many kinds as fit in ``room`` lines: a few of every level first, then the lowest's."""
    chosen: list[Kind] = []
    used = 0
    for first_pass in (True, False):
        for level in Level:
            of_level = [k for k in problems if k.level == level and k not in chosen]
            for kind in of_level[:PER_LEVEL] if first_pass else of_level:
                size = len(_problem_lines(kind, 0, {}))
                if used + size > room:
                    break
                chosen.append(kind)
                used += size
    return sorted(chosen, key=problems.index)


def render(
    results: Sequence[Result],
    groups: Sequence[Group],
    url: str,
    about_run: str,
    max_lines: int = MAX_LINES,
) -> str:
    """The scorecard: never more than ``max_lines`` lines, whatever the implementation."""
    by_name = {group.name: group for group in groups}
    lines = [f"Conformance of {url} to the sum/echo contract", about_run, ""]
    lines += _table(results, groups) + ["", _verdict(results)]
    problems = kinds(results)
    footer = [
        "",
        "Every case in detail: -v, or --details FILE. Levels: " + section_link("levels"),
    ]
    if problems:
        lines += ["", "What to fix, level by level, most common first:"]
        room = max_lines - len(lines) - len(footer) - 1
        chosen = _choose(problems, room)
        for number, kind in enumerate(chosen, 1):
            lines += _problem_lines(kind, number, by_name)
        if len(chosen) < len(problems):
            lines.append(f"… and {len(problems) - len(chosen)} more kinds of problem.")
    return "\n".join(lines + footer)


def details(results: Sequence[Result]) -> str:
    """Every case: its verdict per level, and each problem in full."""
    lines = []
    for result in results:
        case = result.case
        verdicts = " ".join(
            f"{level.name.lower()}:{'FAIL' if result.fails(level) else 'ok'}"
            for level in graded_levels(case)
        )
        lines.append(f"{case.name} [{case.group}] {verdicts}")
        lines.append(f"  {request_line(result)}")
        if case.description:
            lines.append(f"  ({case.description})")
        for problem in result.problems:
            lines.append(f"  - {problem.level.label}: {problem.kind}")
            lines += [f"      {line}" for line in problem.detail.splitlines()]
    return "\n".join(lines)


def as_json(results: Sequence[Result], url: str, seed: int) -> dict[str, Any]:
    """Everything a course's CI may want, in one document."""
    return {
        "url": url,
        "seed": seed,
        "level_reached": reached(results),
        "levels": {
            level.name.lower(): {"passed": s.passed, "total": s.total}
            for level, s in scores(results).items()
        },
        "cases": [
            {
                "name": r.case.name,
                "group": r.case.group,
                "request": request_line(r),
                "status": r.answer.status if r.answer else None,
                "levels": {
                    level.name.lower(): not r.fails(level) for level in graded_levels(r.case)
                },
                "problems": [
                    {"level": p.level.value, "kind": p.kind, "detail": p.detail} for p in r.problems
                ],
            }
            for r in results
        ],
    }


def write_json(results: Sequence[Result], url: str, seed: int, path: str) -> None:
    with open(path, "w", encoding="utf-8") as file:
        json.dump(as_json(results, url, seed), file, ensure_ascii=False, indent=2)


def write_junit(results: Sequence[Result], path: str) -> None:
    """One test case per case and level, as pytest's --junitxml would write them."""
    root = ET.Element("testsuites")
    suite = ET.SubElement(root, "testsuite", name="conformance")
    count = failures = 0
    for result in results:
        for level in graded_levels(result.case):
            count += 1
            item = ET.SubElement(
                suite,
                "testcase",
                classname=f"conformance.{result.case.group}",
                name=f"{result.case.name}-{level.name.lower()}",
            )
            wrong = [p for p in result.problems if p.level == level]
            if wrong:
                failures += 1
                failure = ET.SubElement(item, "failure", message=wrong[0].kind)
                failure.text = "\n".join(f"{p.kind}\n{p.detail}" for p in wrong)
    suite.set("tests", str(count))
    suite.set("failures", str(failures))
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
