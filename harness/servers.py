"""The servers an adapter can run under (WSGI or ASGI, as the adapter is), and what each is
known to fail: one registry.

Each server's known gaps are listed here once: the tests mark them as strict expected failures,
and the servers page (docs/servers.md) lists them with their mitigation. How each is started,
and the limits it gets, is in harness/server_commands.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from typing import Any

from harness import server_commands as commands
from harness.server_commands import Listen

PROXY = (
    "put a buffering reverse proxy in front, which reads whole requests first: nginx as "
    "harness/nginx.conf configures it (tested in front of waitress: the nginx+waitress column)"
)
NOT_APPLICABLE = "n/a: "
"""How a server's behaviour in a row begins when the row's test does not apply to it."""


@dataclass(frozen=True)
class Gap:
    """A test a server fails that no setting here fixes: why, and what to do about it."""

    test: str
    """What the tests call it: a case name, or a hostile client's name."""
    reason: str
    mitigation: str = PROXY
    row: str = ""
    """The row of the servers page it belongs to, when not its test's own."""
    head_too: bool = True
    """Whether the case's HEAD twin (``<case>-as-head``) fails the same way."""

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
    "slow-readers": "200 clients that ask for a 48 KB echo and never read it",
    "idle": "1,100 keep-alive connections, each idle after one request",
    "lingering": "a client that keeps its socket open after a whole answer",
    "storm": "3,000 connects in a burst, every other one reset at once",
    "pipelining": "500 requests pipelined on one connection",
    "half-close": "a whole request, then the client half-closes (`shutdown(SHUT_WR)`)",
    "sigterm": "SIGTERM with 8 requests in flight (`kill`, `docker stop`, systemd)",
    "ctrl-c": "Ctrl-C (SIGINT to the process group) with 8 requests in flight",
    "killed-worker": "one of two workers killed (SIGKILL) under load",
    "soak": "12,000 requests: memory growth per 10,000 after the first 2,000 (one run; the "
    "test allows 2 MiB)",
}
"""The servers page's rows: each a limit, or a hostile client or a fault a test plays
(tests/servers/)."""
SHORT = {
    "request-line": "long request line", "body": "huge body", "stalled": "stalled client",
    "slow": "slow senders", "script_name": "`SCRIPT_NAME`",
    "framing": "ambiguous framing (smuggling)", "tab": "raw TAB", "upgrade": "`Upgrade`",
    "slow-readers": "slow readers", "idle": "1,100 idle connections",
    "lingering": "lingering clients", "storm": "connect storm", "pipelining": "pipelining",
    "half-close": "half-close", "sigterm": "SIGTERM", "ctrl-c": "Ctrl-C",
    "killed-worker": "killed worker", "soak": "soak",
}  # fmt: skip
"""Each row's name in the README's table."""


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
        """This server's known gap in ``test`` (a case's HEAD twin shares its case's), if any."""
        case = test.removesuffix("-as-head")
        found = next((gap for gap in self.gaps if gap.test == case), None)
        return found if found and (case == test or found.head_too) else None


LONG_LINE = Gap(
    "long-request-line",
    "gunicorn bounds the request line at 8,190 bytes at most: 4,000 non-ASCII characters in "
    "/echo do not fit",
    "none in gunicorn (0 lifts the bound entirely, which lets a client make it echo megabytes)",
    row="request-line",
)
LINGER = Gap(
    "lingering",
    "after each answer the sync worker waits up to 2 s for the client to close "
    "first (`gunicorn.util.close_graceful`, not a setting), serving no one meanwhile",
    PROXY + " and closes its own connections to gunicorn at once",
)
GUNICORN_GAPS = (
    replace(LONG_LINE, test="echo-long-unicode"),
    replace(LONG_LINE, test="echo-long-emoji"),
    Gap("stalled", "the sync worker blocks on a stalled client until the arbiter aborts it "
        "after --timeout; gunicorn then sends its own HTML 500"),
    Gap("slow", "the sync worker serves one connection at a time: a client that sends a byte "
        "now and then holds it until --timeout"),
    Gap("slow-readers", "the sync worker blocks writing to a client that does not read until "
        "--timeout aborts it, then meets the next one: everyone else waits"),
    LINGER,
    replace(LINGER, test="idle", row="idle", reason=LINGER.reason + ": 1,100 idle clients "
            "hold it for about 2,200 s"),
)  # fmt: skip
WAITRESS_FRAMING = Gap(
    "framing", "waitress 3 keeps the connection open after a request with both Content-Length "
    "and chunked, or chunked in HTTP/1.0, and answers the rest as a new request (RFC 9112 6.1 "
    "says close it; fixed upstream, not yet released)")  # fmt: skip
