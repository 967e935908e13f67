"""The servers an adapter can run under (WSGI or ASGI, as the adapter is): one registry.

Each server's known gaps are in known_gaps.py, what it does in each row of the servers page in
measured.py, how it is started and the limits it gets in commands.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from harness.servers import commands
from harness.servers import measured
from harness.servers.commands import Listen
from harness.servers.known_gaps import GUNICORN_GAPS
from harness.servers.known_gaps import HALF_CLOSE
from harness.servers.known_gaps import HYPERCORN_GAPS
from harness.servers.known_gaps import UVICORN_GAPS
from harness.servers.known_gaps import WAITRESS_GAPS
from harness.servers.known_gaps import WEBSOCKET_GAPS
from harness.servers.known_gaps import Gap


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


SERVERS: dict[str, Server] = {
    server.name: server
    for server in (
        Server(
            "waitress",
            "pure-Python, threaded, one process",
            argv=commands.waitress,
            multiprocess=False,
            gaps=WAITRESS_GAPS,
            behaviour=measured.WAITRESS,
        ),
        Server(
            "gunicorn",
            "pre-fork, one request per worker at a time",
            argv=commands.gunicorn,
            gaps=GUNICORN_GAPS,
            behaviour=measured.GUNICORN,
        ),
        Server(
            "granian",
            "Rust HTTP core, Python only for the app",
            argv=commands.granian,
            gaps=(HALF_CLOSE,),
            behaviour=measured.GRANIAN,
        ),
        Server(
            "uvicorn",
            "asyncio event loop, h11 parser",
            argv=commands.uvicorn,
            interface="asgi",
            gaps=UVICORN_GAPS,
            behaviour=measured.UVICORN,
        ),
        Server(
            "hypercorn",
            "asyncio, h11/h2 parsers",
            argv=commands.hypercorn,
            interface="asgi",
            gaps=HYPERCORN_GAPS,
            behaviour=measured.HYPERCORN,
        ),
        Server(
            "granian-asgi",
            "granian's Rust core, serving ASGI",
            argv=commands.granian_asgi,
            interface="asgi",
            gaps=(*WEBSOCKET_GAPS, HALF_CLOSE),
            behaviour=measured.GRANIAN_ASGI,
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
    "waitress behind Debian's nginx, buffering whole requests and answers "
    "(harness/servers/nginx.conf)",
    behaviour=measured.NGINX_WAITRESS,
)
RECIPES = {NGINX_WAITRESS.name: NGINX_WAITRESS}
"""Deployments tested as the servers are: ``<proxy>+<server>``, what the proxy's clients see."""

PRODUCTION = tuple(name for name, server in SERVERS.items() if server.production)
"""The servers a deployment would use: the abuse tests and the benchmark run every one."""
