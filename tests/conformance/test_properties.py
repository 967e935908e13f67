"""Generated requests against every adapter in-process: what nobody thought of.

The expected answer comes from ``oracle``, a model of the contract written
without core's code, so a mistake in core is caught here and does not agree
with itself. Properties: every answer is exactly what the model says (status,
headers, canonical bytes), and all adapters answer every request identically.
"""

from __future__ import annotations

from urllib.parse import quote
from urllib.parse import urlencode

from hypothesis import given
from hypothesis import strategies as st

from conformance_tests.grader.checks import case_problems
from conformance_tests.grader.http import Answer
from conformance_tests.grader.oracle import expect
from conformance_tests.grader.strategies import addends
from conformance_tests.grader.strategies import any_case_methods
from conformance_tests.grader.strategies import raw_paths
from conformance_tests.grader.strategies import raw_queries
from conformance_tests.grader.strategies import segment_texts
from devtools.in_process import call
from harness.adapters import App


def answers(apps: dict[str, App], method: str, target: str) -> dict[str, Answer]:
    return {name: call(app, method, target) for name, app in apps.items()}


def assert_all_as_the_model_says(found: dict[str, Answer], method: str, target: str) -> None:
    """Each answer is the model's, to the byte; then they must also agree with each other."""
    expected = expect(method, target)
    for name, answer in found.items():
        problems = case_problems(answer, expected)
        assert not problems, (name, [f"{p.kind}: {p.detail}" for p in problems])
    first, *others = found
    for name in others:
        assert found[name].comparable() == found[first].comparable(), (name, first)


@given(method=any_case_methods, path=raw_paths, query=raw_queries)
def test_any_request_is_answered_as_the_model_says(
    shared_apps: dict[str, App], method: str, path: str, query: str
) -> None:
    assert_all_as_the_model_says(answers(shared_apps, method, path + query), method, path + query)


@given(number1=addends.filter(bool), number2=addends.filter(bool))
def test_sum_path_is_what_the_model_computes(
    shared_apps: dict[str, App], number1: str, number2: str
) -> None:
    target = f"/sum/{quote(number1, safe='')}/{quote(number2, safe='')}"
    assert_all_as_the_model_says(answers(shared_apps, "GET", target), "GET", target)


@given(
    first=st.lists(addends, max_size=2),
    second=st.lists(addends, max_size=2),
    extra=st.lists(st.tuples(st.sampled_from(["x", "n", "number3"]), addends), max_size=2),
)
def test_sum_query_is_what_the_model_computes(
    shared_apps: dict[str, App],
    first: list[str],
    second: list[str],
    extra: list[tuple[str, str]],
) -> None:
    pairs = [("number1", v) for v in first] + extra + [("number2", v) for v in second]
    target = "/sum?" + urlencode(pairs)
    assert_all_as_the_model_says(answers(shared_apps, "GET", target), "GET", target)


@given(text=segment_texts)
def test_echo_is_what_the_model_computes(shared_apps: dict[str, App], text: str) -> None:
    target = "/echo/" + quote(text, safe="")
    assert_all_as_the_model_says(answers(shared_apps, "GET", target), "GET", target)
