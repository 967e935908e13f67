"""Which strings count as addends: a strict ASCII decimal grammar, then a finite float.

``float()`` alone would accept ``" 1"``, ``"1_000"``, ``"١٢"``, ``"nan"`` and ``"inf"``;
the grammar rejects them before ``float()`` ever sees the text.
"""

from __future__ import annotations

import math
import re

DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


class InvalidAddend(ValueError):
    """The text is not a finite ASCII decimal number."""


def parse_addend(text: str) -> float:
    """Parse one addend, or raise InvalidAddend."""
    if not DECIMAL.fullmatch(text):
        raise InvalidAddend(text)
    value = float(text)
    if not math.isfinite(value):  # e.g. 1e309 overflows to inf
        raise InvalidAddend(text)
    return value
