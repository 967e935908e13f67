"""``python -m harness.mutation run``: mutmut over core and every adapter folder.

mutmut reads its folders from ``[tool.mutmut] source_paths`` and knows no
patterns; the adapters are added here as the suite finds them, so a new
``impl_<name>/`` folder is mutated with no edit elsewhere. Any other arguments
are mutmut's own (``results``, ``show NAME``, ``--max-children N``).
"""

from __future__ import annotations

from pathlib import Path


def source_paths(root: Path = Path()) -> list[Path]:
    """Core, then every adapter folder, found by the convention harness.adapters uses.

    Nothing of the project may be imported here: mutmut must import core and the
    adapters from its mutated copy, not find them already loaded from the originals.
    """
    return [Path("core"), *sorted(app.parent for app in root.glob("impl_*/app.py"))]


def main() -> None:
    from mutmut import configuration
    from mutmut.__main__ import cli

    settings = configuration.config()
    settings.source_paths = source_paths()
    settings.resolved_mutated_source_paths = [
        Path.cwd().resolve() / "mutants" / path for path in settings.source_paths
    ]
    cli()


if __name__ == "__main__":
    main()
