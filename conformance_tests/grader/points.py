"""Points per level for the autograders courses already use: GitHub Classroom and Gradescope.

The points are the score taken apart: each level is worth its band of the score (50, 30
and 20), earned whole once the level is reached, in part while it is the next one, and not
at all above it. So the points add up to the score the card shows, and the card itself is
the feedback text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance_tests.grader.levels import Level
from conformance_tests.grader.results import BANDS
from conformance_tests.grader.results import Grading


@dataclass(frozen=True)
class LevelPoints:
    """One level's points: what it earned of what it is worth, and the cases behind it."""

    level: Level
    earned: float
    worth: float
    passed: int
    total: int

    @property
    def name(self) -> str:
        return f"Level {self.level.value}: {self.level.name.lower()}"

    @property
    def reached(self) -> bool:
        return self.earned >= self.worth

    def summary(self) -> str:
        return (
            f"{self.earned:g}/{self.worth:g} points: {self.passed} of {self.total} cases pass "
            f"{self.level.label} and the levels below it"
        )


def level_points(grading: Grading) -> list[LevelPoints]:
    """Each level's share of the score; they add up to ``grading.score()``."""
    reached, score = grading.reached(), grading.score()
    points = []
    for level in Level:
        low, high = BANDS[level - 1]
        if reached >= level:
            earned = high - low
        elif reached == level - 1:
            earned = round(score - low, 1)
        else:
            earned = 0.0
        count = grading.count(level)
        points.append(LevelPoints(level, earned, high - low, count.passed, count.total))
    return points


def no_points() -> list[LevelPoints]:
    """A server that could not be graded at all (it never started, or never answered)."""
    return [LevelPoints(level, 0.0, high - low, 0, 0) for level, (low, high) in
            zip(Level, BANDS.values(), strict=True)]  # fmt: skip


def _first_short(points: list[LevelPoints]) -> Level | None:
    """The level the card is about: the first not reached."""
    return next((p.level for p in points if not p.reached), None)


def gradescope(points: list[LevelPoints], card: str, seconds: float) -> dict[str, Any]:
    """Gradescope's results.json: a test per level, the card as the submission's output."""
    return {
        "score": round(sum(p.earned for p in points), 1),
        "execution_time": round(seconds),
        "output": card,
        "output_format": "text",
        "tests": [
            {
                "name": p.name,
                "number": str(p.level.value),
                "score": p.earned,
                "max_score": p.worth,
                "status": "passed" if p.reached else "failed",
                "output": p.summary(),
                "visibility": "visible",
            }
            for p in points
        ],
    }


def classroom(
    points: list[LevelPoints], card: str, seconds: float, require: Level
) -> dict[str, Any]:
    """What GitHub Classroom's autograding reporter reads (base64-encoded, as a step's
    ``result`` output): a test per level, whose points the reporter adds up; the card is the
    message of the first level not reached, the one the reporter shows a learner."""
    short = _first_short(points)
    reached = all(p.reached for p in points if p.level <= require)
    return {
        "version": 1,
        "status": "pass" if reached else "fail",
        "max_score": round(sum(p.worth for p in points)),
        "tests": [
            {
                "name": p.name,
                "status": "pass" if p.reached else "fail",
                "message": card if p.level == short else p.summary(),
                "score": p.earned,
                "execution_time": f"{seconds:.1f}s",
                "line_no": 0,
                "filename": "",
                "test_code": f"check-sum-echo URL --require {p.level.value}",
            }
            for p in points
        ],
    }
