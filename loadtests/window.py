"""One measured window: Locust against a running server, with CPU sampled at its edges.

Server CPU time (user + system, from the OS) over the window divided by the
requests served in it is the cost per request. It does not depend on whether the
load generator kept up, so it is the fairest "what does this framework cost".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import psutil

from harness.live import LiveServer
from loadtests.plan import Plan
from loadtests.probes import WINDOW_MARK

LOCUSTFILE = Path(__file__).with_name("locustfile.py")


@dataclass(frozen=True)
class Sample:
    """CPU seconds used so far by the server and by the load generator."""

    server_cpu: float
    load_cpu: float


@dataclass(frozen=True)
class Window:
    """What one run of one adapter measured."""

    adapter: str
    server: str
    round: int
    seconds: float
    requests: int
    failures: int
    server_cpu_s: float
    load_cpu_s: float
    latency_ms: dict[str, float]

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


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and all its descendants (gunicorn's workers, say)."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def locust_command(plan: Plan, url: str, prefix: Path) -> list[str]:
    return [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--host", url,
        "--headless", "--only-summary", "--exit-code-on-error", "0",
        "-u", str(plan.users), "-r", str(plan.spawn_rate),
        "-t", f"{plan.warmup + plan.duration:g}s", "--stop-timeout", "2",
        "--warmup", f"{plan.warmup:g}", "--pacing", f"{plan.pacing:g}",
        "--csv", str(prefix), "--html", f"{prefix}.html",
        "--window-json", f"{prefix}_window.json",
    ]  # fmt: skip


def measure(
    plan: Plan, live: LiveServer, round_: int, folder: Path, load_cpus: set[int] | None
) -> Window:
    """Run Locust once; sample CPU when it marks the window's start and stop."""
    folder.mkdir(parents=True, exist_ok=True)
    prefix = folder / "locust"
    marks: dict[str, Sample] = {}
    with subprocess.Popen(
        locust_command(plan, live.url, prefix),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        preexec_fn=(lambda: os.sched_setaffinity(0, load_cpus)) if load_cpus else None,
    ) as process:

        def watch() -> None:
            assert process.stdout is not None
            with open(folder / "locust.log", "wb") as log:
                for line in process.stdout:
                    log.write(line)
                    text = line.decode(errors="replace")
                    if WINDOW_MARK in text:
                        edge = text.rsplit(WINDOW_MARK, 1)[1].strip()
                        marks[edge] = Sample(
                            cpu_seconds(live.process.pid), cpu_seconds(process.pid)
                        )

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            process.wait(plan.warmup + plan.duration + 60)
        finally:
            if process.poll() is None:
                process.kill()
            watcher.join(10)
    if "start" not in marks or "stop" not in marks:
        raise RuntimeError(f"Locust did not mark its window; see {folder / 'locust.log'}")
    start, stop = marks["start"], marks["stop"]
    return read_window(Path(f"{prefix}_window.json"), live, round_, start, stop)


def read_window(path: Path, live: LiveServer, round_: int, start: Sample, stop: Sample) -> Window:
    """Locust's counts for the window, joined with the CPU sampled at its edges."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return Window(
        adapter=live.adapter.name,
        server=live.server,
        round=round_,
        seconds=float(data["seconds"]),
        requests=int(data["requests"]),
        failures=int(data["failures"]),
        server_cpu_s=stop.server_cpu - start.server_cpu,
        load_cpu_s=stop.load_cpu - start.load_cpu,
        latency_ms={k: float(v) for k, v in data["latency_ms"].items()},
    )
