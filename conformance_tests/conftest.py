"""The cases as pytest parameters, and ``--base-url``: the suite pointed at any server.

Without ``--base-url`` the suite runs over this project's adapters (fixtures from
``devtools/fixtures.py``); with it, only ``test_url.py`` runs, one test per case and
level, ending with the grader's scorecard. That mode needs only the light install.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from conformance_tests.grader.cases import Case
from conformance_tests.grader.generated import every_case
from conformance_tests.grader.report import Report
from conformance_tests.grader.report import examine
from conformance_tests.grader.results import graded_levels
from conformance_tests.grader.run import Unusable
from conformance_tests.grader.run import preflight

PROJECT_SEED = 0
"""The project's own runs are repeatable; a checked URL gets a new seed unless --seed."""
URL_MODE_FILES = {"test_url.py"}
"""What runs with --base-url (and only then): the rest needs the project's adapters."""
cases_key = pytest.StashKey[list[Case]]()
report_key = pytest.StashKey[Report]()
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
    url = config.getoption("base_url")
    seed = config.getoption("seed")
    if url is not None:
        if config.getoption("adapter"):
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
        seed = PROJECT_SEED if seed is None else seed
    config.stash[seed_key] = seed
    config.stash[cases_key] = every_case(seed, fuzz=config.getoption("fuzz") if url else 0)


def pytest_report_header(config: pytest.Config) -> str:
    seed = config.stash[seed_key]
    target = config.getoption("base_url") or "this project's adapters"
    return f"conformance: {target}; generated cases with seed {seed} (--seed {seed} repeats them)"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With --base-url only the URL mode's files; without it, everything but them."""
    if collection_path.is_dir() or collection_path.suffix != ".py":
        return None
    url_mode = config.getoption("base_url") is not None
    return (collection_path.name in URL_MODE_FILES) != url_mode or None


def _all_cases(config: pytest.Config) -> list[Case]:
    return config.stash[cases_key]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    config = metafunc.config
    if "url_check" in metafunc.fixturenames:
        checks = [
            (case, level)
            for case in _all_cases(config)
            if not case.in_process_only
            for level in graded_levels(case)
        ]
        ids = [f"{case.name}-{level.name.lower()}" for case, level in checks]
        metafunc.parametrize("url_check", checks, ids=ids)
    if "case" in metafunc.fixturenames:
        cases = _all_cases(config)
        metafunc.parametrize("case", cases, ids=[c.name for c in cases])
    if "http_case" in metafunc.fixturenames:
        cases = [c for c in _all_cases(config) if not c.in_process_only]
        metafunc.parametrize("http_case", cases, ids=[c.name for c in cases])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each item answers ``-k`` by its group and level names (``-k "sum_path and meaning"``)."""
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
    if report_key not in config.stash:
        return
    from conformance_tests.grader.card import render

    report = config.stash[report_key]
    count = len(report.grading.results)
    about = f"{count} requests (seed {config.stash[seed_key]}); one test per case and level"
    terminalreporter.write_line("")
    card = render(report.grading, report.routes, config.getoption("base_url"), about)
    for line in card.splitlines():
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def http_cases(pytestconfig: pytest.Config) -> list[Case]:
    """Every case that can be sent over HTTP, for a test that sends them all in one go."""
    return [case for case in _all_cases(pytestconfig) if not case.in_process_only]


@pytest.fixture(scope="session")
def graded(pytestconfig: pytest.Config) -> Report:
    """Every case sent once to --base-url, as the command line does; each test reads its own."""
    url = pytestconfig.getoption("base_url")
    cases = [case for case in _all_cases(pytestconfig) if not case.in_process_only]
    try:
        report = examine(url, cases)
    except Unusable as error:
        pytest.exit(f"error: {error}", returncode=2)
    pytestconfig.stash[report_key] = report
    return report
