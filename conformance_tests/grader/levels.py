"""The three levels of conformance, so a teacher can say "reach level 2".

Each is cumulative: level 2 means every check of levels 1 and 2 passes.
The contract's prose states the same (contract/README.md, "Levels").
"""

from __future__ import annotations

from enum import IntEnum

CONTRACT = "contract/README.md"


class Level(IntEnum):
    """What a check is about; the number is the level that demands it."""

    MEANING = 1
    """The right status and the right JSON value, however it is written."""
    MANNERS = 2
    """What HTTP clients and browsers rely on: headers, HEAD, OPTIONS, 405 with Allow."""
    EXACT = 3
    """The canonical bytes every adapter in this repository sends."""

    @property
    def label(self) -> str:
        return f"level {self.value} ({self.name.lower()})"

    @classmethod
    def parse(cls, text: str) -> Level:
        """``1``, ``meaning``, ``level-1``: whatever a teacher types."""
        key = text.strip().lower().removeprefix("level").strip(" -_")
        for level in cls:
            if key in (str(level.value), level.name.lower()):
                return level
        names = ", ".join(f"{level.value} or {level.name.lower()}" for level in cls)
        raise ValueError(f"unknown level {text!r} (use {names})")


SECTION_OF_LEVEL = {
    Level.MEANING: "levels",
    Level.MANNERS: "every-response",
    Level.EXACT: "every-response",
}
"""Where in the contract's prose each level's general rules are stated."""


def section_link(anchor: str) -> str:
    return f"{CONTRACT}#{anchor}"
