"""Start an adapter as a real server on a free loopback port, and always stop it.

Used by the live conformance tests, the benchmark and the browser test alike.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from contextlib import ExitStack
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

from harness.adapters import ROOT
from harness.adapters import Adapter
from harness.servers.registry import DEFAULT_SERVER_OF

HOST = "127.0.0.1"
READY_PATH = "/echo/ready"
START_ATTEMPTS = 3


class ServerDidNotStart(RuntimeError):
    """The server exited or never answered; the message carries its output."""


@dataclass(frozen=True)
class LiveServer:
    """A running server: where it answers, and its process (the server's own master)."""

    adapter: Adapter
    server: str
    url: str
    process: subprocess.Popen[bytes]


def free_port() -> int:
    """A port the kernel just handed out; a collision is retried by ``serve``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + READY_PATH, timeout=5) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


def wait_until_ready(url: str, process: subprocess.Popen[bytes], deadline: float) -> bool:
    """Poll until the server answers; False if it exits first or the deadline passes."""
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if _answers(url):
            return True
        time.sleep(0.05)
    return False


def stop(process: subprocess.Popen[bytes], grace: float = 5.0) -> None:
    """SIGTERM the server's process group, then SIGKILL what is left."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass


def _as_a_terminal_starts_it(cpus: set[int] | None) -> None:
    """Ctrl-C reaches a terminal's foreground job; a shell's background job (a CI step, say)
    ignores it, and a server started from one would inherit that and ignore it too."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if cpus:
        os.sched_setaffinity(0, cpus)


@contextmanager
def first_to_answer(
    start: Callable[[int], subprocess.Popen[bytes]], timeout: float, failed: Callable[[str], str]
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``start(port)`` on a free port until one answers (another process may take the port
    first), and stop it when the block ends; else raise with ``failed(what each try did)``."""
    problems: list[str] = []
    for _ in range(START_ATTEMPTS):
        port = free_port()
        process = start(port)
        url = f"http://{HOST}:{port}"
        try:
            if wait_until_ready(url, process, time.monotonic() + timeout):
                yield url, process
                return
            problems.append(f"port {port}: exit code {process.poll()}")
        finally:
            stop(process)
    raise ServerDidNotStart(failed("; ".join(problems)))


def _output(log: IO[bytes]) -> str:
    log.seek(0)
    return log.read().decode(errors="replace")[-2000:]


@contextmanager
def serve(
    adapter: Adapter,
    server: str | None = None,
    *,
    workers: int = 1,
    threads: int = 1,
    cpus: set[int] | None = None,
    log: IO[bytes] | None = None,
    timeout: float = 30.0,
    options: Sequence[str] = (),
) -> Iterator[LiveServer]:
    """Run ``python -m impl_<name>`` until the block ends, pinned to ``cpus`` if given; under
    its interface's default server unless one is named."""
    server = server or DEFAULT_SERVER_OF[adapter.interface]
    with ExitStack() as stack:
        if log is None:
            log = stack.enter_context(tempfile.TemporaryFile())
        output = log

        def start(port: int) -> subprocess.Popen[bytes]:
            command = [
                sys.executable, "-m", adapter.package, "--host", HOST, "--port", str(port),
                "--server", server, "--workers", str(workers), "--threads", str(threads),
                *options,
            ]  # fmt: skip
            return subprocess.Popen(
                command,
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                process_group=0,
                preexec_fn=lambda: _as_a_terminal_starts_it(cpus),
            )

        def failed(problems: str) -> str:
            return (f"{adapter.package} under {server} did not answer on {HOST} ({problems}). "
                    f"Output:\n{_output(output)}")  # fmt: skip

        with first_to_answer(start, timeout, failed) as (url, process):
            yield LiveServer(adapter, server, url, process)
