"""``pytest conformance_tests --base-url URL``: the grader as pytest tests, for any server.

One test per case and level (test_url.py), ending with the grader's scorecard; it needs only
the light install. This project's own suites over its adapters are tests/conformance/.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from conformance_tests.grader.cases import Case
from conformance_tests.grader.examine import Report
from conformance_tests.grader.examine import examine
from conformance_tests.grader.generated import every_case
from conformance_tests.grader.results import graded_levels
from conformance_tests.grader.run import Unusable
from conformance_tests.grader.run import preflight

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
        "--fuzz",
        type=int,
        default=0,
        metavar="N",
        help="with --base-url: also N requests drawn by Hypothesis",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Refuse contradictory options in one line, and check the URL before collecting."""
    url = config.getoption("base_url")
    if url is None:
        return
    if config.getoption("adapter"):
        raise pytest.UsageError(
            "--adapter picks this project's adapters; --base-url grades only that URL: "
            "use one or the other"
        )
    try:
        config.option.base_url = preflight(url)
    except Unusable as error:
        raise pytest.UsageError(str(error)) from None
    seed = config.getoption("seed")
    seed = random.randrange(10**6) if seed is None else seed
    if config.option.tbstyle == "auto":
        config.option.tbstyle = "no"  # the scorecard at the end says it all
    config.option.reportchars = ""  # no line per failed check: the scorecard groups them
    config.stash[seed_key] = seed
    config.stash[cases_key] = every_case(seed, fuzz=config.getoption("fuzz"), over_http=True)


def pytest_report_header(config: pytest.Config) -> str | None:
    if seed_key not in config.stash:
        here = Path(__file__).parent
        asked = [Path(arg.split("::")[0]).resolve() for arg in config.args]
        if asked and all(path.is_relative_to(here) for path in asked):
            return (
                "conformance_tests: nothing runs here without --base-url URL (your server); "
                "this project's own suites over its adapters are tests/conformance/"
            )
        return None
    seed = config.stash[seed_key]
    url = config.getoption("base_url")
    return f"conformance: {url}; generated cases with seed {seed} (--seed {seed} repeats them)"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Without --base-url there is nothing here to run: tests/conformance/ has the project's."""
    if collection_path.suffix == ".py" and config.getoption("base_url") is None:
        return True
    return None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "url_check" in metafunc.fixturenames:
        checks = [(case, level) for case in metafunc.config.stash[cases_key]
                  for level in graded_levels(case)]  # fmt: skip
        ids = [f"{case.name}-{level.name.lower()}" for case, level in checks]
        metafunc.parametrize("url_check", checks, ids=ids)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each item answers ``-k`` by its group and level names (``-k "sum_path and meaning"``)."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec and "url_check" in callspec.params:
            case, level = callspec.params["url_check"]
            item.extra_keyword_matches.update((case.group, level.name.lower()))


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
def graded(pytestconfig: pytest.Config) -> Report:
    """Every case sent once to --base-url, as the command line does; each test reads its own."""
    cases = pytestconfig.stash[cases_key]  # only the ones sent over HTTP (over_http=True)
    try:
        report = examine(pytestconfig.getoption("base_url"), cases)
    except Unusable as error:
        pytest.exit(f"error: {error}", returncode=2)
    pytestconfig.stash[report_key] = report
    return report
