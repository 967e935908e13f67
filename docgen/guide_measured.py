"""The guide's figures, rendered from the committed benchmark results
(docs/benchmark/results.json) by the report's own tables, never retyped or read back from
the report's text; and the sync/async part, whose figures they are."""

from __future__ import annotations

import difflib
import textwrap

from docgen import guide_text as text
from docgen.guide_code import WIDTH
from docgen.guide_code import block
from docgen.guide_code import sections_of
from docgen.guide_code import without_docstring
from harness.adapters import ROOT
from loadtests.report.async_pays import served_lines
from loadtests.report.async_pays import waiting_table
from loadtests.report.costs import instructions_table
from loadtests.report.costs import layers_table
from loadtests.report.costs import memory_table
from loadtests.report.document import twins_part
from loadtests.results.model import Results
from loadtests.results.model import load

BENCHMARK = ROOT / "docs" / "benchmark"
RESULTS = BENCHMARK / "results.json"
TAKE_IN = "`make benchmark`, then `python -m docgen.guide --report results/<run>`"
NARROW_COST = ["adapter", "instructions per request", "beside", "ratio"]
NARROW_WAITING = ["setup", "req/s [95%]", "p50 ms", "share of a core"]


def taken_in() -> Results | None:
    """The committed run's results, or None before any run has been taken in."""
    return load(RESULTS) if RESULTS.exists() else None


def benchmark_section() -> str:
    """Where the cost goes, as the report says it, in the guide's narrower tables."""
    results = taken_in()
    if results is None:
        return f"No benchmark report has been taken in yet: run {TAKE_IN}."
    view = results.cost
    parts = [f"Measured with\n`{results.command}`;\n"
             "the whole report: [benchmark/report.md](benchmark/report.md)."]  # fmt: skip
    if view.instructions:
        times = ["in-process time ratio [95%]"] if results.in_process else []
        beside = ", beside the in-process time ratios of the same run" if times else ""
        parts += [f"Instructions per request, counted by valgrind{beside}:",
                  instructions_table(view, results.in_process, [*NARROW_COST, *times])]  # fmt: skip
    if view.note:
        parts.append(f"- {view.note}")
    if view.layers:
        parts += ["Python bytecodes per request, by layer (![by layer](benchmark/cost.png)):",
                  layers_table(view)]  # fmt: skip
    if view.memory:
        parts += ["Memory per request, in-process:", memory_table(view)]
    return "\n\n".join(parts)


def _measured(results: Results) -> list[str]:
    """The twins and the waiting scenario, or [] when the run measured neither."""
    if not (results.twins and results.waited):
        return []
    anchor = f"when-async-pays-every-request-waits-{results.wait_ms:g}-ms-first"
    said = (f"When every request first waits {results.wait_ms:g} ms, {results.wait_users} "
            f"users sending back to back (the whole table: [the report](benchmark/report.md#"
            f"{anchor})):")  # fmt: skip
    served = "\n".join(textwrap.fill(line, WIDTH, subsequent_indent="  ")
                       for line in served_lines(results.waited))  # fmt: skip
    return ["### Measured", twins_part(results).strip(), textwrap.fill(said, WIDTH),
            waiting_table(results.waited, results.wait_ms, NARROW_WAITING), served]  # fmt: skip


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
    results = taken_in()
    measured = _measured(results) if results else []
    if measured:
        parts += measured
    else:
        parts.append(textwrap.fill(
            f"Measured figures come with the next benchmark report taken in ({TAKE_IN}).", WIDTH
        ))  # fmt: skip
    return "\n\n".join(parts)
