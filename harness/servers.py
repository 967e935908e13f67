"""The servers an adapter can run under (WSGI or ASGI, as the adapter is), and what each is
known to fail: one registry.

Production servers are started by exec'ing their own command line, so the
process that ``python -m impl_x`` started *is* the server (signals, CPU
accounting and Ctrl-C all behave as the server intends). Development servers
run in-process. Each server's known gaps are listed here once: the tests mark
them as strict expected failures, and the servers page (docs/servers.md) lists
them with their mitigation.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
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


PROXY = "put a buffering reverse proxy (nginx, say) in front, which reads whole requests first"


@dataclass(frozen=True)
class Gap:
    """A test a server fails that no setting here fixes: why, and what to do about it."""

    test: str
    """What the tests call it: a case name, or a hostile client's name."""
    reason: str
    mitigation: str = PROXY
    row: str = ""
    """The row of the servers page it belongs to, when not its test's own."""

    @property
    def shown_in(self) -> str:
        return self.row or self.test


ROWS = {
    "request-line": "request line + headers",
    "body": "request body (no route reads one)",
    "stalled": "a client that stalls mid-request",
    "slow": "120 clients sending a header byte a second",
    "script_name": "`SCRIPT_NAME` or forwarding headers",
    "framing": "ambiguous framing: `Content-Length` with `chunked`, or `chunked` in HTTP/1.0",
    "tab": "a raw TAB in the request target",
    "upgrade": "`Upgrade: websocket` on a plain route (the contract: a plain GET)",
}
"""The servers page's rows: each a limit, or a hostile client a test plays (tests/servers/)."""


@dataclass(frozen=True)
class Server:
    """One server: how to start it, a line on why you might pick it, and its known gaps."""

    name: str
    about: str
    argv: Callable[[str, Listen], list[str]] | None = None
    serve: Callable[[Any, Listen], None] | None = None
    multiprocess: bool = True
    interface: str = "wsgi"
    """The apps it serves: ``wsgi`` or ``asgi``; an adapter runs under servers of its kind."""
    gaps: tuple[Gap, ...] = ()
    behaviour: dict[str, str] = field(default_factory=dict)
    """What it does in each row of the servers page, as the tests measured it."""

    @property
    def production(self) -> bool:
        return self.argv is not None

    def gap(self, test: str) -> Gap | None:
        """This server's known gap in ``test``, if it has one."""
        return next((gap for gap in self.gaps if gap.test == test), None)


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


def _uvicorn(app_path: str, at: Listen) -> list[str]:
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


def _hypercorn(app_path: str, at: Listen) -> list[str]:
    return [
        sys.executable, "-m", "hypercorn", app_path,
        "--bind", f"{at.host}:{at.port}",
        "--workers", str(at.workers),
        "--config", "python:harness.hypercorn_settings",  # limits it takes only from a file
        "--read-timeout", str(STALLED_CLIENT_SECONDS),
        "--graceful-timeout", "3",
        "--log-level", "warning",
    ]  # fmt: skip


