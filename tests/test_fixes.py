"""The card alone carries a beginner up a level: apply the fixes it names, grade again.

Apps that keep every default of their framework (tests/learners/*_defaults.py) are
served as their authors serve them. Each round grades the app, checks that every
problem blocking level 1 has a cause and that the card shows its fix in the app's own
framework, applies those fixes (the code the card shows, pasted where it says), and
grades again, until level 1 (and for Flask, level 2): Flask, FastAPI, Bottle and Express
(the real one, from npm: `make test` installs tests/learners/express_defaults' lock file).
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conformance_tests.grader.fixes import FIXES
from tests.test_grader import BIN
from tests.test_grader import LEARNERS
from tests.test_grader import SEED
from tests.test_grader import learner_server
from tests.test_grader import run_cli

pytestmark = pytest.mark.live

Applier = Callable[[str, str], str]
"""Applies one fix, as the card words it, to an app's source."""
REPEATED = '"Repeated addend: give number1 and number2 once each", 400'


def _insert_after(source: str, line_start: str, code: str) -> str:
    """After the line that starts so; "app = FastAPI()" is also "app = FastAPI(docs_url=…)"."""
    lines = source.splitlines(keepends=True)
    start = line_start.partition("(")[0] + "(" if line_start.endswith(")") else line_start
    at = next(i for i, line in enumerate(lines) if line.startswith(start)) + 1
    return "".join(lines[:at]) + code + "\n" + "".join(lines[at:])


def after_the_app_line(source: str, fix: str) -> str:
    """ "right after app = Flask(__name__), add app.url_map.merge_slashes = False", or "add,
    right after app = Flask(__name__):" and the code, as it is shown"""
    words, _, code = fix.partition("\n")
    found = re.search(r"right after (.+?), add (.+?)(?= \(|$)", words)
    if found:
        return _insert_after(source, found[1], found[2])
    found = re.search(r"right after (.+?):$", words)
    assert found and code, fix
    return _insert_after(source, found[1], "\n" + textwrap.dedent(code) + "\n")


def allow_on_405(source: str, fix: str) -> str:
    """ "in your @app.errorhandler(405), return body, 405, {"Allow": …}": the handler the
    error-page fix added"""
    found = re.search(r"return body, 405, (\{.+\})", fix)
    assert found, fix
    old = '"Method not allowed", "status": 405}, 405\n'
    return source.replace(old, f"{old[:-1]}, {found[1]}\n")


def after_the_routes(source: str, fix: str) -> str:
    """ "add, after your routes, just before app.listen:" and the code, as it is shown"""
    words, code = fix.split("\n", 1)
    assert words.endswith("just before app.listen:"), fix
    listen = re.search(r"^(app\.listen|require\(\"http\"\))", source, re.MULTILINE)
    assert listen, "no app.listen in the app"
    return source[: listen.start()] + code + "\n\n" + source[listen.start() :]


def app_arguments(source: str, fix: str) -> str:
    """ "create the app as app = FastAPI(redirect_slashes=False)": merged with those given"""
    wanted = re.search(r"app = FastAPI\(([^)]*)\)", fix)
    given = re.search(r"^app = FastAPI\(([^)]*)\)$", source, re.MULTILINE)
    assert wanted and given, fix
    arguments = ", ".join(part for part in (given[1], wanted[1]) if part)
    return source.replace(given[0], f"app = FastAPI({arguments})")


def before_the_routes(source: str, fix: str) -> str:
    """ "add, before your routes:" and the code, as it is shown"""
    words, code = fix.split("\n", 1)
    assert words.endswith("before your routes:"), fix
    route = re.search(r"\n@?app\.get\(", source)  # FastAPI's @app.get( or Express's app.get(
    assert route, "no route in the app"
    at = route.start()
    return source[:at] + "\n" + textwrap.dedent(code) + "\n\n" + source[at:]


