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
MAX_REQUEST_BODY = 1024 * 1024
"""No route reads a body; a server that would spool one (waitress: up to 1 GiB) stops here."""
GUNICORN_MAX_REQUEST_LINE = 8190
"""gunicorn accepts up to this or, with 0, anything; it gets this."""
STALLED_CLIENT_SECONDS = 10
"""How long a client may sit on a half-sent request before the server drops it."""


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
        # gunicorn's largest bounded request line (0 lifts the bound entirely, which lets
        # a client make it echo megabytes): long non-ASCII /echo texts do not fit.
        "--limit-request-line", str(GUNICORN_MAX_REQUEST_LINE),
        "--graceful-timeout", "3",
        # By default gunicorn lets 127.0.0.1 set SCRIPT_NAME and forwarding headers: any
        # local client could re-route a request. No proxy is trusted here.
        "--forwarded-allow-ips", "",
        # A sync worker blocks on a stalled client until the arbiter kills it after this.
        "--timeout", str(STALLED_CLIENT_SECONDS),
        "--log-level", "warning",
    ]  # fmt: skip


def _waitress(app_path: str, at: Listen) -> list[str]:
    return [
        sys.executable, "-m", "waitress",
        f"--listen={at.host}:{at.port}",
        f"--threads={at.threads}",
        f"--max-request-header-size={MAX_REQUEST_LINE}",
        f"--max-request-body-size={MAX_REQUEST_BODY}",
        f"--channel-timeout={STALLED_CLIENT_SECONDS}",
        "--cleanup-interval=2",  # how often idle channels are checked (default 30 s)
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
        "--http1-header-read-timeout", str(STALLED_CLIENT_SECONDS * 1000),
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
DEFAULT_SERVER = "waitress"
