"""Build docs/guide.md: the path from the course's own Flask steps to the four adapters.

Every piece of code in the guide is cut from the files themselves (the course's
steps, each framework's ``minimal.py``, core, the adapters' ``# --- Section ---``
markers), and each step's scorecard is the grader's, run on the step's app; so
the guide cannot drift from the code, and a test fails when it is stale. Run
``python -m harness.guide`` after changing any of them, and ``--report results/<run>``
to take in a new benchmark report. Hand-written prose is in ``harness/guide_text.py``.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import difflib
import importlib.util
import io
import re
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from harness import guide_text as text
from harness.adapters import BASELINE
from harness.adapters import ROOT
from harness.adapters import Adapter
from harness.adapters import discover
from harness.adapters import of_interface
from loadtests.report.tables import table

DOCS = ROOT / "docs"
GUIDE = DOCS / "guide.md"
BENCHMARK = DOCS / "benchmark"
COURSE = ROOT / "course"
MARKER = re.compile(r"^\s*# --- (?P<title>.+?) ---\s*$")
END = re.compile(r"^\s*return app\s*$")
WIDTH = 100
"""No line of the guide is wider: it reads in a terminal as on a forge."""
SEED = 7
URL = "http://127.0.0.1:5000"


def sections_of(source: str) -> dict[str, str]:
    """The code under each ``# --- Title ---`` marker, up to the next one (dedented)."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in source.splitlines():
        marker = MARKER.match(line)
        if marker:
            current = found.setdefault(marker.group("title"), [])
        elif END.match(line):
            current = None
        elif current is not None:
            current.append(line)
    return {title: textwrap.dedent("\n".join(lines)).strip() for title, lines in found.items()}


def adapter_sections(adapter: Adapter) -> dict[str, str]:
    return sections_of((ROOT / adapter.package / "app.py").read_text(encoding="utf-8"))


def ordered(adapters: Sequence[Adapter]) -> list[Adapter]:
    """Flask first (the course's framework), then the others, raw WSGI last."""
    return sorted(adapters, key=lambda a: (a.name != "flask", a.name == BASELINE, a.name))


def block(code: str, language: str = "python") -> str:
    return f"```{language}\n{code.rstrip()}\n```"


def without_docstring(source: str) -> str:
    """A module's code from its first import on: its docstring is the guide's prose."""
    tree = ast.parse(source)
    first = tree.body[1] if ast.get_docstring(tree) else tree.body[0]
    return "\n".join(source.splitlines()[first.lineno - 1 :])


def docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""


def steps() -> list[Path]:
    return sorted(COURSE.glob("step*.py"))


