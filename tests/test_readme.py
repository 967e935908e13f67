"""The README quotes the adapters and the benchmark report: every quote must still be in them."""

from __future__ import annotations

import re

import pytest

from harness.adapters import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = "## The frameworks side by side"
CODE = re.compile(r"`([^`]+)`")


def table_rows(heading: str = SECTION) -> list[list[str]]:
    """The cells of the section's Markdown table, header first, separator left out."""
    section = README.split(heading, 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    return [row for row in rows if not set("".join(row)) <= set("-: ")]


def quotes() -> list[tuple[str, str, str]]:
    """(concern, package, code) for every piece of code the table quotes."""
    header, *body = table_rows()
    packages = [re.search(r"impl_\w+", cell) for cell in header[1:]]
    found = []
    for concern, *cells in body:
        for package, cell in zip(packages, cells, strict=True):
            assert package is not None, f"a column header names no impl_ package: {header}"
            found += [(concern, package.group(0), code) for code in CODE.findall(cell)]
    return found


QUOTES = quotes()


def test_table_quotes_every_column() -> None:
    assert {package for _, package, _ in QUOTES} >= {"impl_flask", "impl_bottle", "impl_falcon"}


@pytest.mark.parametrize(
    ("concern", "package", "code"), QUOTES, ids=[f"{p}-{c}" for c, p, _ in QUOTES]
)
def test_quote_is_in_the_adapter(concern: str, package: str, code: str) -> None:
    source = (ROOT / package / "app.py").read_text(encoding="utf-8")
    assert code in source, f"README quotes {code!r} for {concern!r}, not in {package}/app.py"


REPORT = (ROOT / "docs" / "benchmark" / "report.md").read_text(encoding="utf-8")
FIGURE = re.compile(r"\d+\.\d+× \[\d+\.\d+–\d+\.\d+\]|\d+\.\d+×")
NAMES = {"Flask": "flask", "Bottle": "bottle", "Falcon": "falcon", "FastAPI": "fastapi",
         "Falcon ASGI": "falcon_asgi", "raw WSGI": "wsgi", "raw ASGI": "asgi"}  # fmt: skip


def headline() -> list[tuple[str, str]]:
    """(adapter, figure) for every ratio in the README's benchmark table."""
    _, *body = table_rows("### 3. Benchmark")
    return [(NAMES[name], figure) for name, *cells in body for cell in cells
            for figure in FIGURE.findall(cell)]  # fmt: skip


def test_the_readme_s_benchmark_figures_are_the_report_s() -> None:
    """Each figure is in the committed report, in a row of the same adapter: the README is
    retyped from the report, so a new report without a new README fails here."""
    found = headline()
    assert {adapter for adapter, _ in found} == set(NAMES.values())
    rows = [line for line in REPORT.splitlines() if line.startswith("|")]
    for adapter, figure in found:
        assert any(f"| {adapter} " in row and figure in row for row in rows), (adapter, figure)
    waited = re.search(r"served (\d+\.\d+× \[[^\]]+\]) the requests", README.replace("\n", " "))
    assert waited is not None and f"served {waited.group(1)} falcon (waitress" in REPORT


def test_the_readme_is_short_and_its_first_screen_shows_the_ways_in() -> None:
    """160 lines at most; the two commands and the three ways in within its first 40."""
    lines = README.splitlines()
    assert len(lines) <= 160
    first = "\n".join(lines[:40])
    for said in (
        "make benchmark",
        "make test",
        "[1. Learn]",
        "[2. Check your own",
        "[3. Benchmark]",
    ):
        assert said in first, said
