"""One submission, start to end: set up, start, grade, stop, and a row of the class table.

Whatever happens to one submission is its row: a start that fails, a server that never
answers or runs out of time is one plain line, and the class goes on.
"""

from __future__ import annotations

import re
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import requests

from conformance_tests.classroom.processes import DidNotStart
from conformance_tests.classroom.processes import run_setup
from conformance_tests.classroom.processes import started_anywhere
from conformance_tests.classroom.submissions import Submission
from conformance_tests.grader.card import render
from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import request_line
from conformance_tests.grader.cli import about_run
from conformance_tests.grader.examine import examine
from conformance_tests.grader.files import as_json
from conformance_tests.grader.files import write_document
from conformance_tests.grader.http import TIMEOUT
from conformance_tests.grader.http import Answer
from conformance_tests.grader.kinds import kinds
from conformance_tests.grader.points import LevelPoints
from conformance_tests.grader.points import level_points
from conformance_tests.grader.points import no_points
from conformance_tests.grader.results import Grading
from conformance_tests.grader.run import Sender
from conformance_tests.grader.run import Unusable
from conformance_tests.grader.run import preflight
from conformance_tests.grader.run import sender

UNSAFE = re.compile(r"[^\w.@+-]|^\.")


@dataclass(frozen=True)
class Limits:
    """Seconds each submission has: to start listening, per answer, and in all."""

    start: float = 30.0
    answer: float = TIMEOUT
    total: float = 180.0


@dataclass
class Row:
    """One student's line of the class table, and where their files are."""

    name: str
    score: float = 0.0
    level: int = 0
    first_problem: str = ""
    seconds: float = 0.0
    graded: bool = False
    """False: it never answered, and ``first_problem`` says why in one line."""
    points: list[LevelPoints] = field(default_factory=no_points)
    command: str = ""
    url: str = ""
    card: str = ""
    log: str = ""

    def as_json(self) -> dict[str, Any]:
        return self.__dict__ | {"points": [p.earned for p in self.points]}


def first_problem(grading: Grading) -> str:
    """What the card puts first: where the server stopped, else its first kind of problem
    with the plainest request that shows it."""
    stop = grading.stop()
    if stop is not None:
        after = request_line(stop.last_answered.case) if stop.last_answered else "no answer"
        return f"stopped answering after {after}"
    found = kinds(grading)
    if not found:
        return ""
    kind = found[0]
    return f"{kind.kind}: {request_line(kind.examples[0][0].case)}"


@dataclass(frozen=True)
class Place:
    """Where a class's files go: a card, a log and a JSON report per student."""

    folder: Path

    def of(self, kind: str, name: str, suffix: str) -> Path:
        """``kind/name.suffix``, a name from a roster made safe as a file name."""
        path = self.folder / kind / f"{UNSAFE.sub('_', name)}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        return path


def timed(
    base_url: str, limits: Limits, deadline: float, session: requests.Session, out: list[str]
) -> Sender:
    """Requests to the server until its time is up; after that each fails at once as a server
    that stopped would (the grader then stops sending), and ``out`` says why."""
    send = sender(base_url, limits.answer, session)

    def one(method: str, target: str, headers: dict[str, str], body: bytes) -> Answer:
        if time.monotonic() >= deadline:
            out[:] = [f"ran out of time: stopped at its {limits.total:.0f} s limit"]
            raise TimeoutError(f"the class's time limit of {limits.total:.0f} s is up")
        return send(method, target, headers, body)

    return one


def _graded(
    name: str, url: str, cases: Sequence[Case], seed: int, limits: Limits, deadline: float,
    place: Place, row: Row,
) -> None:  # fmt: skip
    """Grade the server at ``url`` into ``row``, and write its card and report."""
    out: list[str] = []
    try:
        url = preflight(url)
        with requests.Session() as session:
            send = timed(url, limits, deadline, session, out)
            report = examine(send, cases, timeout=limits.answer)
    except Unusable as error:
        row.first_problem = out[0] if out else f"never answered: {str(error).split(': ', 1)[-1]}"
        return
    grading = report.grading
    card = render(grading, report.routes, url, about_run(cases, report.seconds, seed))
    card_file = place.of("cards", name, ".txt")
    card_file.write_text(card + "\n", encoding="utf-8")
    write_document(str(place.of("reports", name, ".json")),
                   as_json(grading, report.routes, url, seed))  # fmt: skip
    row.graded, row.score, row.level = True, grading.score(), grading.reached()
    row.points = level_points(grading)
    row.first_problem = out[0] if out else first_problem(grading)
    row.card = str(card_file)


def grade_submission(
    submission: Submission, cases: Sequence[Case], seed: int, limits: Limits, place: Place
) -> Row:
    """Start one submission, grade it and stop it; never raises for what the submission does."""
    began = time.monotonic()
    row = Row(submission.name, command=submission.shown)
    log = place.of("logs", submission.name, ".log")
    log.write_bytes(b"")
    row.log = str(log)
    deadline = began + limits.total
    try:
        if submission.problem:
            raise DidNotStart(submission.problem)
        if submission.url:
            row.url = submission.url
            _graded(submission.name, submission.url, cases, seed, limits, deadline, place, row)
        else:
            if submission.setup:
                run_setup(
                    list(submission.setup), submission.folder, log, deadline - time.monotonic()
                )
            start = min(limits.start, deadline - time.monotonic())
            with started_anywhere(submission.argv, submission.folder, log, start) as url:
                row.url = url
                _graded(submission.name, url, cases, seed, limits, deadline, place, row)
    except DidNotStart as error:
        row.first_problem = f"did not start: {error}"
    except Exception:  # a grader's bug on this one answer: said, logged, and the class goes on
        with log.open("a", encoding="utf-8") as file:
            file.write("\nThe grader failed on this submission (a bug in the grader):\n")
            file.write(traceback.format_exc())
        row.first_problem = f"the grader failed on it (a bug in the grader): see {log}"
    row.seconds = round(time.monotonic() - began, 1)
    return row
