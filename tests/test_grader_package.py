"""The grader as a learner installs it: ``pip install ./conformance_tests`` puts ``check-sum-echo``
on the PATH with the grader and the contract's cases, nothing else of this project, and the
command grades from any folder as ``python -m conformance_tests`` does in the clone."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.adapters import ROOT
from tests.test_grader import SEED
from tests.test_grader import STYLES
from tests.test_grader import learner_server
from tests.test_grader import run_cli

PACKAGE = ROOT / "conformance_tests"
COMMAND = "check-sum-echo"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package installed as pip installs it, into a folder of its own (offline: the build
    backend, hatchling, is in the test environment already)."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--target", str(target), str(PACKAGE)],
        check=True, capture_output=True,
    )  # fmt: skip
    return target


@pytest.fixture(scope="module")
def course_url() -> Iterator[str]:
    with learner_server(STYLES["course_flask"]) as url:
        yield url


def run_installed(target: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The installed command, run from a folder that is not the clone."""
    return subprocess.run(
        [str(target / "bin" / COMMAND), *argv],
        cwd=target.parent, env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_the_package_holds_the_grader_and_the_cases_only(installed: Path) -> None:
    names = {path.name for path in (installed / "conformance_tests").iterdir()}
    wanted = {"__init__.py", "__main__.py", "grader", "classroom", "cases"}
    assert names - {"__pycache__"} == wanted
    cases = {path.name for path in (installed / "conformance_tests" / "cases").glob("*.yaml")}
    assert cases == {path.name for path in (PACKAGE / "cases").glob("*.yaml")}


def test_the_command_says_its_own_name(installed: Path) -> None:
    result = run_installed(installed, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: {COMMAND} ")
    assert f"  {COMMAND} http://127.0.0.1:5000 --require 1" in result.stdout


def test_the_command_grades_from_any_folder_as_the_clone_does(
    installed: Path, course_url: str
) -> None:
    result = run_installed(installed, course_url, "--seed", SEED)
    status, card, _ = run_cli(course_url, "--seed", SEED)
    assert result.returncode == status == 1, result.stderr
    assert result.stdout.splitlines()[:2] == card.splitlines()[:2]
    assert result.stdout.startswith("Score 29/100 for ")


def test_a_reader_that_stops_reading_gets_no_traceback(installed: Path, course_url: str) -> None:
    """``check-sum-echo URL | head``: the card is cut where the reader stopped, and that is all."""
    report = installed.parent / "card.json"
    process = subprocess.Popen(
        [str(installed / "bin" / COMMAND), course_url, "--seed", SEED, "--json", str(report)],
        cwd=installed.parent, env={**os.environ, "PYTHONPATH": str(installed)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    process.stdout.close()  # as head does once it has its lines
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 1 and "Traceback" not in errors, errors
    assert report.is_file()


def test_the_readme_s_steps_are_the_ones_tested() -> None:
    """The README's numbered steps install and run what these tests install and run."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    steps = readme.split("### 2. Check your own server", 1)[1].split("```text", 1)[0]
    assert "python3 -m venv .venv" in steps
    assert "`pip install ./conformance_tests`" in steps
    assert f"`{COMMAND} http://127.0.0.1:5000`" in steps


def test_the_class_command_is_installed_too(installed: Path) -> None:
    result = subprocess.run(
        [str(installed / "bin" / "check-sum-echo-class"), "--help"],
        cwd=installed.parent, env={**os.environ, "PYTHONPATH": str(installed)},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: check-sum-echo-class ")
