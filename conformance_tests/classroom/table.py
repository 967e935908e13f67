"""The class table: in the terminal, and as CSV and JSON for a gradebook.

One row per student, in the order they were graded: name, score, level reached, the first
problem (the card's first, or why the submission could not be graded), and the time it took.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from conformance_tests.classroom.grading import Row
from conformance_tests.grader.files import write_document

COLUMNS = ("name", "score", "level", "first problem", "time")
CSV_COLUMNS = [
    "name", "score", "level", "first_problem", "seconds", "graded",
    "level_1_points", "level_2_points", "level_3_points", "command", "url", "card", "log",
]  # fmt: skip


def _cells(row: Row) -> list[str]:
    score = f"{row.score:.0f}" if row.graded else "–"
    level = str(row.level) if row.graded else "–"
    return [row.name, score, level, row.first_problem or "none", f"{row.seconds:.1f} s"]


def terminal(rows: Sequence[Row], width: int = 120) -> str:
    """The table as text, a line per student; a long first problem is cut to the width."""
    cells = [list(COLUMNS), *(_cells(row) for row in rows)]
    name = max(len(line[0]) for line in cells)
    fixed = name + 2 + 5 + 2 + 5 + 2 + 8 + 2
    room = max(width - fixed, 20)
    lines = []
    for who, score, level, problem, took in cells:
        if len(problem) > room:
            problem = problem[: room - 1] + "…"
        lines.append(f"{who:<{name}}  {score:>5}  {level:>5}  {took:>8}  {problem}".rstrip())
    return "\n".join(lines)


def as_csv_row(row: Row) -> dict[str, Any]:
    points = dict(zip(CSV_COLUMNS[6:9], (p.earned for p in row.points), strict=True))
    data = row.as_json() | points
    return {column: data[column] for column in CSV_COLUMNS}


def write(rows: Sequence[Row], folder: Path, about: dict[str, Any]) -> None:
    """class.csv and class.json in ``folder``: rewritten after each student, so a class run
    that is stopped keeps what it graded."""
    with (folder / "class.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(as_csv_row(row) for row in rows)
    document = {**about, "students": [row.as_json() for row in rows]}
    write_document(str(folder / "class.json"), document)
