"""``python -m devtools.mutation run``: mutmut over core, every adapter folder and the grader.

mutmut reads its folders from ``[tool.mutmut] source_paths`` and knows no
patterns; the adapters are added here as the suite finds them, so a new
``impl_<name>/`` folder is mutated with no edit elsewhere. The grader's modules
that decide what a learner is told are mutated too (not its command line): the
fast tests grade through them in-process, with servers of their own in threads.
``--only core``, ``--only adapters`` or ``--only grader`` mutates one part; any other
arguments are mutmut's own (``results``, ``show NAME``, ``--max-children N``).
"""

from __future__ import annotations

from pathlib import Path

GRADER = Path("conformance_tests/grader")
GRADING = ["cases", "checks", "problems", "diagnosis", "probes", "route_line", "failures",
           "files", "card", "kinds", "http", "oracle", "framework_pages", "results", "run",
           "showing"]  # fmt: skip
"""The grader's modules that decide what a learner is told (its command line is not)."""


def source_paths(root: Path = Path()) -> list[Path]:
    """Core, every adapter folder (found by the convention harness.adapters uses), the grader.

    Nothing of the project may be imported here: mutmut must import core and the
    adapters from its mutated copy, not find them already loaded from the originals.
    """
    adapters = sorted(app.parent for app in root.glob("impl_*/app.py"))
    return [Path("core"), *adapters, *(GRADER / f"{name}.py" for name in GRADING)]


PARTS = {"core": "core", "adapters": "impl_", "grader": str(GRADER)}
"""``--only PART`` mutates one part: core, the adapters, or the grader."""
GRADER_TESTS = [
    f"tests/test_{name}.py"
    for name in (
        "checks",
        "check_anatomy",
        "grading",
        "grade_files",
        "diagnosis",
        "failures",
        "cases",
        "card",
        "http",
        "showing",
    )
]
"""The grader's own tests: its runner when only the grader is mutated (the conformance suite,
which grades the adapters through it, would run for every mutant, to no purpose)."""


def main() -> None:
    import sys

    from mutmut import configuration
    from mutmut.__main__ import cli

    every = source_paths()
    chosen = every
    if "--only" in sys.argv:
        at = sys.argv.index("--only")
        part = PARTS[sys.argv[at + 1]]
        chosen = [path for path in every if str(path).startswith(part)]
        del sys.argv[at : at + 2]
    settings = configuration.config()
    settings.also_copy = [*settings.also_copy, *(path for path in every if path not in chosen)]
    settings.source_paths = chosen
    if chosen and all(str(path).startswith(str(GRADER)) for path in chosen):
        settings.pytest_add_cli_args_test_selection = GRADER_TESTS
    settings.resolved_mutated_source_paths = [
        Path.cwd().resolve() / "mutants" / path for path in settings.source_paths
    ]
    cli()


if __name__ == "__main__":
    main()
