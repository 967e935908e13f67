"""The guide's figures, quoted from the committed benchmark report (docs/benchmark/report.md)
and never retyped; and the sync/async part, whose figures they are."""

from __future__ import annotations

import difflib
import re
import textwrap
from collections.abc import Sequence

from harness import guide_text as text
from harness.adapters import ROOT
from harness.guide_code import WIDTH
from harness.guide_code import block
from harness.guide_code import sections_of
from harness.guide_code import without_docstring
from loadtests.report.tables import table

BENCHMARK = ROOT / "docs" / "benchmark"
TAKE_IN = "`make benchmark`, then `python -m harness.guide --report results/<run>`"


def benchmark_section() -> str:
    """The committed report's figures, as the README quotes them: taken in, not retyped."""
    report = BENCHMARK / "report.md"
    if not report.exists():
        return f"No benchmark report has been taken in yet: run {TAKE_IN}."
    found = report.read_text(encoding="utf-8")
    command = re.search(r"^Command: `(.+)`$", found, re.MULTILINE)
    cost = re.search(r"^## Where the cost goes\n\n(.+?)\n\n\*Instructions", found, re.DOTALL | re.M)
    said = f"Measured with\n`{command.group(1)}`" if command else "Measured"
    parts = [f"{said};\nthe whole report: [benchmark/report.md](benchmark/report.md)."]
    if cost:
        counted = re.sub(r"\n\nThe busiest functions.+?\n\n(?=Memory)", "\n\n", cost.group(1),
                         flags=re.DOTALL).split("\n\nEach server's resident memory")[0]  # fmt: skip
        keep = ["adapter", "instructions per request", "beside", "ratio",
                "in-process time ratio [95%]"]  # fmt: skip
        counted = "\n\n".join(
            columns(part, keep) if part.startswith("| adapter | instructions per request |")
            else part
            for part in counted.split("\n\n")
        )  # fmt: skip
        parts.append(counted.replace("](cost.png)", "](benchmark/cost.png)"))
    return "\n\n".join(parts)


def columns(markdown: str, keep: Sequence[str]) -> str:
    """A Markdown table with only the named columns, in their order: narrow enough to read."""
    header, _, *rows = [[cell.strip() for cell in line.strip("|").split("|")]
                        for line in markdown.splitlines()]  # fmt: skip
    at = [header.index(name) for name in keep]
    return table(keep, [[row[i] for i in at] for row in rows])


def _report_section(pattern: str) -> str | None:
    """A part of the committed benchmark report, or None if it has none."""
    report = BENCHMARK / "report.md"
    if not report.exists():
        return None
    found = re.search(pattern, report.read_text(encoding="utf-8"), re.DOTALL | re.MULTILINE)
    return found.group(1).strip() if found else None


def async_part() -> str:
    """Falcon's two adapters diffed, what async changes, FastAPI, and what the run measured."""
    sync, asynchronous = (ROOT / name / "app.py" for name in ("impl_falcon", "impl_falcon_asgi"))
    change = difflib.unified_diff(
        without_docstring(sync.read_text(encoding="utf-8")).splitlines(),
        without_docstring(asynchronous.read_text(encoding="utf-8")).splitlines(),
        "impl_falcon/app.py", "impl_falcon_asgi/app.py", lineterm="", n=0,
    )  # fmt: skip
    fastapi = sections_of((ROOT / "impl_fastapi" / "app.py").read_text(encoding="utf-8"))
    minimal = ROOT / "impl_fastapi" / "minimal.py"
    parts = [text.SYNC_ASYNC, block("\n".join(change), "diff"), text.ASYNC_DEF,
             block(without_docstring(minimal.read_text(encoding="utf-8"))),
             block(fastapi["The app"] + "\n\n" + fastapi["Error hooks"])]  # fmt: skip
    twins = _report_section(r"^(Async beside sync.+?)\n\nWhat each")
    waiting = _report_section(r"^## When async pays[^\n]*\n\n[^\n]+\n\n(\|.+?)\n\n(.+?)\n\nA sync")
    served = _report_section(r"^## When async pays.+?\n\n(- .+?)\n\nA sync server")
    if twins and waiting and served:
        narrow = columns(waiting, ["setup", "req/s [95%]", "p50 ms", "share of a core"])
        parts += ["### Measured", twins,
                  textwrap.fill("When every request first waits 50 ms, 64 users sending back to "
                                "back (the whole table: [the report](benchmark/report.md#when-"
                                "async-pays-every-request-waits-50-ms-first)):", WIDTH), narrow,
                  "\n".join(textwrap.fill(line, WIDTH, subsequent_indent="  ")
                            for line in served.splitlines())]  # fmt: skip
    else:
        parts.append(textwrap.fill(
            f"Measured figures come with the next benchmark report taken in ({TAKE_IN}).", WIDTH
        ))  # fmt: skip
    return "\n\n".join(parts)