WAITRESS_GAPS = (
    WAITRESS_FRAMING,
    replace(WAITRESS_FRAMING, test="framing-http10", row="framing"),
    Gap("tab", "waitress drops a raw TAB from the request target instead of refusing it"),
    Gap("idle", "beyond `--connection-limit` (1,000 here) waitress accepts no one until "
        "`--channel-timeout` (10 s) drops idle connections"),
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
HYPERCORN_GAPS = (
    H11_FRAMING,
    *(replace(gap, head_too=False) for gap in WEBSOCKET_GAPS),
    Gap("killed-worker", "when one worker dies, hypercorn stops the others and exits with status "
        "0: every later client is refused", "a supervisor that restarts it whatever its exit "
        "status (systemd's `Restart=always`); or uvicorn, which respawns the worker"),
)  # fmt: skip
"""hypercorn takes only a GET as a handshake: its HEAD twins stay plain requests."""

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
    "storm": "others are served",
    "pipelining": "answers the first, with `Connection: close` (one request per connection)",
    "half-close": "answered",
    "sigterm": "answers them, exits 0 (`--graceful-timeout 3`)",
    "ctrl-c": "answers them, exits 0 (its quick stop, which sends its own HTML 500, made "
    "graceful by harness/gunicorn_settings.py)",
    "killed-worker": "respawned at once; only that worker's requests lost",
    "soak": "+0 KiB per 10,000 requests",
}
WAITRESS = {
    "request-line": "64 KiB (`--max-request-header-size`): 4,000 emoji fit in `/echo`",
    "body": "413 as soon as more than 1 MiB is announced (`--max-request-body-size`; its "
    "default spools up to 1 GiB to disk first)",
    "stalled": "dropped after 10 s (`--channel-timeout`, checked every 2 s)",
    "slow": "others are served (`--connection-limit 1000`: 120 such clients fill the default 100)",
    "script_name": "ignored",
    "framing": "",
    "tab": "",
    "upgrade": "a plain GET",
    "slow-readers": "others are served (200 fill the default `--connection-limit` of 100: a "
    "fresh client waited 19 s)",
    "idle": "",
    "lingering": "others are served",
    "storm": "others are served",
    "pipelining": "all 500 answered, in order",
    "half-close": "answered",
    "sigterm": "answers them, exits 0 (harness/waitress_serve.py; waitress alone dies of it "
    "and drops them)",
    "ctrl-c": "answers them, exits 0",
    "killed-worker": "n/a: one process, no worker to lose",
    "soak": "+0 KiB per 10,000 requests",
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
    "slow-readers": "others are served",
    "idle": "others are served (`--backpressure 8192`: beyond its default 1,024 a fresh "
    "client waited 9 s)",
    "lingering": "others are served",
    "storm": "others are served",
    "pipelining": "all 500 answered, in order",
    "half-close": "",
    "sigterm": "answers them, exits 0",
    "ctrl-c": "answers them, exits 0 (`--workers-kill-timeout 3`: without it, half the stops "
    "under load never ended)",
    "killed-worker": "respawned (`--respawn-failed-workers`: by default the whole server stops)",
    "soak": "+164 KiB per 10,000 requests",
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
    "slow-readers": "others are served",
    "idle": "others are served",
    "lingering": "others are served",
    "storm": "others are served",
    "pipelining": "all 500 answered, in order",
    "half-close": "answered",
    "sigterm": "answers them, exits 0 (`--timeout-graceful-shutdown 3`)",
    "ctrl-c": "answers them, exits 0",
    "killed-worker": "respawned; only that worker's requests lost",
    "soak": "+4 KiB per 10,000 requests",
}
HYPERCORN = {
    **UVICORN,
    "request-line": "64 KiB (`h11_max_incomplete_size`, set in harness/hypercorn_settings.py)",
    "stalled": "dropped after 10 s (`--read-timeout`)",
    "upgrade": "",
    "storm": "others are served (`--backlog 1024`: with its default 100, 3,000 connects took 11 s)",
    "sigterm": "answers them, exits 0 (`--graceful-timeout 3`)",
    "killed-worker": "",
    "soak": "+92 KiB per 10,000 requests",
}
GRANIAN_ASGI = {**GRANIAN, "upgrade": "", "soak": "+120 KiB per 10,000 requests"}
HALF_CLOSE = Gap(
    "half-close",
    "granian answers nothing (0 bytes, then EOF) to a request whose client then "
    "half-closed its side, as `nc -N` and some HTTP/1.0 clients do: its HTTP core, hyper, takes "
    "that EOF for a closed connection unless `http1_half_close` is set (hyper PR 1981), and "
    "granian has no option for it",
    PROXY + " and keeps its side open until the answer is in",
)

