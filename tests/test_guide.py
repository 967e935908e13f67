"""The guide and the pages are cut from the code and the registries; they must be current.

And readable: the README is a door of at most 160 lines, and no line of the guide is wider
than 100 characters, so it reads as plain Markdown in a terminal as on a forge.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from docgen import guide_measured
from docgen.guide import PARTS
from docgen.guide import render_pages
from docgen.guide import stale
from docgen.guide_code import WIDTH
from docgen.guide_code import adapter_sections
from docgen.guide_code import function_source
from docgen.guide_code import sections_of
from docgen.guide_text import CONCERNS
from docgen.pages import SERVERS_PAGE
from docgen.pages import readme as readme_of
from docgen.pages import servers_page
from docgen.worked_example import EXAMPLE_PAGE
from docgen.worked_example import example_page
from harness.adapters import ROOT
from harness.adapters import Adapter
from loadtests.results.model import load
from loadtests.results.model import save

README = ROOT / "README.md"
PAGES = render_pages()
SITTING = 450
"""A part's most lines: read at one sitting (the adapters' part, four frameworks' code for
each of seven concerns, is the longest)."""


def test_guide_is_current_and_narrow() -> None:
    assert stale(PAGES) == [], "the guide is stale: run python -m docgen.guide"
    for name, text in PAGES.items():
        wide = [line for line in text.splitlines() if len(line) > WIDTH]
        assert wide == [], name
        assert "<table>" not in text and "&quot;" not in text  # plain Markdown


def test_the_guide_s_figures_are_rendered_from_results_json_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Change a figure in results.json and the guide says the new one; no report.md is read."""
    taken = load(guide_measured.RESULTS)
    assert taken.twins and taken.waited and taken.cost.instructions
    twin = dataclasses.replace(taken.twins[0], us_per_request=4321.0)
    changed = dataclasses.replace(taken, command="make benchmark ARGS=--marked", wait_ms=77.0,
                                  twins=[twin, *taken.twins[1:]])  # fmt: skip
    save(changed, tmp_path / "results.json")
    monkeypatch.setattr(guide_measured, "RESULTS", tmp_path / "results.json")
    assert "`make benchmark ARGS=--marked`" in guide_measured.benchmark_section()
    measured = guide_measured.async_part()
    assert "first waits 77 ms" in measured and "| 4,321.0 |" in measured
    monkeypatch.setattr(guide_measured, "RESULTS", tmp_path / "none.json")
    assert "taken in" in guide_measured.benchmark_section()
    assert "### Measured" not in guide_measured.async_part()


def test_the_guide_is_a_path_in_the_course_s_order() -> None:
    """An index, then the parts in the order a learner from the course takes them."""
    titles = [re.findall(r"^# (.+)$", prose(page), re.MULTILINE) for page in PAGES.values()]
    assert titles[1:] == [
        ["Part 1 of 6: The course, to level 1"],
        ["Part 2 of 6: The course continued: levels 2 and 3"],
        ["Part 3 of 6: Each framework's shortest route"],
        ["Part 4 of 6: Core: what the adapters share"],
        ["Part 5 of 6: The adapters, concern by concern"],
        ["Part 6 of 6: Sync and async, and the questions learners ask"],
    ]
    pages = [prose(page) for page in PAGES.values()]
    steps = [re.findall(r"^## (Step \d)", page, re.MULTILINE) for page in pages[1:3]]
    assert steps == [[f"Step {n}" for n in range(1, 6)], ["Step 6", "Step 7"]]
    assert re.findall(r"^## (.+)$", pages[5], re.MULTILINE) == list(CONCERNS)
    questions = re.findall(r"^## (.+)$", pages[6], re.MULTILINE)
    assert questions == ["Sync and async", "Questions learners ask", "Adding a fifth framework"]


def test_each_part_reads_at_one_sitting_and_says_first_what_it_assumes() -> None:
    index = PAGES["guide.md"]
    for number, (name, page) in enumerate(list(PAGES.items())[1:], start=1):
        assert len(page.splitlines()) <= SITTING, name
        opening = page.split("\n## ", 1)[0]
        assert f"[The guide](guide.md), part {number}. **Assumes** " in opening, name
        assert f"]({name}), {len(page.splitlines())} lines." in index, name
    assert len(PAGES) == len(PARTS) + 1


def test_every_adapter_has_every_concern_the_guide_shows(adapter: Adapter) -> None:
    assert set(adapter_sections(adapter)) == set(CONCERNS)


def test_sections_are_cut_at_markers() -> None:
    source = "x = 1\n# --- A ---\n    a = 1\n\n# --- B ---\nb = 2\n    return app\nc = 3\n"
    assert sections_of(source) == {"A": "a = 1", "B": "b = 2"}


def test_the_readme_is_a_door() -> None:
    text = README.read_text(encoding="utf-8")
    for page in ("docs/guide.md", "docs/servers.md", "docs/testing.md", "docs/benchmark.md"):
        assert f"]({page})" in text and (ROOT / page).is_file(), page
    for link in re.findall(r"\]\(([^)#]+)\)", text):
        assert (ROOT / link).exists(), link


def test_the_servers_page_is_current() -> None:
    assert SERVERS_PAGE.read_text(encoding="utf-8") == servers_page(), (
        "docs/servers.md is stale: run python -m docgen.pages"
    )
    assert EXAMPLE_PAGE.read_text(encoding="utf-8") == example_page(), (
        "docs/add-an-endpoint.md is stale: run python -m docgen.pages"
    )
    readme = README.read_text(encoding="utf-8")
    assert readme == readme_of(readme), (
        "README.md's servers table is stale: run python -m docgen.pages"
    )


def test_the_docs_pages_links_resolve() -> None:
    for page in (ROOT / "docs").glob("*.md"):
        for link in re.findall(r"\]\(([^)#]+)\)", page.read_text(encoding="utf-8")):
            if not link.startswith("http"):
                assert (page.parent / link).resolve().exists(), (page.name, link)


def test_a_method_is_shown_dedented_whole() -> None:
    """Its body one level in, as a function's: not as deep as it sits in its class."""
    lines = function_source(ROOT / "core" / "service.py", "Service.sum_path").splitlines()
    assert lines[0].startswith("def sum_path(") and lines[1].startswith('    """')
    assert all(ast.parse(block) for block in python_blocks("\n".join(PAGES.values())))


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def prose(page: str) -> str:
    """A page without its code blocks."""
    return re.sub(r"^```.*?^```$", "", page, flags=re.MULTILINE | re.DOTALL)