def number_check(source: str, fix: str) -> str:
    """ "before float(text), check re.fullmatch(r"…", text)": in the app's add()"""
    found = re.search(r're\.fullmatch\(r"([^"]+)", text\)', fix)
    assert found, fix
    check = (
        f'    if not re.fullmatch(r"{found[1]}", first) '
        f'or not re.fullmatch(r"{found[1]}", second):\n'
        '        return error("Invalid number as addend", 400)'
    )
    return "import re\n" + _insert_after(source, "def add(first, second):", check)


def express_number_check(source: str, fix: str) -> str:
    """ "before Number(text), check /^…$/.test(text)": in the app's add()"""
    found = re.search(r"check (/\^.+\$/)\.test\(text\)", fix)
    assert found, fix
    check = (
        f"  if (!{found[1]}.test(first) || !{found[1]}.test(second)) {{\n"
        '    return error(res, "Invalid number as addend", 400);\n'
        "  }"
    )
    return _insert_after(source, "function add(res, first, second) {", check)


def express_repeats(source: str, fix: str) -> str:
    """ "when Array.isArray(req.query.number1) or …": before the query's sum"""
    assert "Array.isArray(req.query.number1)" in fix, fix
    check = (
        "  if (Array.isArray(req.query.number1) || Array.isArray(req.query.number2)) {\n"
        f"    return error(res, {REPEATED});\n"
        "  }\n"
    )
    at = source.index("  add(res, req.query.number1, req.query.number2);")
    return source[:at] + check + source[at:]


def express_server(source: str, fix: str) -> str:
    """ "start the server as require("http").createServer(…, app).listen(port, …)" """
    found = re.search(r"(require\(\"http\"\)\.createServer\(.+?, app\))\.listen\(", fix)
    assert found, fix
    return source.replace("app.listen(", f"{found[1]}.listen(")


def _repeat_check(source: str, getlist: str) -> str:
    """The repeat check, right after the app's own check for a missing addend."""
    check = (
        f'    if len({getlist}("number1")) > 1 or len({getlist}("number2")) > 1:\n'
        f"        return error({REPEATED})"
    )
    return _insert_after(source, '        return error("Missing addend', check)


def flask_repeats(source: str, fix: str) -> str:
    assert 'request.args.getlist("number1")' in fix, fix
    return _repeat_check(source, "request.args.getlist")


def bottle_repeats(source: str, fix: str) -> str:
    assert 'request.query.getall("number1")' in fix, fix
    return _repeat_check(source, "request.query.getall")


def fastapi_repeats(source: str, fix: str) -> str:
    assert "take request: Request" in fix and "request.query_params.getlist(" in fix, fix
    source = source.replace("def sum_query(", "def sum_query(request: Request, ")
    source = source.replace("from fastapi import FastAPI\n", "from fastapi import FastAPI\n"
                            "from fastapi import Request\n")  # fmt: skip
    return _repeat_check(source, "request.query_params.getlist")


APPLIERS: dict[tuple[str, str], Applier] = {
    ("Flask", "error-page"): after_the_app_line,
    ("Bottle", "error-page"): after_the_app_line,
    ("FastAPI", "error-page"): after_the_app_line,
    ("Express", "error-page"): after_the_routes,
    ("Flask", "merged-slashes"): after_the_app_line,
    ("Flask", "number-accepted"): number_check,
    ("Flask", "repeated-addend"): flask_repeats,
    ("Flask", "contract-headers"): after_the_app_line,
    ("Flask", "allow-on-405"): allow_on_405,
    ("Flask", "options"): after_the_app_line,
    ("Flask", "request-header-refused"): after_the_app_line,
    ("Bottle", "number-accepted"): number_check,
    ("Bottle", "repeated-addend"): bottle_repeats,
    ("Bottle", "bytes-not-utf8"): after_the_app_line,
    ("FastAPI", "trailing-slash-redirect"): app_arguments,
    ("FastAPI", "framework-pages"): app_arguments,
    ("FastAPI", "leading-slashes"): before_the_routes,
    ("FastAPI", "number-accepted"): number_check,
    ("FastAPI", "repeated-addend"): fastapi_repeats,
    ("Express", "bytes-not-utf8"): before_the_routes,
    ("Express", "leading-slashes"): before_the_routes,
    ("Express", "trailing-slash-served"): after_the_app_line,
    ("Express", "case-insensitive"): after_the_app_line,
    ("Express", "encoded-slash"): before_the_routes,
    ("Express", "too-long"): express_server,
    ("Express", "number-accepted"): express_number_check,
    ("Express", "repeated-addend"): express_repeats,
}
"""How this test pastes each fix the card shows; one the card names that is not here fails."""


