"""Build the guide: docs/guide.md (its index and words) and its six parts, docs/guide-N-*.md,
the path from the course's own Flask steps to the adapters.

Every piece of code in the guide is cut from the files themselves (the course's
steps, each framework's ``minimal.py``, core, the adapters' ``# --- Section ---``
markers), and each step's scorecard is the grader's, run on the step's app; so
the guide cannot drift from the code, and a test fails when it is stale. Run
``python -m docgen.guide`` after changing any of them, and ``--report results/<run>``
to take in a new benchmark report. Hand-written prose is in ``docgen/guide_text.py``,
the words each part defines in ``docgen/guide_words.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import importlib.util
import io
import shutil
import sys
import textwrap
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen import guide_text as text
from docgen.guide_code import WIDTH
from docgen.guide_code import adapter_sections
from docgen.guide_code import block
from docgen.guide_code import docstring
from docgen.guide_code import function_source
from docgen.guide_code import without_docstring
from docgen.guide_measured import BENCHMARK
from docgen.guide_measured import async_part
from docgen.guide_measured import benchmark_section
from docgen.guide_words import first_used
from docgen.guide_words import glossary
from docgen.guide_words import new_words
from harness.adapters import BASELINE
from harness.adapters import ROOT
from harness.adapters import Adapter
from harness.adapters import discover
from harness.adapters import of_interface

DOCS = ROOT / "docs"
COURSE = ROOT / "course"
LEVEL_1_STEPS = 5
"""The course's steps to level 1 are part 1; the rest, levels 2 and 3, part 2."""
SEED = 7
URL = "http://127.0.0.1:5000"


def ordered(adapters: Sequence[Adapter]) -> list[Adapter]:
    """Flask first (the course's framework), then the others, raw WSGI last."""
    return sorted(adapters, key=lambda a: (a.name != "flask", a.name == BASELINE, a.name))


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
    from conformance_tests.grader.examine import examine
    from conformance_tests.grader.generated import every_case
    from devtools.in_process import sender

    with contextlib.redirect_stderr(io.StringIO()):  # Flask logs each crash's traceback
        report = examine(sender(load_app(path)), every_case(SEED, over_http=True))
    lines = render(report.grading, report.routes, URL, "").splitlines()
    start = lines.index(ROUTES_HEADING)
    return lines[:2] + lines[start : lines.index("", start)]


def course_steps(first: int, last: int | None = None) -> list[str]:
    """The course's steps from first+1 (to last, or to the end), each: why, its code (the first
    whole, then a diff from the step before), how to run and grade it, and the top of its card."""
    every = steps()
    parts: list[str] = []
    for at, path in enumerate(every[first:last], start=first):
        title, _, rest = docstring(path).partition("\n\n")
        parts.append(f"## {title}")
        told = [p for p in rest.split("\n\n") if not p.startswith(("Run:", "Try:"))]
        parts += [textwrap.fill(" ".join(p.split()), WIDTH) for p in told]
        code = without_docstring(path.read_text(encoding="utf-8")).splitlines()
        if at == 0:
            parts.append(block("\n".join(code)))
        else:
            previous = without_docstring(every[at - 1].read_text(encoding="utf-8"))
            change = difflib.unified_diff(previous.splitlines(), code, lineterm="", n=1)
            parts.append(block("\n".join(list(change)[2:]), "diff"))
        run = f"python course/{path.name}\npython -m conformance_tests {URL} --seed {SEED}"
        parts += ["Run it, and grade it:", block(run, "sh"), "The top of its scorecard:",
                  block("\n".join(scorecard_head(path)), "text")]  # fmt: skip
    return parts


def course_part() -> str:
    return "\n\n".join([text.COURSE_INTRO, *course_steps(0, LEVEL_1_STEPS), text.COURSE_LEVEL_1])


def levels_part() -> str:
    return "\n\n".join([text.LEVELS_INTRO, *course_steps(LEVEL_1_STEPS), text.COURSE_END])


def minimal_part(adapters: Sequence[Adapter]) -> str:
    parts = [text.MINIMAL_INTRO]
    for adapter in adapters:
        path = ROOT / adapter.package / "minimal.py"
        if path.exists():
            parts += [f"**{adapter.package}/minimal.py**",
                      block(without_docstring(path.read_text(encoding="utf-8")))]  # fmt: skip
    parts.append(text.MINIMAL_END)
    return "\n\n".join(parts)


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
        parts += [f"## {title}", prose]
        for adapter in adapters:
            code = adapter_sections(adapter).get(title, "")
            parts += [f"**{adapter.package}**", block(code) if code else "(nothing)"]
    return "\n\n".join(parts)


