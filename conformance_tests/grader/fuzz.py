"""``--fuzz N``: requests drawn by Hypothesis, each answered by the independent model."""

from __future__ import annotations

from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import seed as with_seed
from hypothesis import settings
from hypothesis import strategies as st

from conformance_tests.grader.cases import Case
from conformance_tests.grader.oracle import expect
from conformance_tests.grader.strategies import methods
from conformance_tests.grader.strategies import raw_paths
from conformance_tests.grader.strategies import raw_queries

requests = st.tuples(methods, raw_paths, raw_queries)


def fuzz_cases(count: int, seed: int) -> list[Case]:
    """``count`` generated requests (fewer only if Hypothesis runs out of new ones)."""
    drawn: list[tuple[str, str, str]] = []

    @with_seed(seed)
    @settings(
        max_examples=count,
        phases=[Phase.generate],
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(requests)
    def collect(request: tuple[str, str, str]) -> None:
        drawn.append(request)

    collect()
    return [
        expect(method, path + query, f"fuzz-{i}")
        for i, (method, path, query) in enumerate(drawn[:count], 1)
    ]
