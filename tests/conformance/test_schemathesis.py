"""Schemathesis generates requests from contract/openapi.yaml against each live adapter.

Every check it has must pass: where it found the document and the adapters
disagreeing, the disagreement was fixed in whichever was wrong.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from harness.adapters import ROOT
from harness.adapters import Adapter
from harness.servers.live import LiveServer

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
MAX_EXAMPLES = 25
"""Per operation and phase; the bounded CI profile. Raise it with SCHEMATHESIS_MAX_EXAMPLES."""


def max_examples() -> int:
    return int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", MAX_EXAMPLES))


@pytest.mark.live
def test_schemathesis_finds_nothing(
    adapter: Adapter, live_servers: dict[str, LiveServer], tmp_path: Path
) -> None:
    command = [
        str(SCHEMATHESIS), "--config-file", str(ROOT / "contract" / "schemathesis.toml"),
        "run", str(ROOT / "contract" / "openapi.yaml"),
        "--url", live_servers[adapter.name].url,
        "--checks", "all", "--max-examples", str(max_examples()),
        "--generation-deterministic", "--report-dir", str(tmp_path),
    ]  # fmt: skip
    # Run from tmp_path: Schemathesis keeps a cache in .schemathesis/ under its working folder.
    result = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )
    summary = re.search(r"(\d+) generated, (\d+) passed", result.stdout)
    assert result.returncode == 0, result.stdout[-4000:]
    assert summary is not None and summary.group(1) == summary.group(2), result.stdout[-2000:]
    print(f"{adapter.name}: {summary.group(0)}")
