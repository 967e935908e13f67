"""The house's shape: each part imports only the parts below it, with no import circles.

The contracts are in pyproject.toml ([tool.importlinter]); import-linter checks them on the
import graph of the code as it is, so a new circle fails here before anyone trips on it.
And no module outside tests is longer than 320 lines.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_each_part_imports_only_the_parts_below_it_and_nothing_imports_in_a_circle() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout and "3 kept" in done.stdout


LONGEST = 320
"""Lines a module outside tests may have: past it, a module holds more than one concern."""
NOT_SOURCE = {"tests", "mutants", "results", "node_modules", "build"}


def _source(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return not NOT_SOURCE & set(parts[:-1]) and not any(part.startswith(".") for part in parts)


def test_no_module_outside_tests_is_longer_than_320_lines() -> None:
    modules = [path for path in ROOT.rglob("*.py") if _source(path)]
    long = {str(p.relative_to(ROOT)): n for p in modules
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > LONGEST}  # fmt: skip
    assert len(modules) > 100 and long == {}, long
