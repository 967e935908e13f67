"""The reading guide is cut from the adapters, and must be current."""

from __future__ import annotations

from harness.adapters import Adapter
from harness.guide import GUIDE
from harness.guide import SECTIONS
from harness.guide import adapter_sections
from harness.guide import render_guide
from harness.guide import sections_of


def test_guide_is_current() -> None:
    assert GUIDE.read_text(encoding="utf-8") == render_guide(), (
        "docs/guide.md is stale: run python -m harness.guide"
    )


def test_every_adapter_has_every_section_in_order(adapter: Adapter) -> None:
    assert list(adapter_sections(adapter)) == list(SECTIONS)


def test_sections_are_cut_at_markers() -> None:
    source = "x = 1\n# --- A ---\n    a = 1\n\n# --- B ---\nb = 2\n    return app\nc = 3\n"
    assert sections_of(source) == {"A": "a = 1", "B": "b = 2"}


def test_guide_explains_a_fifth_framework() -> None:
    assert "## Adding a fifth framework" in render_guide()
