"""The guide's worked example still applies, and the suite says at each step what the guide says.

A copy of the project takes ``docs/examples/reverse.patch`` step by step; every adapter is
graded after each step, and the tests that guard the documents and the grader's model must
fail until their step and pass after it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from docgen.worked_example import PATCH
from docgen.worked_example import STEPS
from docgen.worked_example import apply
from docgen.worked_example import copy_project
from docgen.worked_example import failing
from docgen.worked_example import hunks
from harness.adapters import discover

NEW_CASES = ["methods-options-reverse", "methods-post-reverse", "reverse-ok", "reverse-unicode"]
NEW_FAILURES = dict.fromkeys(NEW_CASES + ["reverse-ok-as-head", "reverse-unicode-as-head"], 404)
GUARDS = ["tests/test_contract_documents.py", "tests/test_checks.py", "-k", "not generated"]


def guards_pass(root: Path) -> bool:
    """Whether the documents' and the oracle's tests pass in the copy."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *GUARDS],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 1), done.stdout + done.stderr  # ran, whatever the outcome
    return done.returncode == 0


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("worked") / "project")


def test_each_step_changes_what_the_guide_says(project: Path) -> None:
    names = [adapter.name for adapter in discover()]
    every = {name: NEW_FAILURES for name in names}
    flask_done = {**every, "flask": {}}
    passing: dict[str, dict[str, int | None]] = {name: {} for name in names}
    assert failing(project) == passing, "the project fails before the example begins"
    expected_after = [every, flask_done, passing]
    for step, expected in zip(STEPS, expected_after, strict=False):
        apply(project, step)
        assert failing(project) == expected
    assert not guards_pass(project), "the documents and the oracle do not know the route yet"
    apply(project, STEPS[-1])
    assert failing(project) == passing
    assert guards_pass(project)
    lint = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--quiet", "core", "conformance_tests"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert lint.returncode == 0, lint.stdout


def test_the_steps_take_the_whole_patch_once() -> None:
    files = [hunks(step).split("diff --git ")[1:] for step in STEPS]
    assert all(files), "a step with no file"
    whole = PATCH.read_text(encoding="utf-8").split("diff --git ")[1:]
    assert sorted(part for step in files for part in step) == sorted(whole)
