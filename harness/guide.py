"""Build docs/guide.md: each concern's code from every adapter, side by side.

The code is cut from the adapters themselves at their ``# --- Section ---``
markers, so the guide cannot drift from it; the tests check it is current.
Run ``python -m harness.guide`` after changing an adapter, and
``python -m harness.guide --report results/<run>`` to take in a new benchmark.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from harness.adapters import BASELINE
from harness.adapters import ROOT
from harness.adapters import Adapter
from harness.adapters import discover

DOCS = ROOT / "docs"
GUIDE = DOCS / "guide.md"
BENCHMARK = DOCS / "benchmark"
MARKER = re.compile(r"^\s*# --- (?P<title>.+?) ---\s*$")
END = re.compile(r"^\s*return app\s*$")

SECTIONS: dict[str, str] = {
    "The app": """\
Each adapter builds its app in a factory, `create_app(service)`, so tests can
hand it a service that fails on purpose. Here too each adapter evens out the
defaults where its framework differs from the others: Flask would redirect
`/sum//1` to `/sum/1` (`merge_slashes`); Bottle silently drops bytes that are
not UTF-8 from the path, where Werkzeug and Falcon write U+FFFD, so a hook
re-decodes the raw path before routing; Falcon's `{field}` matches an empty
segment, so a converter refuses it, and Falcon leaves `get` lower-case where
the others read GET, so a middleware upper-cases it. Werkzeug and Bottle route
a lower-case `head` as HEAD but drop the body only for an upper-case one, so a
hook writes the method back upper-cased. Raw WSGI has no app object: the app
*is* the function.""",
    "JSON responses": """\
Every adapter copies core's reply (status line, headers, body bytes) into whatever
its framework sends. Flask and Bottle build a response object and return
it; Falcon's responders return nothing and fill in the `resp` they are
given; raw WSGI calls `start_response` and returns the body. Flask adds a
`Content-Type: text/html` even to a body-less 204, so it is removed. Falcon
writes header names in lower case, which HTTP allows (names are
case-insensitive); everything else is byte-identical.""",
    "HEAD and OPTIONS": """\
Flask and Bottle answer HEAD with the GET route and drop the body; Falcon
needs `on_head = on_get`. OPTIONS differs in each framework: Flask answers 200
`text/html` by itself, Bottle answers 405, Falcon 200 with `Allow`. The
contract says 204 with `Allow`, so each adapter lets OPTIONS reach the same
place as any other method: core's `other_method`, which answers 204 to
OPTIONS and 405 to the rest.""",
    "Query parameters": """\
Every framework parses the query string for you and keeps repeated keys:
`request.args.getlist`, `request.query.getall`, `req.get_param_as_list`, and
`urllib.parse.parse_qs` in raw WSGI. All keep blank values and read `+` as a
space. Core gets every value and decides what missing, repeated or empty
means, so the rules live in one place.""",
    "Path parameters": """\
Flask and Bottle write `<name>`, Falcon `{name}` with a converter after the
colon; raw WSGI matches the split path with `match`. A segment never holds
`/`: WSGI servers decode `%2F` before the app sees the path, so `/echo/a%2Fb`
has three segments everywhere, and is a 404.""",
    "Error hooks": """\
Flask and Bottle key hooks by status code (`errorhandler(404)`,
`error(404)`), Falcon by exception class (`add_error_handler(HTTPNotFound,
...)`); raw WSGI has plain branches. Each hook is one line that asks core.
Two defaults need care: Flask re-raises exceptions in debug mode unless
`PROPAGATE_EXCEPTIONS` is off, and Falcon answers an unknown method on a
known route with its own 400, which is sent to the 405 hook instead.""",
    "Serving": """\
Each adapter exposes a module-level WSGI callable, `app`, so any WSGI server
runs it (`gunicorn impl_flask:app`). `python -m impl_<name>` gives every adapter
the same command line (`harness/cli.py`): `--host` (default 127.0.0.1),
`--port`, `--server` (waitress by default; gunicorn, granian; or the
development servers werkzeug and wsgiref), `--workers`, `--threads`.""",
}


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


def _ordered(adapters: Sequence[Adapter]) -> list[Adapter]:
    """Frameworks first, the baseline last."""
    return sorted(adapters, key=lambda a: (a.name == BASELINE, a.name))


def side_by_side(title: str, adapters: Sequence[Adapter]) -> str:
    head = "".join(f"<th><code>{a.package}</code></th>" for a in adapters)
    cells = "".join(
        f'<td valign="top"><pre><code class="language-python">'
        f"{html.escape(adapter_sections(a).get(title, '(nothing)'))}</code></pre></td>"
        for a in adapters
    )
    return f"<table>\n<tr>{head}</tr>\n<tr>{cells}</tr>\n</table>"


def _demoted(markdown: str) -> str:
    """The report's sections become subsections of the guide's."""
    return re.sub(r"^## ", "### ", markdown, flags=re.MULTILINE)


def benchmark_section() -> str:
    report = BENCHMARK / "report.md"
    if not report.exists():
        return "No benchmark report has been taken in yet: run `make benchmark`, then\n" + (
            "`python -m harness.guide --report results/<run>`."
        )
    text = report.read_text(encoding="utf-8")
    tables = re.search(
        r"^Settings: .+?\n\n(.+?)\n\n\*\*How to read", text, re.MULTILINE | re.DOTALL
    )
    command = re.search(r"^Command: `(.+)`$", text, re.MULTILINE)
    settings = re.search(r"^Settings: (.+)$", text, re.MULTILINE)
    return (
        f"Measured with `{command.group(1) if command else 'make benchmark'}`"
        f" ({settings.group(1).rstrip('.') if settings else ''}). The whole report, with"
        f" machine facts and how to read it: [benchmark/report.md](benchmark/report.md).\n\n"
        f"{_demoted(tables.group(1)) if tables else ''}\n\n"
        "![server CPU per request, capacity and in-process cost](benchmark/chart.png)"
    )


FIFTH_FRAMEWORK = """\
Make one folder, `impl_<name>/`, with three files:

