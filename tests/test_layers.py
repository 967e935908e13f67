"""The house's shape: each part imports only the parts below it, with no import circles.

The contracts are in pyproject.toml ([tool.importlinter]); import-linter checks them on the
import graph of the code as it is, so a new circle fails here before anyone trips on it.
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
