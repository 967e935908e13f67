"""One route's lines on the card: its canonical request, yours and the contract's answer, and
the diagnosis, wrapped at the card's width and never cut."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import Group
from conformance_tests.grader.cases import request_line
from conformance_tests.grader.http import Answer
from conformance_tests.grader.showing import WIDTH
from conformance_tests.grader.showing import described
from conformance_tests.grader.showing import fitted
from conformance_tests.grader.showing import shown
from conformance_tests.grader.showing import wrapped


@dataclass(frozen=True)
class RouteLine:
    """One route's line on the card: its canonical request, both answers, the diagnosis."""

    group: Group
    case: Case
    answer: Answer | None
    level: int
    """The highest level its canonical request passes (0: not even the meaning)."""
    diagnosis: str
    tally: tuple[int, int, int] = (1, 0, 0)
    """The level the mark shows, and how many of the route's cases pass it, of how many: the
    highest level they all pass, else the route's own level."""

    @property
    def all_right(self) -> bool:
        return self.tally[1] == self.tally[2]

    def lines(self, width: int = WIDTH) -> list[str]:
        """One line for a route right in meaning; more for one that is not (yours, the
        contract's, what to do, the advice wrapped, never cut)."""
        answer = self.answer
        mark = "✓" if self.all_right else "✗"
        head = f" {mark} {self.group.title:<16}{request_line(self.case)}"
        at, passed, total = self.tally
        reached = f"  [{passed}/{total} at level {at}]"
        advice = wrapped(f"     → {self.diagnosis}", hanging=" " * 7, width=width)
        if answer is None:
            return [f"{head} → no answer{reached}", *advice]
        content_type = answer.header("Content-Type")

        apart = len(head) + len(reached) > width - 24  # a request with headers: answer below

        def yours(limit: int) -> str:
            got = f"{answer.status} {described(answer.body, content_type, limit)}"
            return f"     yours: {got}" if apart else f"{head} → {got}"

        def expected(limit: int) -> str:
            body = shown(self.case.body, limit) if self.case.body else "(no body)"
            return f"     the contract answers {self.case.status} {body}"

        first = (
            [head + reached, fitted(yours, width)]
            if apart
            else [fitted(yours, width - len(reached)) + reached]
        )
        return first if self.level else [*first, fitted(expected, width), *advice]

    def as_json(self) -> dict[str, Any]:
        answer = self.answer
        return {
            "route": self.group.name,
            "title": self.group.title,
            "request": f"{self.case.method} {self.case.target}",
            "level": self.level,
            "cases": dict(zip(("level", "passed", "total"), self.tally, strict=True)),
            "got": None if answer is None else {
                "status": answer.status,
                "content_type": answer.header("Content-Type"),
                "body": answer.body.decode("utf-8", "replace"),
            },
            "expected": {"status": self.case.status, "body": self.case.body.decode("utf-8")},
            "diagnosis": self.diagnosis,
        }  # fmt: skip
