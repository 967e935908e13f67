"""The addend grammar: what float() would accept but the contract does not."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import InvalidAddend
from core import parse_addend

ACCEPTED = {
    "42": 42.0, "-0.5": -0.5, "+1": 1.0, "1e3": 1000.0, "1E-3": 0.001, ".5": 0.5, "5.": 5.0,
    "-0": -0.0, "007": 7.0, "1e-400": 0.0, "1.7976931348623157e308": 1.7976931348623157e308,
}  # fmt: skip
REJECTED = [
    "", " 1", "1 ", "\t1", "1_000", "١٢", "１", "0x10", "nan", "NaN", "inf", "-inf", "Infinity",
    "1e309", "-1e309", "1e", "e5", ".", "+", "--1", "1.2.3", "1,5", "1e+", "1e5.0", "²",
]  # fmt: skip


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepted(text: str) -> None:
    value = parse_addend(text)
    assert value == ACCEPTED[text]
    assert math.copysign(1, value) == math.copysign(1, ACCEPTED[text])


@pytest.mark.parametrize("text", REJECTED)
def test_rejected(text: str) -> None:
    with pytest.raises(InvalidAddend):
        parse_addend(text)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_finite_float_repr_round_trips(value: float) -> None:
    assert parse_addend(repr(value)) == value


@given(st.text())
def test_any_text_is_a_finite_float_or_rejected(text: str) -> None:
    try:
        value = parse_addend(text)
    except InvalidAddend:
        return
    assert math.isfinite(value)
    assert text.isascii() and not any(c.isspace() for c in text)