def _granian_asgi(app_path: str, at: Listen) -> list[str]:
    return [
        sys.executable, "-m", "granian", app_path,
        "--interface", "asgi",
        "--host", at.host, "--port", str(at.port),
        "--workers", str(at.workers),
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


LONG_LINE = Gap(
    "long-request-line",
    "gunicorn bounds the request line at 8,190 bytes at most: 4,000 non-ASCII characters in "
    "/echo do not fit",
    "none in gunicorn (0 lifts the bound entirely, which lets a client make it echo megabytes)",
    row="request-line",
)
GUNICORN_GAPS = (
    replace(LONG_LINE, test="echo-long-unicode"),
    replace(LONG_LINE, test="echo-long-emoji"),
    Gap("stalled", "the sync worker blocks on a stalled client until the arbiter aborts it "
        "after --timeout; gunicorn then sends its own HTML 500"),
    Gap("slow", "the sync worker serves one connection at a time: a client that sends a byte "
        "now and then holds it until --timeout"),
)  # fmt: skip
WAITRESS_FRAMING = Gap(
    "framing", "waitress 3 keeps the connection open after a request with both Content-Length "
    "and chunked, or chunked in HTTP/1.0, and answers the rest as a new request (RFC 9112 6.1 "
    "says close it; fixed upstream, not yet released)")  # fmt: skip
WAITRESS_GAPS = (
    WAITRESS_FRAMING,
    replace(WAITRESS_FRAMING, test="framing-http10", row="framing"),
    Gap("tab", "waitress drops a raw TAB from the request target instead of refusing it"),
    Gap("slow", "waitress accepts 100 connections and drops only silent ones: clients that "
        "send a byte now and then hold every slot"),
)  # fmt: skip

H11_FRAMING = Gap(
    "framing", "h11, the parser of uvicorn and hypercorn, keeps the connection open after a "
    "request with both Content-Length and chunked, and answers the rest as a new request "
    "(RFC 9112 6.1 says close it)")  # fmt: skip
UPGRADE = "a request asking to Upgrade to a websocket reaches the app as a websocket, not as the "
WEBSOCKET_GAPS = tuple(
    Gap(case, UPGRADE + "plain GET it also is (the app, with no websocket route, refuses it)",
        "a proxy that drops Upgrade on these routes; or uvicorn, whose `--ws none` keeps them "
        "plain GETs", row="upgrade")
    for case in ("headers-websocket-upgrade", "headers-unknown-path-with-upgrade")
)  # fmt: skip
UVICORN_GAPS = (
    H11_FRAMING,
    Gap("stalled", "uvicorn has no header-read timeout (`--timeout-keep-alive` ends only idle "
        "connections): a client that stalls mid-request keeps its connection, though the "
        "event loop goes on serving everyone else"),
)  # fmt: skip
HYPERCORN_GAPS = (H11_FRAMING, *WEBSOCKET_GAPS)

GUNICORN = {
    "request-line": "request line 8,190 bytes, its largest bound",
    "body": "the 405 comes within the first MB sent",
    "stalled": "blocks the only worker until `--timeout 10` aborts it",
    "slow": "",
    "script_name": 'trusted from no one (`--forwarded-allow-ips ""`; by default 127.0.0.1 '
    "could re-route any request)",
    "framing": "refused or closed",
    "tab": "400",
    "upgrade": "a plain GET",
}
WAITRESS = {
    "request-line": "64 KiB (`--max-request-header-size`): 4,000 emoji fit in `/echo`",
    "body": "413 as soon as more than 1 MiB is announced (`--max-request-body-size`; its "
    "default spools up to 1 GiB to disk first)",
    "stalled": "dropped after 10 s (`--channel-timeout`, checked every 2 s)",
    "slow": "",
    "script_name": "ignored",
    "framing": "",
    "tab": "",
    "upgrade": "a plain GET",
}
GRANIAN = {
    "request-line": "about 64 KiB: a 65,500-byte target passes, 66,000 gets 414 (its own limit)",
    "body": "the 405 comes within the first MB sent",
    "stalled": "dropped after 10 s (`--http1-header-read-timeout`)",
    "slow": "others are served",
    "script_name": "ignored",
    "framing": "refused or closed",
    "tab": "400",
    "upgrade": "a plain GET",
}

UVICORN = {
    "request-line": "64 KiB (`--h11-max-incomplete-event-size`): 4,000 emoji fit in `/echo`",
    "body": "the 405 comes within the first MB sent",
    "stalled": "",
    "slow": "others are served (one event loop holds every connection)",
    "script_name": "ignored",
    "framing": "`chunked` in HTTP/1.0: closed",
    "tab": "refused",
    "upgrade": "a plain GET (`--ws none`: no websockets)",
}
HYPERCORN = {
    **UVICORN,
    "request-line": "64 KiB (`h11_max_incomplete_size`, set in harness/hypercorn_settings.py)",
    "stalled": "dropped after 10 s (`--read-timeout`)",
    "upgrade": "",
}
GRANIAN_ASGI = {**GRANIAN, "upgrade": ""}

SERVERS: dict[str, Server] = {
    server.name: server
    for server in (
        Server(
            "waitress",
            "pure-Python, threaded, one process",
            argv=_waitress,
            multiprocess=False,
            gaps=WAITRESS_GAPS,
            behaviour=WAITRESS,
        ),
        Server(
            "gunicorn",
            "pre-fork, one request per worker at a time",
            argv=_gunicorn,
            gaps=GUNICORN_GAPS,
            behaviour=GUNICORN,
        ),
        Server(
            "granian", "Rust HTTP core, Python only for the app", argv=_granian, behaviour=GRANIAN
        ),
        Server(
            "uvicorn",
            "asyncio event loop, h11 parser",
            argv=_uvicorn,
            interface="asgi",
            gaps=UVICORN_GAPS,
            behaviour=UVICORN,
        ),
        Server(
            "hypercorn",
            "asyncio, h11/h2 parsers",
            argv=_hypercorn,
            interface="asgi",
            gaps=HYPERCORN_GAPS,
            behaviour=HYPERCORN,
        ),
        Server(
            "granian-asgi",
            "granian's Rust core, serving ASGI",
            argv=_granian_asgi,
            interface="asgi",
            gaps=WEBSOCKET_GAPS,
            behaviour=GRANIAN_ASGI,
        ),  # fmt: skip
        Server("werkzeug", "Flask's development server (debug off)", serve=_werkzeug),
        Server("wsgiref", "the standard library's; Bottle's default run()", serve=_wsgiref),
    )
}
DEFAULT_SERVER = "waitress"
DEFAULT_SERVERS = {"wsgi": DEFAULT_SERVER, "asgi": "uvicorn"}
"""Each interface's default: what ``python -m impl_<name>`` and the live tests use."""


def server_for(interface: str, chosen: str | None = None) -> str:
    """The chosen server if it serves this interface, else the interface's default."""
    if chosen is not None and SERVERS[chosen].interface == interface:
        return chosen
    return DEFAULT_SERVERS[interface]


PRODUCTION = tuple(name for name, server in SERVERS.items() if server.production)
"""The servers a deployment would use: the abuse tests and the benchmark run every one."""