def questions_part() -> str:
    parts = [async_part(), text.QUESTIONS_INTRO, text.WHY_COST, benchmark_section(), text.ASYNC,
             text.ADD_ENDPOINT, text.WHICH, text.FIFTH_FRAMEWORK]  # fmt: skip
    return "\n\n".join(part.strip() for part in parts)


@dataclass(frozen=True)
class Part:
    """One page of the guide: read at one sitting, in its place on the path."""

    key: str
    """Its key in guide_text.ASSUMES, and its file's name: docs/guide-N-KEY.md."""
    title: str
    body: Callable[[Sequence[Adapter]], str]


PARTS = (
    Part("course", "The course, to level 1", lambda _: course_part()),
    Part("levels", "The course continued: levels 2 and 3", lambda _: levels_part()),
    Part("shortest", "Each framework's shortest route", minimal_part),
    Part("core", "Core: what the adapters share", lambda _: core_part()),
    Part("adapters", "The adapters, concern by concern", adapters_part),
    Part("questions", "Sync and async, and the questions learners ask", lambda _: questions_part()),
)


def assumes(number: int) -> str:
    return text.ASSUMES[PARTS[number - 1].key]


def file_name(number: int) -> str:
    return f"guide-{number}-{PARTS[number - 1].key}.md"


def link(number: int) -> str:
    return f"[Part {number}: {PARTS[number - 1].title}]({file_name(number)})"


def render_pages(adapters: Sequence[Adapter] | None = None) -> dict[str, str]:
    """Every page of the guide by its file name in docs/: the index first, then the parts."""
    chosen = ordered(adapters if adapters is not None else of_interface(discover(), "wsgi"))
    bodies = [part.body(chosen).strip() for part in PARTS]
    pages: dict[str, str] = {}
    for number, (body, words) in enumerate(zip(bodies, first_used(bodies), strict=True), 1):
        after = link(number + 1) if number < len(PARTS) else "[the guide's index](guide.md)"
        opening = f"[The guide](guide.md), part {number}. **Assumes** {assumes(number)}"
        head = [
            f"# Part {number} of {len(PARTS)}: {PARTS[number - 1].title}",
            "<!-- Generated by `python -m docgen.guide` from the code it shows; do not edit. -->",
            textwrap.fill(opening, WIDTH),
            new_words(words),
        ]
        pages[file_name(number)] = "\n\n".join([*head, body, f"Next: {after}."]) + "\n"
    contents = [
        textwrap.fill(f"{number}. {link(number)}, {len(page.splitlines())} lines. Assumes "
                      f"{assumes(number)}", WIDTH, subsequent_indent="   ")
        for number, page in enumerate(pages.values(), 1)
    ]  # fmt: skip
    index = "\n\n".join([text.INDEX, "\n".join(contents), glossary()]) + "\n"
    return {"guide.md": index, **pages}


def take_in_report(folder: Path) -> None:
    """Copy a benchmark run's results, report and charts into docs/benchmark/: the guide is
    rendered from its results.json."""
    BENCHMARK.mkdir(parents=True, exist_ok=True)
    for name in ("results.json", "report.md", "chart.png", "cost.png"):
        source = folder / name
        if not source.exists():
            raise SystemExit(f"{source} does not exist: is {folder} a benchmark run folder?")
        shutil.copyfile(source, BENCHMARK / name)


def stale(pages: dict[str, str]) -> list[str]:
    """The guide's pages whose file differs from what the code makes, and old parts' files."""
    old = {path.name for path in DOCS.glob("guide-*.md")} - set(pages)
    changed = [name for name, page in pages.items() if not (DOCS / name).exists()
               or (DOCS / name).read_text(encoding="utf-8") != page]  # fmt: skip
    return sorted(changed + list(old))


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m docgen.guide", description=__doc__)
    cli.add_argument("--report", type=Path, help="a benchmark run folder to take in first")
    cli.add_argument("--check", action="store_true", help="exit 1 if the guide is stale")
    args = cli.parse_args(argv)
    if args.report:
        take_in_report(args.report)
    pages = render_pages()
    if args.check:
        if found := stale(pages):
            print(f"stale: {', '.join(found)}: run python -m docgen.guide", file=sys.stderr)
            return 1
        return 0
    for name in stale(pages):
        if name in pages:
            (DOCS / name).write_text(pages[name], encoding="utf-8")
            print(f"wrote docs/{name}")
        else:
            (DOCS / name).unlink()
            print(f"removed docs/{name}, no longer a part")
    return 0


if __name__ == "__main__":
    sys.exit(main())
