"""Hypothesis strategies for requests nobody thought of: shared by the properties and --fuzz."""

from __future__ import annotations

import string
from urllib.parse import quote
from urllib.parse import urlencode

from hypothesis import strategies as st

WEIRD_ADDENDS = [
    "1e309", "-1e309", "1e99999", " 1", "1 ", "1_0", "١", "１", "0x1", "nan", "-inf", "Infinity",
    "+.5e-3", "5.", ".", "-", "1e", "1e+", "00", "-0", "1.7976931348623157e308", "²", "\u00a01",
    "1e0005", "1e١", "1e-0400", "0e0", "-.0e-0",
]  # fmt: skip
addends = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**400), max_value=10**400).map(str),
    st.sampled_from(WEIRD_ADDENDS),
    st.from_regex(r"[+-]?[0-9]{0,3}\.?[0-9]{0,3}([eE][+-]?[0-9]{1,5})?", fullmatch=True),
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
    ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "BREW"]
)
"""Upper-case: servers refuse other spellings before the app sees them (in-process adds more)."""
any_case_methods = st.one_of(
    methods, st.sampled_from(["get", "Get", "head", "Head", "post", "options"])
)
