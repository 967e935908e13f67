"""Fixtures for the conformance suite, chained as in Flask's tutorial.

``adapter`` → ``app`` for in-process runs; ``live_servers`` starts every adapter
once per session; ``base_url`` points at a server somebody else runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from harness.adapters import Adapter
from harness.adapters import WSGIApp
from harness.adapters import select
from harness.live import LiveServer
from harness.live import serve
from harness.servers import DEFAULT_SERVER
from harness.servers import SERVERS


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance")
    group.addoption(
        "--base-url",
        metavar="URL",
        help="run only the conformance cases, against the server at URL "
        "(your own implementation, e.g. http://127.0.0.1:8080)",
    )
    group.addoption(
        "--adapter",
        action="append",
        metavar="NAME",
        help="limit the suite to this adapter (repeatable; default: every impl_* folder)",
    )
    group.addoption(
        "--live-server",
        default=DEFAULT_SERVER,
        choices=sorted(SERVERS),
        help="WSGI server for the live mode (default: %(default)s)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "adapter" in metafunc.fixturenames:
        adapters = select(metafunc.config.getoption("adapter"))
        metafunc.parametrize("adapter", adapters, ids=[a.name for a in adapters], scope="session")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With --base-url only the base-URL runs are kept; without it, only the others."""
    want_url = config.getoption("base_url") is not None
    keep = [item for item in items if (item.get_closest_marker("base_url") is not None) == want_url]
    dropped = [item for item in items if item not in keep]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture(scope="session")
def app(adapter: Adapter) -> WSGIApp:
    """The adapter's WSGI callable, built fresh by its factory."""
    return adapter.create_app()


@pytest.fixture(scope="session")
def all_apps(pytestconfig: pytest.Config) -> dict[str, WSGIApp]:
    """Every selected adapter's app, for comparing their answers."""
    return {a.name: a.create_app() for a in select(pytestconfig.getoption("adapter"))}


@pytest.fixture(scope="session")
def live_servers(pytestconfig: pytest.Config) -> Iterator[dict[str, LiveServer]]:
    """Every selected adapter as a real server on a free 127.0.0.1 port, always stopped."""
    server = pytestconfig.getoption("live_server")
    with ExitStack() as stack:
        yield {
            a.name: stack.enter_context(serve(a, server))
            for a in select(pytestconfig.getoption("adapter"))
        }


@pytest.fixture(scope="session")
def base_url(pytestconfig: pytest.Config) -> str:
    """The URL given with --base-url."""
    url: str = pytestconfig.getoption("base_url")
    return url.rstrip("/")
