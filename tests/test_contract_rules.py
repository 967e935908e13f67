"""Every rule the contract states has cases (or, where no request can show it, a test).

contract/rules.yaml quotes each rule of contract/README.md and names what checks it.
A sentence of the rule sections that quotes no entry fails here, so a rule added to
the prose without a case cannot pass unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
import yaml

from conformance_tests.grader.cases import CASES
from conformance_tests.grader.cases import Case
from conformance_tests.grader.http import Answer
from harness.adapters import ROOT
from tests.answering import graded
from tests.answering import server

PROSE = (ROOT / "contract" / "README.md").read_text(encoding="utf-8")
RULES: dict[str, Any] = yaml.safe_load((ROOT / "contract" / "rules.yaml").read_text())
RULE_SECTIONS = ["Routes", "Addends", "Errors", "Methods", "Request headers", "Every response"]
"""The sections that state the contract; Levels says how it is graded, not what it is."""
TABLE_HEADS = ("| request", "| when")
QUOTES = [rule["says"] for rule in RULES["rules"]] + RULES["explains"]


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def statements(body: str) -> list[str]:
    """A section's sentences and table rows, each one statement."""
    found: list[str] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        text = " ".join(paragraph)
        found.extend(s for s in re.split(r"(?<=[.;])\s+(?=[A-Z`(])", text) if s)
        paragraph.clear()

    for line in (raw.strip() for raw in body.splitlines()):
        if line.startswith("|"):
            end_paragraph()
            if not re.fullmatch(r"\|[-| ]+\|", line) and not line.startswith(TABLE_HEADS):
                found.append(line)
        elif not line or line.startswith("- "):
            end_paragraph()
            paragraph.append(line.removeprefix("- "))
        else:
            paragraph.append(line)
    end_paragraph()
    return [statement for statement in found if statement]


STATEMENTS = [s for name in RULE_SECTIONS for s in statements(sections(PROSE)[name])]


def test_the_rule_sections_are_all_there() -> None:
    assert set(RULE_SECTIONS) <= set(sections(PROSE)), "a rule section was renamed"
    assert len(STATEMENTS) > 30


@pytest.mark.parametrize("statement", STATEMENTS, ids=lambda s: s[:40])
def test_every_sentence_of_the_contract_is_a_listed_rule(statement: str) -> None:
    assert any(quote in statement for quote in QUOTES), (
        "a sentence of contract/README.md that contract/rules.yaml does not quote: add it, "
        "with the cases that check it"
    )


@pytest.mark.parametrize("quote", QUOTES, ids=lambda q: q[:40])
def test_every_quote_is_in_the_prose(quote: str) -> None:
    assert any(quote in statement for statement in STATEMENTS)


@pytest.mark.parametrize("rule", RULES["rules"], ids=lambda r: r["says"][:40])
def test_every_rule_names_what_checks_it(rule: dict[str, Any]) -> None:
    names = {case.name for case in CASES}
    assert rule.get("cases") or rule.get("tests"), "a rule needs a case or a test"
    assert set(rule.get("cases", [])) <= names
    for test in rule.get("tests", []):
        path, _, function = test.partition("::")
        assert f"def {function}(" in (ROOT / path).read_text(encoding="utf-8"), test


FOLDS = {
    "only before echo": lambda target: target.startswith("//echo/"),
    "exactly two slashes": lambda target: not target.startswith("///"),
    "one slash too many, always": lambda target: False,
}
"""Servers that fold leading slashes for some paths only; each must miss level 1."""


@pytest.mark.parametrize("folds", FOLDS.values(), ids=FOLDS.keys())
def test_a_server_that_folds_slashes_only_sometimes_misses_level_1(
    folds: Callable[[str], bool],
) -> None:
    """``//echo/a`` alone let a server that folds only two slashes, or only before echo, pass."""

    def change(case: Case, right: Answer) -> Answer:
        if case.target.startswith("//") and not folds(case.target):
            return replace(right, status=404, body=b'{"message":"Invalid endpoint","status":404}')
        return right

    grading = graded(server(change)).grading
    assert grading.reached() == 0
    assert graded(server()).grading.reached() == 3
