"""The server under test: the baseline app (raw WSGI or raw ASGI) under one production server,
or under a deployment recipe (nginx in front of one)."""

from __future__ import annotations

import resource
from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from harness.adapters import BASELINES
from harness.adapters import Adapter
from harness.live import LiveServer
from harness.live import serve
from harness.nginx import behind_nginx
from harness.servers import RECIPES
from harness.servers import SERVERS

CONNECTIONS = 8192
"""Room for the hoarding clients' sockets here and in the servers started from here."""

_soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if _soft != resource.RLIM_INFINITY and _soft < CONNECTIONS:
    top = CONNECTIONS if _hard == resource.RLIM_INFINITY else min(CONNECTIONS, _hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (top, _hard))


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """Only the server acts in these tests (framing, limits, connections, signals), so the
    baseline app stands in for every adapter; a fresh server per test."""
    name: str = request.param
    upstream = name.rpartition("+")[2]
    baseline = Adapter(BASELINES[SERVERS[upstream].interface])
    with ExitStack() as stack:
        live = stack.enter_context(serve(baseline, upstream))
        if name in RECIPES:
            live = stack.enter_context(behind_nginx(live))
        yield live
