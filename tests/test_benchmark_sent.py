"""What the benchmark sends: every request's expected answer is the adapters' answer."""

from __future__ import annotations

import csv
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from devtools.in_process import call
from harness.adapters import ROOT
from harness.adapters import Adapter
from harness.servers.live import serve
from loadtests.sent.mix import MIX
from loadtests.sent.mix import WEIGHTS
from loadtests.sent.mix import sequence

EVERY = [each for requests in MIX.values() for each in requests]
LOCUSTFILE = ROOT / "loadtests" / "sent" / "locustfile.py"


def test_every_request_expects_what_the_adapters_answer(adapter: Adapter) -> None:
    app = adapter.create_app()
    for each in EVERY:
        answer = call(app, "GET", each.path)
        assert (answer.status, answer.body) == (each.status, each.body), each.path


def test_the_mix_includes_refused_requests_and_follows_the_weights() -> None:
    assert {each.status for each in EVERY} == {200, 400, 404}
    kinds = Counter(kind for each in sequence(5000) for kind, requests in MIX.items()
                    if each in requests)  # fmt: skip
    assert kinds.most_common(1)[0][0] == "sum_path" and set(kinds) == set(WEIGHTS)
    assert sequence(50, seed=1) == sequence(50, seed=1) != sequence(50, seed=2)


@pytest.mark.live
def test_the_locustfile_runs_on_its_own_in_multiprocess_mode(tmp_path: Path) -> None:
    """Locust's --processes (a master and forked workers) with the same locustfile: it exits
    0 only when no answer failed its check."""
    with serve(Adapter("falcon"), "waitress") as live:
        result = subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--host", live.url,
             "--headless", "--processes", "2", "-u", "4", "-r", "4", "-t", "3s",
             "--csv", str(tmp_path / "run"), "--only-summary"],
            capture_output=True, text=True, timeout=90, check=False,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    with (tmp_path / "run_stats.csv").open() as file:
        total = next(row for row in csv.DictReader(file) if row["Name"] == "Aggregated")
    assert int(total["Request Count"]) > 0 and total["Failure Count"] == "0"


def test_project_settings_name_the_locustfile() -> None:
    """``locust`` alone, from the project root, finds the locustfile through pyproject.toml."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["locust"]
    assert ROOT / settings["locustfile"] == LOCUSTFILE
    assert settings["host"].startswith("http://127.0.0.1:")
