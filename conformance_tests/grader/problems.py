"""A check and the problem it may carry: one aspect of one answer at one level, the credit it
earns (0 to 1), and, when it falls short, the problem a card groups by its kind.

A problem has a *kind* shared across cases ("lacks X-Content-Type-Options: nosniff"), so a
report can group a hundred failures into the few things to fix, and a *detail* for this one
answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from conformance_tests.grader.cases import Case
from conformance_tests.grader.levels import Level

WEIGHTS = {"answered": 0.5, "route": 1.0, "status": 3.0, "type": 0.5, "json": 1.0,
           "keys": 2.0, "values": 2.0}  # fmt: skip
"""How much each aspect of an answer's form weighs in its partial credit at level 1 (10 in all:
the status, keys and values most), which counts only as far as its meaning is right
(meaning.py, results.py); the rest (headers, bytes) weigh 1 each."""


@dataclass(frozen=True)
class Problem:
    """One way an answer breaks the contract."""

    level: Level
    kind: str
    """The same text for the same mistake in every case: what the report groups by."""
    detail: str
    """This answer's specifics, yours then the contract's, readable."""
    section: str
    """The contract section to read (an anchor in contract/README.md); empty: the group's."""
    cause: str = ""
    """What happened, where the request and answer tell (causes.py); empty: not told."""


@dataclass(frozen=True)
class Check:
    """One aspect of one answer, and the credit it earned (1: right)."""

    level: Level
    aspect: str
    credit: float
    problem: Problem | None = None

    @property
    def weight(self) -> float:
        return WEIGHTS.get(self.aspect, 1.0)

    @property
    def passed(self) -> bool:
        return self.credit >= 1.0


def verdict(
    level: Level,
    aspect: str,
    credit: float,
    kind: str = "",
    detail: str = "",
    section: str = "",
    cause: str = "",
) -> Check:
    """A check; one that falls short carries its problem, unless ``kind`` is empty (another
    problem of the same answer explains it)."""
    problem = Problem(level, kind, detail, section, cause) if kind and credit < 1 else None
    return Check(level, aspect, credit, problem)


NOT_SENT = "not sent: your server had stopped answering"
"""The kind of the cases left when a server stops answering midway."""


CLOSED_KIND = "no answer: your server closed the connection without one"
"""The kind of a case whose connection was closed unanswered, twice: an exception in the
code that served it, most often (cause "closed", whose fix says so)."""


def unanswered(case: Case, why: str, kind: str = "no answer", cause: str = "") -> list[Check]:
    """No answer at all: every level's credit is 0; one problem says why."""
    levels = [level for level in Level if level >= case.level]
    return [verdict(level, "answered", 0.0, kind if level == case.level else "", why, "", cause)
            for level in levels]  # fmt: skip
