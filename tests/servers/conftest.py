"""The server under test: the baseline app (raw WSGI or raw ASGI) under one production server,
or under a deployment recipe (nginx in front of one)."""

from __future__ import annotations

import resource
from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from harness.servers.live import LiveServer
from harness.servers.live import serve
from harness.servers.nginx import behind_nginx
from harness.servers.registry import RECIPES
from tests.servers.raw_http import baseline_for

CONNECTIONS = 8192
"""Room for the hoarding clients' sockets here and in the servers started from here."""


def _room_for_connections() -> None:
    """Raise this process's descriptor limit (servers started from here inherit it); as root,
    the hard limit too."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < CONNECTIONS:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (CONNECTIONS, max(hard, CONNECTIONS)))
        except (ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(CONNECTIONS, hard), hard))


_room_for_connections()


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """Only the server acts in these tests (framing, limits, connections, signals), so the
    baseline app stands in for every adapter; a fresh server per test."""
    name: str = request.param
    with ExitStack() as stack:
        live = stack.enter_context(serve(baseline_for(name), name.rpartition("+")[2]))
        if name in RECIPES:
            live = stack.enter_context(behind_nginx(live))
        yield live