- `app.py`: `create_app(service: Service = SERVICE)` and `app = create_app()`,
  with the same `# --- Section ---` markers in the same order; end the factory
  with a plain `return app` line (the guide cuts each section there);
- `__main__.py`: `from harness.cli import main` and `main("impl_<name>")`;
- `__init__.py`: re-export `app` and `create_app`;

and, for the benchmark, `minimal.py`: `create_app()` with your framework's
shortest route to the same answer for `GET /sum/<number1>/<number2>`, so that
`python -m loadtests.alone` measures what your wiring costs over it.

Outside the folder, add the framework to `dependencies` in `pyproject.toml`,
and nothing else. The conformance suite, the Hypothesis and Schemathesis runs,
the benchmark, mypy (`impl_*` in `[tool.mypy]`), mutation testing
(`python -m harness.mutation`), the machine facts of the report and this guide
find adapters by that naming convention (`harness/adapters.py`).

Then:

1. `make test`, or `.venv/bin/pytest --adapter <name>` while you work: the
   agreement tests and the properties always compare your adapter with raw
   WSGI too. Every case that fails is a difference to even out in the adapter,
   never in the suite. An exception in your adapter is answered with the JSON
   500 and its traceback is logged (pass the exception to
   `service.server_error(error)` if your framework does not log it), so the
   failing test shows the cause.
2. If importing the framework raises a `DeprecationWarning`, the suite fails
   (`filterwarnings = error`): silence that one warning where you import it,
   in your `app.py`, inside `warnings.catch_warnings()`. If the framework
   ships no type hints, mypy says so: mark those imports
   `# type: ignore[import-untyped]` in your `app.py`.
3. `python -m harness.guide` adds a column here; after `make benchmark`,
   `python -m harness.guide --report results/<run>` takes in its report.
"""


def render_guide(adapters: Sequence[Adapter] | None = None) -> str:
    ordered = _ordered(adapters if adapters is not None else discover())
    names = ", ".join(a.name for a in ordered)
    toc = "\n".join(
        f"- [{title}](#{title.lower().replace(' ', '-')})"
        for title in [*SECTIONS, "The web client", "Benchmark", "Adding a fifth framework"]
    )
    parts = [
        "# Reading guide: one contract, side by side\n",
        "<!-- Generated by `python -m harness.guide` from the adapters; do not edit. -->\n",
        f"The same service in {names}. Each section shows one concern as each adapter"
        " writes it, cut from its `app.py`, then what differs and why. The contract"
        " itself: [contract/README.md](../contract/README.md).\n",
        toc + "\n",
    ]
    for title, prose in SECTIONS.items():
        parts += [f"## {title}\n", prose + "\n", side_by_side(title, ordered) + "\n"]
    parts += [
        "## The web client\n",
        "`python -m client` serves a small page (plain HTML, CSS and JavaScript) and"
        " every adapter on its own loopback port; the page calls them with `fetch`"
        " from another origin, which the contract's CORS header allows.\n",
        "![the web client](client.png)\n",
        "## Benchmark\n",
        benchmark_section() + "\n",
        "## Adding a fifth framework\n",
        FIFTH_FRAMEWORK,
    ]
    return "\n".join(parts)


def take_in_report(folder: Path) -> None:
    """Copy a benchmark run's report and chart into docs/benchmark/."""
    BENCHMARK.mkdir(parents=True, exist_ok=True)
    for name in ("report.md", "chart.png"):
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
    text = render_guide()
    if args.check:
        current = GUIDE.read_text(encoding="utf-8") if GUIDE.exists() else ""
        if current != text:
            print("docs/guide.md is stale: run python -m harness.guide", file=sys.stderr)
            return 1
        return 0
    GUIDE.write_text(text, encoding="utf-8")
    print(f"wrote {GUIDE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
