"""Measured windows: what the driver reports, and how the benchmark runs it.

Server CPU time over a window divided by the requests served in it is the cost
per request. At a fixed arrival rate that every adapter sustains, it compares
frameworks under the same load, whoever is faster.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from loadtests.results.model import Window
from loadtests.runs.schedule import WINDOW_MARK
from loadtests.runs.schedule import Schedule


def driver_command(schedule_path: Path) -> list[str]:
    return [sys.executable, "-m", "loadtests.runs.driver", str(schedule_path)]


def run_schedule(
    schedule: Schedule, folder: Path, on_window: Callable[[Window], None]
) -> list[Window]:
    """Run the driver on the load generator's cores; every window, retries included."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "schedule.json"
    path.write_text(schedule.to_json(), encoding="utf-8")
    cpus = set(schedule.load_cpus) if schedule.load_cpus else None
    windows: list[Window] = []
    with open(folder / "locust.log", "wb") as log, subprocess.Popen(
        driver_command(path), stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
        preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
    ) as process:  # fmt: skip
        assert process.stdout is not None
        for line in process.stdout:
            text = line.decode(errors="replace")
            if text.startswith(WINDOW_MARK):
                window = Window.from_line(text.removeprefix(WINDOW_MARK))
                windows.append(window)
                on_window(window)
    if process.returncode:
        raise RuntimeError(
            f"the load generator stopped with exit code {process.returncode}; "
            f"see {folder / 'locust.log'}"
        )
    return windows
