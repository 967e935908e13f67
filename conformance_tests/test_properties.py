"""Generated requests against every adapter in-process: what nobody thought of.

Properties: never a 5xx; every answer keeps the contract's headers and strict
JSON; a 200 is exactly what core computes for that input; and all adapters
answer every request identically (status line, headers, body).
"""

from __future__ import annotations

import string
from urllib.parse import quote
from urllib.parse import urlencode

from hypothesis import given
from hypothesis import strategies as st

from conformance_tests.checks import contract_problems
from conformance_tests.clients import Answer
from conformance_tests.clients import call_wsgi
from core import SERVICE
from core import Reply
from harness.adapters import WSGIApp

WEIRD_ADDENDS = [
    "1e309", "-1e309", "1e99999", " 1", "1 ", "1_0", "١", "１", "0x1", "nan", "-inf", "Infinity",
    "+.5e-3", "5.", ".", "-", "1e", "1e+", "00", "-0", "1.7976931348623157e308", "²", "\u00a01",
]  # fmt: skip
addends = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**400), max_value=10**400).map(str),
    st.sampled_from(WEIRD_ADDENDS),
    st.text(max_size=12),
)
segment_texts = st.text(min_size=1, max_size=40).filter(lambda text: "/" not in text)
RAW_SEGMENTS = [
    "", ".", "..", "%2F", "%2f", "%00", "%FF", "%C3", "%E2%82", "%", "%zz", "%2e%2e", "+", ";",
    "sum", "echo", "SUM", "Echo", "%73um", "a%20b", "%F0%9F%98%80",
]  # fmt: skip
raw_segments = st.one_of(
    st.sampled_from(RAW_SEGMENTS),
    segment_texts.map(lambda text: quote(text, safe="")),
    st.text(alphabet=string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@%", max_size=20),
    st.integers(min_value=1000, max_value=5000).map(lambda n: "x" * n),
)
raw_paths = st.tuples(
    st.sampled_from(["/", "//", "/sum/", "/echo/", "/sum", "/echo"]),
    st.lists(raw_segments, max_size=4).map("/".join),
).map("".join)
query_keys = st.one_of(
    st.sampled_from(["number1", "number2", "Number1", "x", ""]), st.text(max_size=6)
)
raw_queries = st.one_of(
    st.just(""),
    st.lists(st.tuples(query_keys, addends), max_size=5).map(lambda pairs: "?" + urlencode(pairs)),
    st.text(alphabet=string.printable.strip() + "%", max_size=40).map(lambda q: "?" + q),
)
methods = st.sampled_from(
    ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "get", "Get"]
)


def answers(apps: dict[str, WSGIApp], method: str, target: str) -> dict[str, Answer]:
    return {name: call_wsgi(app, method, target) for name, app in apps.items()}


def assert_all_keep_the_contract(found: dict[str, Answer], method: str) -> None:
    for name, answer in found.items():
        assert contract_problems(answer, method) == [], name
    first, *others = found
    for name in others:
        assert found[name].comparable() == found[first].comparable(), (name, first)


def assert_all_answer(found: dict[str, Answer], expected: Reply) -> None:
    for name, answer in found.items():
        assert (answer.status, answer.body) == (expected.status, expected.body), name


@given(method=methods, path=raw_paths, query=raw_queries)
def test_any_request_keeps_the_contract(
    all_apps: dict[str, WSGIApp], method: str, path: str, query: str
) -> None:
    assert_all_keep_the_contract(answers(all_apps, method, path + query), method)


@given(number1=addends.filter(lambda a: a and "/" not in a), number2=addends.filter(bool))
def test_sum_path_is_what_core_computes(
    all_apps: dict[str, WSGIApp], number1: str, number2: str
) -> None:
    target = f"/sum/{quote(number1, safe='')}/{quote(number2, safe='')}"
    found = answers(all_apps, "GET", target)
    if "/" in number2:  # %2F is decoded before routing: the path has three segments
        assert_all_answer(found, SERVICE.not_found())
    else:
        assert_all_answer(found, SERVICE.sum_path(number1, number2))
    assert_all_keep_the_contract(found, "GET")


@given(
    first=st.lists(addends, max_size=2),
    second=st.lists(addends, max_size=2),
    extra=st.lists(st.tuples(st.sampled_from(["x", "n", "number3"]), addends), max_size=2),
)
def test_sum_query_is_what_core_computes(
    all_apps: dict[str, WSGIApp],
    first: list[str],
    second: list[str],
    extra: list[tuple[str, str]],
) -> None:
    pairs = [("number1", v) for v in first] + extra + [("number2", v) for v in second]
    found = answers(all_apps, "GET", "/sum?" + urlencode(pairs))
    assert_all_answer(found, SERVICE.sum_query(first, second))
    assert_all_keep_the_contract(found, "GET")


@given(text=segment_texts)
def test_echo_is_what_core_computes(all_apps: dict[str, WSGIApp], text: str) -> None:
    found = answers(all_apps, "GET", "/echo/" + quote(text, safe=""))
    assert_all_answer(found, SERVICE.echo(text))
    assert_all_keep_the_contract(found, "GET")
