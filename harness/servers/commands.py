"""How each server is started, with the limits this project sets on every one of them.

Production servers are started by exec'ing their own command line, so the process that
``python -m impl_x`` started *is* the server (signals, CPU accounting and Ctrl-C all behave as
the server intends). Development servers run in-process. Which server has which gaps is in
harness/servers/.
"""

from __future__ import annotations

import sys
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


def gunicorn(app_path: str, at: Listen) -> list[str]:
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
        # Ctrl-C as SIGTERM: its own quick stop sent its HTML 500 to requests in flight.
        "--config", "python:harness.servers.gunicorn_settings",
        # By default gunicorn lets 127.0.0.1 set SCRIPT_NAME and forwarding headers: any
        # local client could re-route a request. No proxy is trusted here.
        "--forwarded-allow-ips", "",
        # A sync worker blocks on a stalled client until the arbiter kills it after this.
        "--timeout", str(STALLED_CLIENT_SECONDS),
        "--log-level", "warning",
    ]  # fmt: skip


def waitress(app_path: str, at: Listen) -> list[str]:
    return [
        # waitress's own runner, but SIGTERM stops it as Ctrl-C does: answering what is in
        # flight (alone it died of SIGTERM and dropped all 8 of the tests' requests).
        sys.executable, "-m", "harness.servers.waitress_serve",
        f"--listen={at.host}:{at.port}",
        f"--threads={at.threads}",
        f"--max-request-header-size={MAX_REQUEST_LINE}",
        f"--max-request-body-size={MAX_REQUEST_BODY}",
        f"--channel-timeout={STALLED_CLIENT_SECONDS}",
        "--cleanup-interval=2",  # how often idle channels are checked (default 30 s)
        "--ident=waitress",
        # 100 by default: 200 slow readers, or 300 idle keep-alive clients, kept a fresh
        # client waiting 19-29 s. poll(), as select() stops at 1,024 descriptors.
        "--connection-limit=1000",
        "--asyncore-use-poll",
        app_path,
    ]  # fmt: skip


def granian(app_path: str, at: Listen, interface: str = "wsgi") -> list[str]:
    """The same Rust core for both kinds; a WSGI app runs in its blocking threads."""
    threads = ["--blocking-threads", str(at.threads)] if interface == "wsgi" else []
    return [
        sys.executable, "-m", "granian", app_path,
        "--interface", interface,
        "--host", at.host, "--port", str(at.port),
        "--workers", str(at.workers),
        *threads,
        "--http1-header-read-timeout", str(STALLED_CLIENT_SECONDS * 1000),
        # Its default (1,024, the backlog) counts idle keep-alive connections too: beyond
        # it a fresh client waited 9 s.
        "--backpressure", "8192",
        # Ctrl-C reaches the workers as well as the master: without a bound, half the stops
        # under load never ended (the master waited for workers that went on serving).
        "--workers-kill-timeout", "3",
        # By default a worker killed takes the whole server down (exit 1).
        "--respawn-failed-workers", "--respawn-interval", "0.5",
        "--log-level", "warning",
    ]  # fmt: skip


def uvicorn(app_path: str, at: Listen) -> list[str]:
    return [
        sys.executable, "-m", "uvicorn", app_path,
        "--host", at.host, "--port", str(at.port),
        "--workers", str(at.workers),
        "--http", "h11",  # its pure-Python HTTP parser (httptools is not installed here)
        "--ws", "none",  # no websockets in the contract: an Upgrade request is a plain GET
        "--h11-max-incomplete-event-size", str(MAX_REQUEST_LINE),
        "--timeout-graceful-shutdown", "3",
        "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip


def hypercorn(app_path: str, at: Listen) -> list[str]:
    return [
        sys.executable, "-m", "hypercorn", app_path,
        "--bind", f"{at.host}:{at.port}",
        "--workers", str(at.workers),
        "--config", "python:harness.servers.hypercorn_settings",  # limits it takes only from a file
        "--read-timeout", str(STALLED_CLIENT_SECONDS),
        "--backlog", "1024",  # 100 by default: 3,000 connects in a burst took 11 s, not 1
        "--graceful-timeout", "3",
        "--log-level", "warning",
    ]  # fmt: skip


def granian_asgi(app_path: str, at: Listen) -> list[str]:
    return granian(app_path, at, "asgi")


def werkzeug(app: Any, at: Listen) -> None:
    from werkzeug.serving import run_simple

    run_simple(at.host, at.port, app, use_reloader=False, use_debugger=False, threaded=True)


def wsgiref(app: Any, at: Listen) -> None:
    from wsgiref.simple_server import make_server

    with make_server(at.host, at.port, app) as httpd:
        httpd.serve_forever()
