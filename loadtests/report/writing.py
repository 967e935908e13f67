"""The report's files: Markdown (the document), HTML (rendered from it), CSV, JSON, the chart."""

from __future__ import annotations

import csv
import html
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from markdown_it import MarkdownIt

from loadtests.report.chart import chart
from loadtests.report.chart import cost_chart
from loadtests.report.document import headline
from loadtests.report.document import markdown
from loadtests.results.model import Results
from loadtests.results.model import Row
from loadtests.results.model import save

STYLE = """body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
td:nth-child(-n+2),th{text-align:left}img{max-width:100%}"""


def html_page(document: str) -> str:
    """The Markdown document as a page of its own (CommonMark, with tables)."""
    body = MarkdownIt("commonmark").enable("table").render(document)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(document.splitlines()[0].lstrip('# '))}</title>"
        f"<style>{STYLE}</style></head>\n<body>\n{body}</body></html>\n"
    )


def write_csv(rows: Sequence[Row], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        names = [*asdict(rows[0]).keys(), "limited"] if rows else []
        writer = csv.DictWriter(file, fieldnames=names)
        writer.writeheader()
        for row in rows:
            writer.writerow({**asdict(row), "limited": row.limited})


def write_json(report: Results, path: Path) -> None:
    """Everything ``load`` reads back, and for other readers what the report derives: the
    headline, whether the run was disturbed, and each row's flags."""
    rows = [{**asdict(row), "limited": row.limited, "control": row.control} for row in report.rows]
    save(report, path, headline=headline(report), disturbed=bool(report.unsettled), rows=rows)


def write_report(report: Results, folder: Path) -> Path:
    """All the files; returns the Markdown report's path."""
    folder.mkdir(parents=True, exist_ok=True)
    document = markdown(report)
    write_csv(report.rows, folder / "results.csv")
    write_json(report, folder / "results.json")
    chart(report.rows, report.in_process, folder / "chart.png")
    if report.cost.layers:
        cost_chart(report.cost, folder / "cost.png")
    (folder / "report.html").write_text(html_page(document), encoding="utf-8")
    path = folder / "report.md"
    path.write_text(document, encoding="utf-8")
    return path
