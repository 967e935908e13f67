"""Measured windows: what the driver reports, and how the benchmark runs it.

Server CPU time over a window divided by the requests served in it is the cost
per request. At a fixed arrival rate that every adapter sustains, it compares
frameworks under the same load, whoever is faster.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from loadtests.runs.schedule import WINDOW_MARK
from loadtests.runs.schedule import Schedule


@dataclass(frozen=True)
class Window:
    """What one window of one server measured."""

    label: str
    adapter: str
    server: str
    round: int
    seconds: float
    requests: int
    failures: int
    server_cpu_s: float
    load_cpu_s: float
    latency_ms: dict[str, float]
    rate: float = 0.0
    """The arrival rate asked for (req/s); 0 is the closed model."""
    attempt: int = 0
    others_server_core: float = 0.0
    others_load_core: float = 0.0
    steal: float = 0.0
    disturbed: str = ""
    """Why the window cannot be trusted (another program's CPU, steal); empty when clean."""
    start: int = 0
    """Which start of the servers served it: windows of one start share its processes' bias."""
    rss_bytes: int = 0
    """The server's resident memory once the window's answers were all back."""

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def cpu_us_per_request(self) -> float:
        return 1e6 * self.server_cpu_s / self.requests if self.requests else float("nan")

    @property
    def server_cpu_share(self) -> float:
        """Server CPU as a fraction of one core (it is pinned to one when there are two)."""
        return self.server_cpu_s / self.seconds if self.seconds else 0.0

    @property
    def load_cpu_share(self) -> float:
        """Load generator CPU as a fraction of one core."""
        return self.load_cpu_s / self.seconds if self.seconds else 0.0

    @classmethod
    def from_line(cls, text: str) -> Window:
        data = json.loads(text)
        data["latency_ms"] = {k: float(v) for k, v in data["latency_ms"].items()}
        return cls(**data)


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
