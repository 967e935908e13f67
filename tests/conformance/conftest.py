"""The cases of conformance_tests/cases/ as pytest parameters, for this project's adapters.

Generated cases use seed 0 unless ``--seed N``, so the project's runs repeat. Grading any
other server by URL is conformance_tests/ (``--base-url``); this folder needs the project.
"""

from __future__ import annotations

from typing import Any

import pytest

from conformance_tests.grader.cases import Case
from conformance_tests.grader.generated import every_case

PROJECT_SEED = 0
cases_key = pytest.StashKey[list[Case]]()


def project_cases(config: pytest.Config) -> list[Case]:
    """Every case, the generated ones from --seed (default: PROJECT_SEED), made once per run."""
    if cases_key not in config.stash:
        seed = config.getoption("seed")
        config.stash[cases_key] = every_case(PROJECT_SEED if seed is None else seed)
    return config.stash[cases_key]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    cases = project_cases(metafunc.config)
    if "case" in metafunc.fixturenames:
        metafunc.parametrize("case", cases, ids=[c.name for c in cases])
    if "http_case" in metafunc.fixturenames:
        over_http = [c for c in cases if not c.in_process_only]
        metafunc.parametrize("http_case", over_http, ids=[c.name for c in over_http])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each item answers ``-k`` by its case's group (``-k "sum_path and falcon"``)."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        params: dict[str, Any] = callspec.params if callspec else {}
        case = params.get("case") or params.get("http_case")
        if isinstance(case, Case):
            item.extra_keyword_matches.add(case.group)


@pytest.fixture(scope="session")
def http_cases(pytestconfig: pytest.Config) -> list[Case]:
    """Every case that can be sent over HTTP, for a test that sends them all in one go."""
    return [case for case in project_cases(pytestconfig) if not case.in_process_only]
