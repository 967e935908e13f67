"""How the grader shows a body or a value on one line: what a learner reads in every detail."""

from __future__ import annotations

import pytest

from conformance_tests.grader.showing import LIMIT
from conformance_tests.grader.showing import body_kind
from conformance_tests.grader.showing import json_differences
from conformance_tests.grader.showing import same_meaning
from conformance_tests.grader.showing import shown


@pytest.mark.parametrize(
    ("value", "seen"),
    [
        (None, "(absent)"),
        (b"", "(empty)"),
        ("", ""),
        (b'{"a":1}\n', '{"a":1}\\n (ends with a newline)'),
        ("a\tb\r\x01é", "a\\tb\\r\\x01é"),
        (b"\xff\xfe", "b'\\xff\\xfe' (not UTF-8)"),
        ("x" * LIMIT, "x" * LIMIT),
        ("x" * (LIMIT + 1), "x" * LIMIT + f"… ({LIMIT + 1} characters)"),
        ("é" * 2000, "é" * LIMIT + "… (2,000 characters)"),
    ],
)
def test_a_value_on_one_line(value: bytes | str | None, seen: str) -> None:
    assert shown(value) == seen


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (b"", "application/json", "no body"),
        (b"\xff", None, "bytes that are not UTF-8"),
        (b"hello", "text/plain", "text"),
        (b'{"a": -Infinity', None, "JSON with NaN or Infinity"),
        (b"41", "application/json", "a number"),
        (b'{"total_sum":NaN}', "application/json", "JSON with NaN or Infinity"),
        (b"41.0", None, "a number as text"),
        (b"<!doctype html><p>hi</p>", None, "an HTML page"),
        (b'[1, 2]', "application/json", "a JSON list"),
        (b'"hi"', "application/json", "a JSON string"),
    ],
)  # fmt: skip
def test_what_a_body_is_in_a_few_words(body: bytes, content_type: str | None, kind: str) -> None:
    assert body_kind(body, content_type) == kind


def test_same_meaning_goes_into_lists_and_objects() -> None:
    assert same_meaning([1, {"a": 2}], [1.0, {"a": 2.0}])
    assert not same_meaning([1, 2], [1, 3]) and not same_meaning([1], [1, 1])
    assert not same_meaning({"a": 1}, {"b": 1}) and not same_meaning(True, 1)


def test_differences_show_non_ascii_as_it_is() -> None:
    found = json_differences({"echo": "café café"}, {"echo": "café"})
    assert [d.text for d in found] == ['echo: yours "café", the contract\'s "café café"']


def test_a_shortened_body_never_ends_in_half_an_escape() -> None:
    assert shown("ab\ncd", 3) == "ab…"
    assert shown("ab\ncd", 4) == "ab\\n…"
    assert shown("a\x01bcd", 3) == "a…"