@dataclass(frozen=True)
class App:
    """A learner's app under tests/learners, as its author serves it."""

    framework: str
    source: str  # its file, under tests/learners
    serve: Callable[[Path], tuple[str, ...]]  # the command, given the app's file
    level: int  # the level its card's fixes take it to
    rounds: int  # the rounds that takes (a card, the fixes it names, the next card)


def _flask(app: Path) -> tuple[str, ...]:
    return (str(BIN / "flask"), "--app", str(app), "run", "--port", "{port}")


def _python(app: Path) -> tuple[str, ...]:
    return (sys.executable, str(app), "{port}")


def _uvicorn(app: Path) -> tuple[str, ...]:
    return (
        str(BIN / "uvicorn"),
        "--app-dir",
        str(app.parent),
        f"{app.stem}:app",
        "--port",
        "{port}",
    )


def _node(app: Path) -> tuple[str, ...]:
    return ("node", str(app), "{port}")


APPS = {
    "flask_defaults": App("Flask", "flask_defaults.py", _flask, 2, 3),
    "fastapi_defaults": App("FastAPI", "fastapi_defaults.py", _uvicorn, 1, 2),
    "bottle_defaults": App("Bottle", "bottle_defaults.py", _python, 1, 2),
    "express_defaults": App("Express", "express_defaults/app.js", _node, 1, 2),
}
MAX_ROUNDS = 4


def _copy(app: App, folder: Path) -> Path:
    """Where the app's file is rewritten each round; an npm app's node_modules beside it."""
    given = LEARNERS / app.source
    modules = given.parent / "node_modules"
    if (given.parent / "package.json").exists():
        assert modules.is_dir(), f"{modules} is missing: `make test` installs it (npm ci)"
        (folder / "node_modules").symlink_to(modules)
    return folder / given.name


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", APPS)
def test_the_card_alone_brings_an_app_with_its_frameworks_defaults_up_a_level(
    name: str, tmp_path: Path
) -> None:
    """Level 1 first: each round's fixes are those of the problems that block the next level."""
    app = APPS[name]
    framework, level = app.framework, app.level
    source = (LEARNERS / app.source).read_text(encoding="utf-8")
    served = _copy(app, tmp_path)
    report = tmp_path / "report.json"
    for number in range(1, MAX_ROUNDS + 1):
        served.write_text(source, encoding="utf-8")
        with learner_server(app.serve(served)) as url:
            _, card, _ = run_cli(url, "--seed", SEED, "--json", str(report))
        data = json.loads(report.read_text(encoding="utf-8"))
        if data["level_reached"] >= level:
            break
        assert f"(your answers look like {framework}'s)" in _flat(card)
        blocking = data["level_reached"] + 1
        problems = [p for case in data["cases"] for p in case["problems"] if p["level"] == blocking]
        causes = {problem["cause"] for problem in problems}
        assert "" not in causes, {p["kind"] for p in problems if not p["cause"]}
        for cause in sorted(causes):
            fix = FIXES[cause][framework]
            assert _flat(f"fix ({framework}): {fix}") in _flat(card), (number, cause)
            fixed = APPLIERS[framework, cause](source, fix)
            assert fixed != source, (cause, "the fix changed nothing")
            source = fixed
    assert data["level_reached"] >= level, f"not at level {level} after {MAX_ROUNDS} rounds"
    assert number == app.rounds


def test_every_fix_in_a_frameworks_words_is_one_this_test_applies() -> None:
    """A fix the card gives in a framework's words is tested on an app of that framework."""
    named = {(framework, cause) for cause, fixes in FIXES.items() for framework in fixes}
    assert named - {("", cause) for cause in FIXES} == set(APPLIERS)
