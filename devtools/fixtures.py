"""This project's adapters as pytest fixtures, for every suite (tests/ and conformance_tests/).

Chained as in Flask's tutorial: ``adapter`` (one per ``impl_*`` folder) → ``app``;
``live_servers`` starts every selected adapter once per session. Registered by the
root conftest.py. Nothing of the project is imported until a test asks for an adapter,
so ``pytest conformance_tests --base-url URL`` runs on the grader's light install.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from harness.adapters import Adapter
    from harness.adapters import App
    from harness.servers.live import LiveServer


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("adapters", "this project's adapters")
    group.addoption(
        "--adapter",
        action="append",
        metavar="NAME",
        help="limit the tests to this adapter (repeatable; default: every impl_* folder)",
    )
    group.addoption(
        "--seed",
        type=int,
        help="seed of the generated cases (default: 0 for this project's adapters, so their runs "
        "repeat; with --base-url, a new one each run)",
    )
    group.addoption(
        "--live-server",
        default="waitress",
        help="server for the live tests (default: %(default)s; an adapter it cannot serve, "
        "ASGI or WSGI, runs under its own kind's default)",
    )


def selected(config: pytest.Config) -> list[Adapter]:
    """The adapters named with --adapter, or every one."""
    from harness.adapters import select

    try:
        return select(config.getoption("adapter"))
    except ValueError as error:
        raise pytest.UsageError(f"--adapter: {error}") from None


def pytest_configure(config: pytest.Config) -> None:
    """Refuse an unknown adapter or server in one line, before anything runs."""
    if config.getoption("adapter"):
        selected(config)
    server = config.getoption("live_server")
    if server != "waitress":
        from harness.servers.registry import SERVERS

        if server not in SERVERS:
            raise pytest.UsageError(f"--live-server: choose one of {', '.join(sorted(SERVERS))}")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "adapter" in metafunc.fixturenames and "production_server" in metafunc.fixturenames:
        from harness.servers.registry import PRODUCTION
        from harness.servers.registry import SERVERS

        pairs = [(a, name) for a in selected(metafunc.config) for name in PRODUCTION
                 if SERVERS[name].interface == a.interface]  # fmt: skip
        ids = [f"{a.name}-{name}" for a, name in pairs]
        metafunc.parametrize(("adapter", "production_server"), pairs, ids=ids, scope="session")
    elif "adapter" in metafunc.fixturenames:
        adapters = selected(metafunc.config)
        metafunc.parametrize("adapter", adapters, ids=[a.name for a in adapters], scope="session")


@pytest.fixture
def app(adapter: Adapter) -> App:
    """The adapter's WSGI or ASGI callable, built fresh by its factory for each test (so a mutation
    tool sees every test use the factory, and no test sees another's app)."""
    built: App = adapter.create_app()
    return built


def _every_app(config: pytest.Config) -> dict[str, App]:
    from harness.adapters import with_baseline

    return {a.name: a.create_app() for a in with_baseline(selected(config))}


@pytest.fixture
def all_apps(pytestconfig: pytest.Config) -> dict[str, App]:
    """Every selected adapter's app and the baseline's, for comparing their answers."""
    return _every_app(pytestconfig)


@pytest.fixture(scope="session")
def shared_apps(pytestconfig: pytest.Config) -> dict[str, App]:
    """The same, built once: Hypothesis runs many examples in one test."""
    return _every_app(pytestconfig)


@pytest.fixture(scope="session")
def live_servers(pytestconfig: pytest.Config) -> Iterator[dict[str, LiveServer]]:
    """Every selected adapter (and the baseline) as a real server on a free 127.0.0.1 port."""
    from harness.adapters import with_baseline
    from harness.servers.live import serve
    from harness.servers.registry import server_for

    chosen = pytestconfig.getoption("live_server")
    with ExitStack() as stack:
        yield {
            a.name: stack.enter_context(serve(a, server_for(a.interface, chosen)))
            for a in with_baseline(selected(pytestconfig))
        }
