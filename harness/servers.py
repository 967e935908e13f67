"""The WSGI servers an adapter can run under, as one table.

Production servers are started by exec'ing their own command line, so the
process that ``python -m impl_x`` started *is* the server (signals, CPU
accounting and Ctrl-C all behave as the server intends). Development servers
run in-process.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MAX_REQUEST_LINE = 65536
"""Room for 4,000 percent-encoded 4-byte characters in /echo (48 KB), with margin."""


@dataclass(frozen=True)
class Listen:
    """Where and how wide to serve."""

    host: str
    port: int
    workers: int
    threads: int


@dataclass(frozen=True)
class Server:
    """One server: how to start it, and a line on why you might pick it."""

    name: str
    about: str
    argv: Callable[[str, Listen], list[str]] | None = None
    serve: Callable[[Any, Listen], None] | None = None
    multiprocess: bool = True

    @property
    def production(self) -> bool:
        return self.argv is not None


def _gunicorn(app_path: str, at: Listen) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", app_path,
        "--bind", f"{at.host}:{at.port}",
        "--workers", str(at.workers),
        "--worker-class", "sync" if at.threads == 1 else "gthread",
        "--threads", str(at.threads),
        "--limit-request-line", "0",  # 0 is gunicorn's own 1 MiB cap; 8190 is too short
        "--graceful-timeout", "3",
        "--log-level", "warning",
    ]  # fmt: skip


def _waitress(app_path: str, at: Listen) -> list[str]:
    return [
        sys.executable, "-m", "waitress",
        f"--listen={at.host}:{at.port}",
        f"--threads={at.threads}",
        f"--max-request-header-size={MAX_REQUEST_LINE}",
        "--ident=waitress",
        app_path,
    ]  # fmt: skip


def _granian(app_path: str, at: Listen) -> list[str]:
    return [
        sys.executable, "-m", "granian", app_path,
        "--interface", "wsgi",
        "--host", at.host, "--port", str(at.port),
        "--workers", str(at.workers),
        "--blocking-threads", str(at.threads),
        "--log-level", "warning",
    ]  # fmt: skip


def _werkzeug(app: Any, at: Listen) -> None:
    from werkzeug.serving import run_simple

    run_simple(at.host, at.port, app, use_reloader=False, use_debugger=False, threaded=True)


def _wsgiref(app: Any, at: Listen) -> None:
    from wsgiref.simple_server import make_server

    with make_server(at.host, at.port, app) as httpd:
        httpd.serve_forever()


SERVERS: dict[str, Server] = {
    server.name: server
    for server in (
        Server("gunicorn", "pre-fork, one request per worker at a time", argv=_gunicorn),
        Server(
            "waitress", "pure-Python, threaded, one process", argv=_waitress, multiprocess=False
        ),
        Server("granian", "Rust HTTP core, Python only for the app", argv=_granian),
        Server("werkzeug", "Flask's development server (debug off)", serve=_werkzeug),
        Server("wsgiref", "the standard library's; Bottle's default run()", serve=_wsgiref),
    )
}
DEFAULT_SERVER = "gunicorn"
