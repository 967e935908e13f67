"""Fixtures for the conformance suite, chained as in Flask's tutorial.

``adapter`` → ``app`` for in-process runs; ``live_servers`` starts every adapter
once per session; ``--base-url`` grades a server somebody else runs, with only
requests, PyYAML and pytest installed (the project's harness is imported lazily).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import pytest

from conformance_tests.cases import GROUPS
from conformance_tests.cases import Case
from conformance_tests.generated import every_case
from conformance_tests.grader import Result
from conformance_tests.grader import Unusable
from conformance_tests.grader import grade
from conformance_tests.grader import graded_levels
from conformance_tests.grader import preflight

if TYPE_CHECKING:
    from harness.adapters import WSGIApp
    from harness.live import LiveServer

PROJECT_SEED = 0
"""The project's own runs are repeatable; a checked URL gets a new seed unless --seed."""
URL_ONLY = {"test_conformance.py", "conftest.py", "__init__.py"}
"""What --base-url collects: the rest needs the project's adapters and servers."""
cases_key = pytest.StashKey[list[Case]]()
results_key = pytest.StashKey[dict[str, Result]]()
seed_key = pytest.StashKey[int]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance")
    group.addoption(
        "--base-url",
        metavar="URL",
        help="grade the server at URL (your own implementation, e.g. http://127.0.0.1:5000): "
        "one test per case and level (meaning, manners, exact); nothing else runs",
    )
    group.addoption(
        "--adapter",
        action="append",
        metavar="NAME",
        help="limit the suite to this project adapter (repeatable; default: every impl_* folder)",
    )
    group.addoption(
        "--live-server",
        default="waitress",
        help="WSGI server for the live mode (default: %(default)s)",
    )
    group.addoption(
        "--seed",
        type=int,
        help=f"seed of the generated cases (default: {PROJECT_SEED}; with --base-url, a new one)",
    )
    group.addoption(
        "--fuzz",
        type=int,
        default=0,
        metavar="N",
        help="with --base-url: also N requests drawn by Hypothesis",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Refuse contradictory options in one line, and check the URL before collecting."""
    url = config.getoption("base_url", None)
    if url is None and not hasattr(config.option, "adapter"):
        return  # this conftest's options are not loaded (a run outside the suite)
    adapters = config.getoption("adapter")
    seed = config.getoption("seed")
    if url is not None:
        if adapters:
            raise pytest.UsageError(
                "--adapter picks this project's adapters; --base-url grades only that URL: "
                "use one or the other"
            )
        try:
            config.option.base_url = preflight(url)
        except Unusable as error:
            raise pytest.UsageError(str(error)) from None
        seed = random.randrange(10**6) if seed is None else seed
        if config.option.tbstyle == "auto":
            config.option.tbstyle = "no"  # the scorecard at the end says it all
        config.option.reportchars = ""  # no line per failed check: the scorecard groups them
    else:
        from harness.adapters import select
        from harness.servers import SERVERS

        try:
            select(adapters)
        except ValueError as error:
            raise pytest.UsageError(f"--adapter: {error}") from None
        if config.getoption("live_server") not in SERVERS:
            known = ", ".join(sorted(SERVERS))
            raise pytest.UsageError(f"--live-server: choose one of {known}")
        seed = PROJECT_SEED if seed is None else seed
    config.stash[seed_key] = seed
    fuzz = config.getoption("fuzz") if url is not None else 0
    config.stash[cases_key] = every_case(seed, fuzz=fuzz)


def pytest_report_header(config: pytest.Config) -> str | None:
    if seed_key not in config.stash:
        return None
    seed = config.stash[seed_key]
    target = config.getoption("base_url") or "this project's adapters"
    return f"conformance: {target}; generated cases with seed {seed} (--seed {seed} repeats them)"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if config.getoption("base_url", None) is None or collection_path.is_dir():
        return None
    return collection_path.name not in URL_ONLY or None


def _all_cases(config: pytest.Config) -> list[Case]:
    return config.stash[cases_key]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Only the tests of this mode are expanded; the others are deselected unexpanded."""
    config = metafunc.config
    if config.getoption("base_url") is not None:
        if "url_check" in metafunc.fixturenames:
            checks = [
                (case, level)
                for case in _all_cases(config)
                if not case.in_process_only
                for level in graded_levels(case)
            ]
            ids = [f"{case.name}-{level.name.lower()}" for case, level in checks]
            metafunc.parametrize("url_check", checks, ids=ids)
        return
    if "adapter" in metafunc.fixturenames:
        from harness.adapters import select

        adapters = select(config.getoption("adapter"))
        metafunc.parametrize("adapter", adapters, ids=[a.name for a in adapters], scope="session")
    if "case" in metafunc.fixturenames:
        cases = _all_cases(config)
        metafunc.parametrize("case", cases, ids=[c.name for c in cases])
    if "http_case" in metafunc.fixturenames:
        cases = [c for c in _all_cases(config) if not c.in_process_only]
        metafunc.parametrize("http_case", cases, ids=[c.name for c in cases])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep only the base-URL runs with --base-url, only the others without it.

    Each item also answers ``-k`` by its group and level names (``-k "sum_path and meaning"``).
    """
    want_url = config.getoption("base_url") is not None
    keep = [item for item in items if (item.get_closest_marker("base_url") is not None) == want_url]
    dropped = [item for item in items if item not in keep]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
    for item in items:
        callspec = getattr(item, "callspec", None)
        params: dict[str, Any] = callspec.params if callspec else {}
        case = params.get("case") or params.get("http_case")
        if "url_check" in params:
            case, level = params["url_check"]
            item.extra_keyword_matches.add(level.name.lower())
        if isinstance(case, Case):
            item.extra_keyword_matches.add(case.group)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """With --base-url, end with the scorecard a learner can act on."""
    if results_key not in config.stash:
        return
    from conformance_tests.scorecard import render

    results = list(config.stash[results_key].values())
    about = f"{len(results)} requests (seed {config.stash[seed_key]}); one test per case and level"
    terminalreporter.write_line("")
    for line in render(results, GROUPS, config.getoption("base_url"), about).splitlines():
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def graded(pytestconfig: pytest.Config) -> dict[str, Result]:
    """Every case sent once to --base-url; each test then reads its own result."""
    url = pytestconfig.getoption("base_url")
    cases = [case for case in _all_cases(pytestconfig) if not case.in_process_only]
    try:
        results = grade(url, cases)
    except Unusable as error:
        pytest.exit(f"error: {error}", returncode=2)
    by_name = {result.case.name: result for result in results}
    pytestconfig.stash[results_key] = by_name
    return by_name


@pytest.fixture(scope="session")
def base_url(pytestconfig: pytest.Config) -> str:
    """The URL given with --base-url."""
    url: str = pytestconfig.getoption("base_url")
    return url


@pytest.fixture
def app(adapter: Any) -> WSGIApp:
    """The adapter's WSGI callable, built fresh by its factory for each test (so a mutation
    tool sees every test use the factory, and no test sees another's app)."""
    created: WSGIApp = adapter.create_app()
    return created


def _every_app(pytestconfig: pytest.Config) -> dict[str, WSGIApp]:
    from harness.adapters import select
    from harness.adapters import with_baseline

    chosen = with_baseline(select(pytestconfig.getoption("adapter")))
    return {a.name: a.create_app() for a in chosen}


@pytest.fixture
def all_apps(pytestconfig: pytest.Config) -> dict[str, WSGIApp]:
    """Every selected adapter's app and the baseline's, for comparing their answers."""
    return _every_app(pytestconfig)


@pytest.fixture(scope="session")
def shared_apps(pytestconfig: pytest.Config) -> dict[str, WSGIApp]:
    """The same, built once: Hypothesis runs many examples in one test."""
    return _every_app(pytestconfig)


@pytest.fixture(scope="session")
def live_servers(pytestconfig: pytest.Config) -> Iterator[dict[str, LiveServer]]:
    """Every selected adapter (and the baseline) as a real server on a free 127.0.0.1 port."""
    from harness.adapters import select
    from harness.adapters import with_baseline
    from harness.live import serve

    server = pytestconfig.getoption("live_server")
    with ExitStack() as stack:
        yield {
            a.name: stack.enter_context(serve(a, server))
            for a in with_baseline(select(pytestconfig.getoption("adapter")))
        }
