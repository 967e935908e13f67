"""An independent figure from wrk (a C load generator), where it is installed.

wrk sends one URL over keep-alive connections with far less CPU per request than
Locust, so where Locust is the bottleneck wrk shows what the server could do.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass

WRK_PATH = "/sum/42/117"
_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_ERRORS = re.compile(r"Socket errors:.*")


@dataclass(frozen=True)
class WrkResult:
    rps: float
    non_2xx: int
    """Answers with another status than 2xx or 3xx: /sum/42/117 must get 200."""
    socket_errors: str
    """wrk's own line ("connect 0, read 3, write 0, timeout 0"), empty when it had none."""
    command: str

    @property
    def problems(self) -> list[str]:
        """What wrk saw go wrong: a capacity figure with errors counts what it should not."""
        found = [f"{self.non_2xx} answers were not 2xx"] if self.non_2xx else []
        return found + [self.socket_errors] if self.socket_errors else found


def available() -> bool:
    return shutil.which("wrk") is not None


def parse(output: str, command: str) -> WrkResult:
    match = _RPS.search(output)
    if match is None:
        raise ValueError(f"no Requests/sec in wrk output:\n{output}")
    non_2xx = _NON_2XX.search(output)
    errors = _ERRORS.search(output)
    return WrkResult(
        rps=float(match.group(1)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=errors.group(0) if errors else "",
        command=command,
    )


def run_wrk(url: str, connections: int, seconds: float, cpus: set[int] | None) -> WrkResult:
    """One thread, as many connections as Locust has users, on the load generator's core."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", url + WRK_PATH]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
        preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
    )
    return parse(result.stdout, " ".join(command))