SERVERS: dict[str, Server] = {
    server.name: server
    for server in (
        Server(
            "waitress",
            "pure-Python, threaded, one process",
            argv=commands.waitress,
            multiprocess=False,
            gaps=WAITRESS_GAPS,
            behaviour=WAITRESS,
        ),
        Server(
            "gunicorn",
            "pre-fork, one request per worker at a time",
            argv=commands.gunicorn,
            gaps=GUNICORN_GAPS,
            behaviour=GUNICORN,
        ),
        Server(
            "granian",
            "Rust HTTP core, Python only for the app",
            argv=commands.granian,
            gaps=(HALF_CLOSE,),
            behaviour=GRANIAN,
        ),
        Server(
            "uvicorn",
            "asyncio event loop, h11 parser",
            argv=commands.uvicorn,
            interface="asgi",
            gaps=UVICORN_GAPS,
            behaviour=UVICORN,
        ),
        Server(
            "hypercorn",
            "asyncio, h11/h2 parsers",
            argv=commands.hypercorn,
            interface="asgi",
            gaps=HYPERCORN_GAPS,
            behaviour=HYPERCORN,
        ),
        Server(
            "granian-asgi",
            "granian's Rust core, serving ASGI",
            argv=commands.granian_asgi,
            interface="asgi",
            gaps=(*WEBSOCKET_GAPS, HALF_CLOSE),
            behaviour=GRANIAN_ASGI,
        ),  # fmt: skip
        Server("werkzeug", "Flask's development server (debug off)", serve=commands.werkzeug),
        Server("wsgiref", "the standard library's; Bottle's default run()", serve=commands.wsgiref),
    )
}
DEFAULT_SERVER = "waitress"
DEFAULT_SERVER_OF = {"wsgi": DEFAULT_SERVER, "asgi": "uvicorn"}
"""Each interface's default: what ``python -m impl_<name>`` and the live tests use."""


def server_for(interface: str, chosen: str | None = None) -> str:
    """The chosen server if it serves this interface, else the interface's default."""
    if chosen is not None and SERVERS[chosen].interface == interface:
        return chosen
    return DEFAULT_SERVER_OF[interface]


NGINX_WAITRESS = Server(
    "nginx+waitress",
    "waitress behind Debian's nginx, buffering whole requests and answers (harness/nginx.conf)",
    behaviour={
        **{row: "n/a: as waitress" for row in ("sigterm", "ctrl-c", "killed-worker", "soak")},
        "request-line": "64 KiB (`large_client_header_buffers`)",
        "body": "413 from nginx beyond 1 MiB (`client_max_body_size`), its own HTML page",
        "stalled": "dropped after 10 s (`client_header_timeout`)",
        "slow": "others are served",
        "script_name": "ignored",
        "framing": "400 from nginx",
        "tab": "400 from nginx",
        "upgrade": "a plain GET (nginx passes no `Upgrade`)",
        "slow-readers": "others are served (nginx holds the answer)",
        "idle": "others are served",
        "lingering": "others are served",
        "storm": "others are served",
        "pipelining": "all 500 answered, in order",
        "half-close": "answered",
    },
)
RECIPES = {NGINX_WAITRESS.name: NGINX_WAITRESS}
"""Deployments tested as the servers are: ``<proxy>+<server>``, what the proxy's clients see."""

PRODUCTION = tuple(name for name, server in SERVERS.items() if server.production)
"""The servers a deployment would use: the abuse tests and the benchmark run every one."""
