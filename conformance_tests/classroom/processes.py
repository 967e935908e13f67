"""A submission as an ordinary process: started in a session of its own, its output in a
log file, found listening, and stopped with everything it started.

Not a sandbox: a submission runs with the teacher's rights, files and network. What it
prints goes to its log, it reads nothing, and whatever it does, it is stopped (its whole
process group, SIGTERM then SIGKILL) when it is done or its time is up.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil

HOST = "127.0.0.1"
START_ATTEMPTS = 3
TAKEN = re.compile(r"address already in use|EADDRINUSE|port is already in use", re.IGNORECASE)
ERROR = re.compile(r"\b\w*(Error|Exception)\b|\berror:", re.IGNORECASE)
GRACE = 3.0
"""Seconds a stopped submission has to exit before it is killed."""


class DidNotStart(Exception):
    """The submission could not be graded; the message is its one line in the class table."""


class PortTaken(DidNotStart):
    """Another program took the port between its choice and the server's start."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def said_since(log: Path, offset: int) -> str:
    """What the submission wrote to its log from ``offset`` on: this attempt's output."""
    try:
        with log.open("rb") as file:
            file.seek(offset)
            return file.read().decode(errors="replace")
    except OSError:
        return ""


def last_line(said: str) -> str:
    """The error the submission printed last (Python's, Node's or Java's last line that names
    one: Node ends with its version), else the last thing it said."""
    lines = [
        line.strip() for line in said.splitlines() if line.strip() and not line.startswith("$ ")
    ]
    errors = [line for line in lines if ERROR.search(line)]
    return (errors or lines or [""])[-1][:200]


def _because(said: str) -> str:
    line = last_line(said)
    return f": {line}" if line else " (it printed nothing)"


def _listening(process: psutil.Process) -> list[tuple[str, int]]:
    """The addresses the process and its children listen on (TCP)."""
    found = []
    try:
        family = [process, *process.children(recursive=True)]
    except psutil.Error:  # it has just exited: the caller's next poll says so
        return []
    for each in family:
        try:
            connections = each.net_connections(kind="tcp")
        except psutil.Error:  # gone meanwhile, or not ours to look at
            continue
        found += [(c.laddr.ip, c.laddr.port) for c in connections if c.status == psutil.CONN_LISTEN]
    return found


def _url(address: tuple[str, int]) -> str:
    """Where to reach a listening address from this machine: loopback, whichever the family."""
    ip, port = address
    return f"http://[::1]:{port}" if ip == "::1" else f"http://{HOST}:{port}"


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the whole process group (what it started too, even if it has exited itself),
    then SIGKILL what is left after GRACE seconds."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except (ProcessLookupError, PermissionError):
            break
        try:
            process.wait(GRACE)
            if sig == signal.SIGTERM:
                time.sleep(0.05)  # its children's turn; SIGKILL finds nothing left, or ends them
        except subprocess.TimeoutExpired:
            continue


def _spawn(
    argv: list[str], folder: Path, log: Path, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], int]:
    """Start ``argv`` in a session of its own, its output appended to the log under a ``$``
    line; the process, and where in the log its output begins."""
    offset = log.stat().st_size if log.exists() else 0
    shown = f"PORT={env['PORT']} " if env else ""
    with log.open("ab") as out:
        out.write(f"$ {shown}{' '.join(argv)}\n".encode())
        out.flush()
        try:
            process = subprocess.Popen(
                argv, cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        except OSError as error:
            raise DidNotStart(f"`{argv[0]}` could not run: {error.strerror}") from None
    return process, offset


def run_setup(argv: list[str], folder: Path, log: Path, seconds: float) -> None:
    """A step before the start (``npm install``), its output in the log; DidNotStart if it
    fails or takes more than ``seconds``."""
    process, offset = _spawn(argv, folder, log)
    try:
        status = process.wait(seconds)
    except subprocess.TimeoutExpired:
        raise DidNotStart(f"`{' '.join(argv)}` took more than {seconds:.0f} s") from None
    finally:
        stop(process)
    if status:
        said = said_since(log, offset)
        raise DidNotStart(f"`{' '.join(argv)}` failed (status {status}){_because(said)}")


@contextmanager
def started(argv: list[str], folder: Path, port: int, log: Path, seconds: float) -> Iterator[str]:
    """The submission's URL once it listens (on its port, or any port it chose itself);
    DidNotStart if it exits or does not listen within ``seconds``. Always stopped after."""
    env = {**os.environ, "PORT": str(port), "PYTHONUNBUFFERED": "1"}
    process, offset = _spawn(argv, folder, log, env)
    try:
        yield _when_listening(process, port, log, seconds, offset)
    finally:
        stop(process)


def _when_listening(
    process: subprocess.Popen[bytes], port: int, log: Path, seconds: float, offset: int
) -> str:
    watched = psutil.Process(process.pid)
    began = time.monotonic()
    deadline = began + seconds
    while time.monotonic() < deadline:
        status = process.poll()
        addresses = _listening(watched) if status is None else []
        if addresses:
            ours = [address for address in addresses if address[1] == port]
            return _url((ours or addresses)[0])
        if status is not None:
            after = time.monotonic() - began
            when = "at once" if after < 2 else f"after {after:.0f} s"
            said = said_since(log, offset)
            failure = PortTaken if TAKEN.search(said) else DidNotStart
            raise failure(f"exited {when} without listening (status {status}){_because(said)}")
        time.sleep(0.1)
    said = said_since(log, offset)
    raise DidNotStart(f"did not listen on a port within {seconds:.0f} s (told PORT={port})"
                      f"{_because(said)}")  # fmt: skip


@contextmanager
def started_anywhere(
    argv: Callable[[int], list[str]], folder: Path, log: Path, seconds: float
) -> Iterator[str]:
    """``started`` on a free port, and on another if some other program took it first (a
    server told its port takes a moment to bind it): at most START_ATTEMPTS times."""
    for attempt in range(1, START_ATTEMPTS + 1):
        port = free_port()
        try:
            with started(argv(port), folder, port, log, seconds) as url:
                yield url
                return
        except PortTaken:
            if attempt == START_ATTEMPTS:
                raise