def load_app(path: Path) -> Any:
    """A course step's ``app``, imported from its file as ``flask --app FILE`` does."""
    spec = importlib.util.spec_from_file_location(f"course_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.app


def scorecard_head(path: Path) -> list[str]:
    """The top of the grader's card for a step (score, grade, its routes), graded in-process
    with the seed the tests use; the tests check that a running step gets the same grade."""
    from conformance_tests.grader.card import ROUTES_HEADING
    from conformance_tests.grader.card import render
    from conformance_tests.grader.generated import every_case
    from conformance_tests.grader.report import examine
    from conformance_tests.in_process import sender

    with contextlib.redirect_stderr(io.StringIO()):  # Flask logs each crash's traceback
        report = examine(sender(load_app(path)), every_case(SEED, over_http=True))
    lines = render(report.grading, report.routes, URL, "").splitlines()
    start = lines.index(ROUTES_HEADING)
    return lines[:2] + lines[start : lines.index("", start)]


def course_part() -> str:
    parts = [text.COURSE_INTRO]
    previous: list[str] | None = None
    for path in steps():
        source = path.read_text(encoding="utf-8")
        title, _, rest = docstring(path).partition("\n\n")
        parts.append(f"### {title}")
        told = [p for p in rest.split("\n\n") if not p.startswith(("Run:", "Try:"))]
        parts += [textwrap.fill(" ".join(p.split()), WIDTH) for p in told]
        code = without_docstring(source).splitlines()
        if previous is None:
            parts.append(block("\n".join(code)))
        else:
            change = difflib.unified_diff(previous, code, lineterm="", n=1)
            parts.append(block("\n".join(list(change)[2:]), "diff"))
        run = f"python course/{path.name}\npython -m conformance_tests {URL} --seed 7"
        parts += ["Run it, and grade it:", block(run, "sh"), "The top of its scorecard:",
                  block("\n".join(scorecard_head(path)), "text")]  # fmt: skip
        previous = code
    parts.append(text.COURSE_END)
    return "\n\n".join(parts)


def minimal_part(adapters: Sequence[Adapter]) -> str:
    parts = [text.MINIMAL_INTRO]
    for adapter in adapters:
        path = ROOT / adapter.package / "minimal.py"
        if path.exists():
            parts += [f"**{adapter.package}/minimal.py**",
                      block(without_docstring(path.read_text(encoding="utf-8")))]  # fmt: skip
    parts.append(text.MINIMAL_END)
    return "\n\n".join(parts)


def function_source(path: Path, name: str) -> str:
    """One top-level function, or one method (``Class.method``), as written."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    owner, _, method = name.rpartition(".")
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == owner:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == method:
                    return textwrap.dedent(ast.get_source_segment(source, item, padded=True) or "")
        if not owner and isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.get_source_segment(source, node) or ""
    raise ValueError(f"no {name} in {path}")


def core_part() -> str:
    return "\n\n".join([
        text.CORE_INTRO,
        block(function_source(ROOT / "core" / "addends.py", "parse_addend")),
        text.CORE_SERVICE,
        block(function_source(ROOT / "core" / "service.py", "Service.sum_path")),
        text.CORE_REPLY,
    ])  # fmt: skip


def adapters_part(adapters: Sequence[Adapter]) -> str:
    parts = [text.ADAPTERS_INTRO]
    for title, prose in text.CONCERNS.items():
        parts += [f"### {title}", prose]
        for adapter in adapters:
            code = adapter_sections(adapter).get(title, "")
            parts += [f"**{adapter.package}**", block(code) if code else "(nothing)"]
    return "\n\n".join(parts)


def benchmark_section() -> str:
    """The committed report's figures, as the README quotes them: taken in, not retyped."""
    report = BENCHMARK / "report.md"
    if not report.exists():
        return "No benchmark report has been taken in yet: run `make benchmark`, then " + (
            "`python -m harness.guide --report results/<run>`."
        )
    found = report.read_text(encoding="utf-8")
    command = re.search(r"^Command: `(.+)`$", found, re.MULTILINE)
    cost = re.search(r"^## Where the cost goes\n\n(.+?)\n\n\*Instructions", found, re.DOTALL | re.M)
    said = f"Measured with\n`{command.group(1)}`" if command else "Measured"
    parts = [f"{said};\nthe whole report: [benchmark/report.md](benchmark/report.md)."]
    if cost:
        counted = re.sub(r"\n\nThe busiest functions.+?\n\n(?=Memory)", "\n\n", cost.group(1),
                         flags=re.DOTALL).split("\n\nEach server's resident memory")[0]  # fmt: skip
        counted = "\n\n".join(
            columns(
                part,
                [
                    "adapter",
                    "instructions per request",
                    "beside",
                    "ratio",
                    "in-process time ratio [95%]",
                ],
            )  # fmt: skip
            if part.startswith("| adapter | instructions per request |")
            else part
            for part in counted.split("\n\n")
        )
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
        parts.append(
            textwrap.fill(
                "Measured figures come with the next benchmark report taken in (`make "
                "benchmark`, then `python -m harness.guide --report results/<run>`).",
                WIDTH,
            )
        )
    return "\n\n".join(parts)


def render_guide(adapters: Sequence[Adapter] | None = None) -> str:
    """The course's path through the WSGI adapters, then sync and async."""
    chosen = ordered(adapters if adapters is not None else of_interface(discover(), "wsgi"))
    parts = [
        text.HEAD,
        course_part(),
        minimal_part(chosen),
        core_part(),
        adapters_part(chosen),
        async_part(),
        text.GLOSSARY,
        text.QUESTIONS_INTRO,
        text.WHY_COST,
        benchmark_section(),
        text.ASYNC,
        text.ADD_ENDPOINT,
        text.WHICH,
        text.FIFTH_FRAMEWORK,
    ]
    return "\n\n".join(part.strip() for part in parts) + "\n"


def take_in_report(folder: Path) -> None:
    """Copy a benchmark run's report and charts into docs/benchmark/."""
    BENCHMARK.mkdir(parents=True, exist_ok=True)
    for name in ("report.md", "chart.png", "cost.png"):
        source = folder / name
        if not source.exists():
            raise SystemExit(f"{source} does not exist: is {folder} a benchmark run folder?")
        shutil.copyfile(source, BENCHMARK / name)


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m harness.guide", description=__doc__)
    cli.add_argument("--report", type=Path, help="a benchmark run folder to take in first")
    cli.add_argument("--check", action="store_true", help="exit 1 if docs/guide.md is stale")
    args = cli.parse_args(argv)
    if args.report:
        take_in_report(args.report)
    rendered = render_guide()
    if args.check:
        current = GUIDE.read_text(encoding="utf-8") if GUIDE.exists() else ""
        if current != rendered:
            print("docs/guide.md is stale: run python -m harness.guide", file=sys.stderr)
            return 1
        return 0
    GUIDE.write_text(rendered, encoding="utf-8")
    print(f"wrote {GUIDE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
