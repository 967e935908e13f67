"""From checks to a grade: cumulative levels, counts that add up, and a score out of 100.

Levels are cumulative per case: a case counts at level 2 only where it also passes
level 1, and a HEAD twin only where its GET passes level 1 (HEAD answers as GET
would; if GET's meaning is wrong, so is HEAD's). The score follows the levels: a band
per level reached, and within it partial credit toward the next level, for each aspect a
route gets right.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass

from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import Group
from conformance_tests.grader.http import Answer
from conformance_tests.grader.levels import Level
from conformance_tests.grader.problems import NOT_SENT
from conformance_tests.grader.problems import Check
from conformance_tests.grader.problems import Problem

BANDS = {0: (0.0, 50.0), 1: (50.0, 80.0), 2: (80.0, 100.0)}
"""The scores of a server by the level it reached: below 50 none, 50 to 80 level 1, 80 to 100
level 2, 100 level 3; so any server at a level scores above every server below it. Within its
band, a server ranks by its partial credit toward the next level."""
MEANING_FIRST = 3.0
FORM_ALONE = 0.25
"""Where an answer's meaning is checked (meaning.py), its partial credit is its meaning's
(weight 3), its form as far as its meaning is right (weight 1), and its form alone (weight
1/4): a right total as text earns about half, a wrong total in perfect JSON a twentieth, a
constant answer to every URL next to nothing."""
WHOLE = 0.5
"""The share of a case's credit that only a fully right answer earns; the rest is partial
credit, aspect by aspect. So one route right beats several routes half right."""


def graded_levels(case: Case) -> list[Level]:
    """The levels that grade a case: from its own level up to the exact bytes."""
    return [level for level in Level if level >= case.level]


@dataclass(frozen=True)
class Result:
    """One case and what the server made of it; ``answer`` is None when none came."""

    case: Case
    answer: Answer | None
    checks: tuple[Check, ...]

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(check.problem for check in self.checks if check.problem is not None)

    def fails(self, level: Level) -> bool:
        """Whether any check of exactly this level falls short."""
        return any(check.level == level and not check.passed for check in self.checks)

    def credit(self, level: Level) -> float:
        """The weighted share of this level's checks that this answer earned, 0 to 1; none for
        a crash or no answer, whatever else the answer got right (a HEAD without a body).
        Where the answer's meaning is checked, it comes first: its form earns only as far as
        its meaning is right, and a right meaning in the wrong form still earns most."""
        checks = [check for check in self.checks if check.level == level]
        if any(check.aspect == "answered" and not check.passed for check in checks):
            return 0.0
        meaning = [check.credit for check in checks if check.aspect == "meaning"]
        form = [check for check in checks if check.aspect != "meaning"]
        weight = sum(check.weight for check in form)
        share = sum(check.credit * check.weight for check in form) / weight if weight else 0.0
        if not meaning:
            return share
        right = meaning[0]
        return (MEANING_FIRST * right + right * share + FORM_ALONE * share) / (
            MEANING_FIRST + 1 + FORM_ALONE
        )


@dataclass(frozen=True)
class Count:
    passed: int
    total: int


@dataclass(frozen=True)
class Stop:
    """A server that stopped answering midway: its last answer, the first request it left
    unanswered (most likely the one that stopped it), and how many were not sent."""

    last_answered: Result | None
    first_unanswered: Result
    not_sent: int


class Grading:
    """Every result of one run, read level by level."""

    def __init__(self, results: Sequence[Result], groups: Sequence[Group]) -> None:
        self.results = list(results)
        self.groups = [g for g in groups if any(r.case.group == g.name for r in results)]
        self.by_name = {result.case.name: result for result in results}

    def group(self, name: str) -> Group | None:
        return next((group for group in self.groups if group.name == name), None)

    def _gate(self, result: Result, level: Level) -> bool:
        """Whether the levels below ``level`` let this case count at it."""
        twin = self.by_name.get(result.case.twin_of)
        if twin is not None and level > Level.MEANING and not self.passes(twin, Level.MEANING):
            return False
        return not any(result.fails(lower) for lower in graded_levels(result.case) if lower < level)

    def passes(self, result: Result, level: Level) -> bool:
        """Passes this level and every level below it that grades the case."""
        return self._gate(result, level) and not result.fails(level)

    def credit(self, result: Result, level: Level) -> float:
        """0 to 1: the case's partial credit at this level, and a bonus for being right."""
        if not self._gate(result, level):
            return 0.0
        return WHOLE * (not result.fails(level)) + (1 - WHOLE) * result.credit(level)

    def listed(self, result: Result) -> list[Problem]:
        """The problems to fix now: those of the levels this case reaches, none above."""
        return [p for p in result.problems if self._gate(result, p.level)]

    def count(self, level: Level, group: str | None = None) -> Count:
        """Cases that pass this level (and the ones below), of those the level grades."""
        graded = [r for r in self._of(group) if level in graded_levels(r.case)]
        return Count(sum(self.passes(r, level) for r in graded), len(graded))

    def _of(self, group: str | None) -> Iterable[Result]:
        return (r for r in self.results if group is None or r.case.group == group)

    def route_credit(self, group: str, level: Level) -> float | None:
        """The mean credit of one route's cases at one level; None if the level grades none."""
        credits = [self.credit(r, level) for r in self._of(group) if level in graded_levels(r.case)]
        return statistics.fmean(credits) if credits else None

    def level_credit(self, level: Level) -> float:
        """0 to 1: the mean credit of the routes this level grades, each route's shared by its
        cases."""
        credits = [self.route_credit(g.name, level) for g in self.groups]
        known = [credit for credit in credits if credit is not None]
        return statistics.fmean(known) if known else 0.0

    def score(self) -> float:
        """0 to 100: the band of the level reached, and within it the credit toward the next."""
        reached = self.reached()
        if reached == max(Level):
            return 100.0
        low, high = BANDS[reached]
        toward = self.level_credit(Level(reached + 1))
        return min(round(low + (high - low) * toward, 1), high - 0.1)

    def stop(self) -> Stop | None:
        """Where the server stopped answering midway, if it did: the run of unanswered
        requests that ends in the ones not sent, and the last answer before it."""
        unsent = [i for i, r in enumerate(self.results) if NOT_SENT in (p.kind for p in r.problems)]
        if not unsent:
            return None
        first = unsent[0]
        while first and self.results[first - 1].answer is None:
            first -= 1
        answered = [r for r in self.results[:first] if r.answer is not None]
        return Stop(answered[-1] if answered else None, self.results[first], len(unsent))

    def reached(self) -> int:
        """The highest level every case passes, with every level below it (0: none)."""
        level = 0
        for candidate in Level:
            graded = [r for r in self.results if candidate in graded_levels(r.case)]
            if not all(self.passes(r, candidate) for r in graded):
                break
            level = candidate.value
        return level
