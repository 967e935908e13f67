"""The README's side-by-side table quotes the adapters; every quote must still be in them."""

from __future__ import annotations

import re

import pytest

from harness.adapters import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = "## The frameworks side by side"
CODE = re.compile(r"`([^`]+)`")


def table_rows() -> list[list[str]]:
    """The cells of the section's Markdown table, header first, separator left out."""
    section = README.split(SECTION, 1)[1].split("\n## ", 1)[0]
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
