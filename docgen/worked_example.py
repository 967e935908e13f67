"""The guide's worked example, ``GET /reverse/{text}``, kept as a patch that must still apply.

The patch is applied to a copy of the project a few files at a time, and after each step
every adapter is graded in-process in a fresh interpreter, so the guide quotes what the
suite says at that step, and a test proves the guide still tells the truth.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from textwrap import fill

from harness.adapters import ROOT

WIDTH = 92
PATCH = ROOT / "docs" / "examples" / "reverse.patch"
IGNORED = (".git", ".venv", "mutants", "results", "build", "node_modules", "*.egg-info")
IGNORED_CACHES = ("__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis")


@dataclass(frozen=True)
class Step:
    """Some of the patch's files, applied together, and why in that order."""

    title: str
    files: tuple[str, ...]
    why: str
    skipped: tuple[str, ...] = ()
    """Files the patterns in ``files`` match that an earlier step took."""


STEPS = (
    Step(
        "Write the cases",
        ("conformance_tests/cases/*",),
        "The contract changes first: a new case file, and the new route's lines among the "
        "routing and method cases. Every adapter now fails them.",
    ),
    Step(
        "Add the route to core and to one adapter",
        ("core/*", "impl_flask/*"),
        "One row in the route table, one method on the service, one route line in Flask. "
        "Flask passes again; the others still fail the same cases.",
    ),
    Step(
        "Add the route to the other adapters",
        ("impl_*",),
        "Each adapter's route line calls the same method, in the sync adapters as in the "
        "async ones. Every adapter passes.",
        skipped=("impl_flask/*",),
    ),
    Step(
        "Tell the documents and the grader's model",
        ("contract/*", "conformance_tests/grader/*"),
        "The contract's README and OpenAPI document gain the route, and the grader's oracle "
        "(the model that property tests compare against, written apart from core) learns it.",
    ),
)

GRADE_EVERY_ADAPTER = """
import json
from conformance_tests.grader.cases import CASES, with_head_twins
from conformance_tests.grader.run import grade
from devtools.in_process import sender
from harness.adapters import discover

cases = with_head_twins(CASES)
print(json.dumps({
    adapter.name: [
        [result.case.name, result.answer.status if result.answer else None]
        for result in grade(sender(adapter.create_app()), cases)
        if result.problems
    ]
    for adapter in discover()
}))
"""


def copy_project(target: Path, source: Path = ROOT) -> Path:
    """The project's sources, without environments, caches or results."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*IGNORED, *IGNORED_CACHES))
    return target


def apply(root: Path, step: Step, patch: Path = PATCH) -> None:
    """Apply the patch's hunks for this step's files; fails loudly if they no longer apply."""
    chosen = [f"--exclude={pattern}" for pattern in step.skipped]  # git: the first match rules
    chosen += [f"--include={pattern}" for pattern in step.files]
    subprocess.run(["git", "apply", *chosen, str(patch)], cwd=root, check=True, capture_output=True)


def failing(root: Path) -> dict[str, dict[str, int | None]]:
    """Each adapter's failing cases (GET and their HEAD twins too), each with the status it got,
    graded in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", GRADE_EVERY_ADAPTER],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    )
    found: dict[str, list[tuple[str, int | None]]] = json.loads(done.stdout)
    return {name: dict(cases) for name, cases in found.items()}


def walk(root: Path, steps: Sequence[Step] = STEPS) -> list[dict[str, dict[str, int | None]]]:
    """The failing cases before the patch and after each step."""
    seen = [failing(root)]
    for step in steps:
        apply(root, step)
        seen.append(failing(root))
    return seen


def hunks(step: Step, patch: Path = PATCH) -> str:
    """The part of the patch that this step applies, as the guide shows it."""
    parts = patch.read_text(encoding="utf-8").split("diff --git ")
    chosen = [
        part
        for part in parts[1:]
        if _matches(part.split("\n", 1)[0], step.files)
        and not _matches(part.split("\n", 1)[0], step.skipped)
    ]
    return "".join("diff --git " + part for part in chosen)


def _matches(header: str, patterns: Sequence[str]) -> bool:
    path = header.split(" b/", 1)[1]
    return any(fnmatch(path, pattern) for pattern in patterns)  # as git apply matches


EXAMPLE_PAGE = ROOT / "docs" / "add-an-endpoint.md"

PAGE_HEAD = """\
# Adding an endpoint: `GET /reverse/{text}`, step by step

<!-- Generated by `python -m docgen.pages` from docs/examples/reverse.patch; do not edit. -->

The route answers `{"reverse":"olleh"}` for `/reverse/hello`: the decoded segment,
backwards, by characters. The whole change is one patch, `docs/examples/reverse.patch`
(`git apply docs/examples/reverse.patch` makes it in your copy). Here it is in the order to
make it: the contract first, then the code, adapter by adapter. After each step, the
sentence in bold is what the suite says; `tests/test_add_endpoint.py` applies the same steps
to a copy of the project and checks that it still says so.

Each adapter's 405 and OPTIONS answers read core's route table, so a new route's `Allow`
header needs no code of its own; a new case file is picked up by the suite, the grader and
its card (as a route of its own, after the contract's eight)."""

SAYS = (
    "Every adapter fails `reverse-ok`, `reverse-unicode` (and their HEAD twins), "
    "`methods-options-reverse` and `methods-post-reverse`, answering 404.",
    "Flask passes every case; every other adapter still fails the same six.",
    "Every adapter passes every case.",
    "The contract documents' tests and the oracle's test pass again (they failed from step 1: "
    "the cases' answers had no schema in the OpenAPI document, and the oracle answered 404).",
)


def example_page() -> str:
    parts = [PAGE_HEAD]
    for number, (step, says) in enumerate(zip(STEPS, SAYS, strict=True), 1):
        parts += [f"## {number}. {step.title}", fill(step.why, WIDTH), fill(f"**{says}**", WIDTH)]
        parts.append("```diff\n" + hunks(step).rstrip("\n") + "\n```")
    return "\n\n".join(parts) + "\n"
