"""The grader against implementations written as learners write them, each run as a real server.

Flask apps under ``flask run``, an Express-style app under Node, FastAPI apps under
uvicorn, a Bottle app under its own ``run()``, a raw WSGI app under waitress: each
is graded once, as ``python -m conformance_tests URL --seed 7`` would grade it (the
command line is called in this process), and its card, score and rank are checked.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path
from typing import Any

import pytest

from conformance_tests.classroom.processes import started_anywhere
from conformance_tests.grader.card import MAX_LINES
from conformance_tests.grader.cli import main as grade_cli
from conformance_tests.grader.fixes import FIXES
from conformance_tests.grader.frameworks import CSRF_EXEMPT
from conformance_tests.grader.frameworks import FLOAT_CONVERTER
from conformance_tests.grader.frameworks import JSON_BODY
from conformance_tests.grader.frameworks import ROUTES
from conformance_tests.grader.frameworks import SIGNS
from harness.adapters import ROOT
from harness.servers.live import HOST
from harness.servers.live import free_port

LEARNERS = ROOT / "tests" / "learners"
BIN = Path(sys.executable).parent
SEED = "7"


def flask_run(name: str) -> tuple[str, ...]:
    """As the course runs an app: ``flask --app FILE run``."""
    return (str(BIN / "flask"), "--app", f"tests/learners/{name}.py", "run", "--port", "{port}")


def uvicorn(name: str) -> tuple[str, ...]:
    """As FastAPI's tutorial runs an app: ``uvicorn module:app``."""
    return (str(BIN / "uvicorn"), "--app-dir", "tests/learners", f"{name}:app", "--port", "{port}")


STYLES: dict[str, tuple[str, ...]] = {
    "course_flask": flask_run("course_flask"),
    "flask_echo_once": flask_run("flask_echo_once"),
    "flask_ab_params": flask_run("flask_ab_params"),
    "always_500": flask_run("always_500"),
    "no_headers": flask_run("no_headers"),
    "express_text": ("node", "tests/learners/express_style.js", "{port}", "text"),
    "express_json": ("node", "tests/learners/express_style.js", "{port}", "json"),
    "fastapi_keys": uvicorn("fastapi_keys"),
    "fastapi_cors": uvicorn("fastapi_cors"),
    "bottle_crash": (sys.executable, "tests/learners/bottle_crash.py", "{port}"),
    "wsgi_head_body": (str(BIN / "waitress-serve"), "--listen=127.0.0.1:{port}",
                       "tests.learners.wsgi_head_body:app"),
    "node_crash": ("node", "tests/learners/node_crash.js", "{port}"),
    "java_sum": ("java", "tests/learners/JavaSum.java", "{port}"),
    "http_server": (sys.executable, "tests/learners/http_server.py", "{port}"),
    "flask_float": flask_run("flask_float"),
    "django_sum": (sys.executable, "tests/learners/django_sum/manage.py", "runserver", "{port}"),
    "node_own_names": ("node", "tests/learners/node_own_names.js", "{port}"),
}  # fmt: skip
"""Each style as its author starts it, with the port left to the test."""


@dataclass(frozen=True)
class Graded:
    """What the command line printed and wrote for one implementation."""

    status: int
    card: str
    errors: str
    data: dict[str, Any]

    def route(self, name: str) -> dict[str, Any]:
        return next(route for route in self.data["routes"] if route["route"] == name)

    def line(self, title: str) -> str:
        return next(line for line in self.card.splitlines() if line[3:].startswith(title))


def run_cli(*argv: str) -> tuple[int, str, str]:
    """``python -m conformance_tests`` in this process: exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = grade_cli(list(argv))
    return status, out.getvalue(), err.getvalue()


@contextmanager
def learner_server(argv: tuple[str, ...]) -> Iterator[str]:
    """Start a learner's server on a free port as the class command starts a submission: until
    its own processes listen (not another test's server that took the port first, which makes
    it try another), and always stop it."""
    with tempfile.TemporaryDirectory() as folder:

        def command(port: int) -> list[str]:
            return [part.format(port=port) for part in argv]

        with started_anywhere(command, ROOT, Path(folder) / "server.log", 30) as url:
            yield url


def grade_at(url: str, folder: Path, name: str) -> Graded:
    report = folder / f"{name}.json"
    status, card, errors = run_cli(url, "--seed", SEED, "--json", str(report))
    return Graded(status, card, errors, json.loads(report.read_text()))


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Graded]]:
    """Every style started at once, then graded one after another."""
    if shutil.which("node") is None:
        pytest.fail("Node.js is missing: `make test` installs it (apt-get install nodejs)")
    folder = tmp_path_factory.mktemp("grades")
    with ExitStack() as stack, ThreadPoolExecutor(len(STYLES)) as pool:
        starting = {name: pool.submit(stack.enter_context, learner_server(argv))
                    for name, argv in STYLES.items()}  # fmt: skip
        urls = {name: future.result() for name, future in starting.items()}
        yield {name: grade_at(url, folder, name) for name, url in urls.items()}


pytestmark = pytest.mark.live

SCORES = {
    "wsgi_head_body": 73.8, "no_headers": 57.8, "fastapi_cors": 39.0, "flask_echo_once": 35.0,
    "course_flask": 28.9, "flask_ab_params": 20.3, "fastapi_keys": 19.4, "express_json": 16.3,
    "bottle_crash": 11.6, "express_text": 9.0, "always_500": 0.0, "django_sum": 36.8,
    "flask_float": 24.0, "http_server": 22.1, "java_sum": 21.9, "node_crash": 1.6,
    "node_own_names": 6.0,
}  # fmt: skip
"""Each style's score with --seed 7, as measured; a change of more than 2 points is a change
of the grader's arithmetic, to be looked at, not a drift."""
CLEARLY_BETTER = [
    ("wsgi_head_body", "no_headers", "one manner missed (HEAD bodies) beats two headers missing"),
    ("no_headers", "fastapi_cors", "the whole meaning beats most of it"),
    ("fastapi_cors", "fastapi_keys", "the contract's keys and errors beat FastAPI's defaults"),
    ("flask_echo_once", "course_flask", "both sums beat one sum and an echo"),
    ("course_flask", "flask_ab_params", "JSON errors and no crash beat a crashing query form"),
    ("course_flask", "express_json", "the contract's keys beat one's own names"),
    ("course_flask", "fastapi_keys", "the contract's keys beat one's own names"),
    ("express_json", "express_text", "JSON with other keys beats text"),
    ("bottle_crash", "always_500", "one route that works beats none"),
]
"""Pairs whose order a teacher would not argue about; each must differ by 5 points or more."""


def test_the_scores_are_as_measured(graded: dict[str, Graded]) -> None:
    found = {name: graded[name].data["score"] for name in SCORES}
    assert found == pytest.approx(SCORES, abs=2)
    assert all(f"Score {found[name]:.0f}/100 for " in graded[name].card for name in SCORES)


@pytest.mark.parametrize(("better", "worse", "why"), CLEARLY_BETTER, ids=lambda x: str(x)[:20])
def test_a_more_faithful_implementation_scores_clearly_higher(
    graded: dict[str, Graded], better: str, worse: str, why: str
) -> None:
    assert graded[better].data["score"] >= graded[worse].data["score"] + 5, why


def test_a_server_at_a_level_scores_above_every_server_below_it(graded: dict[str, Graded]) -> None:
    found = [(g.data["level_reached"], g.data["score"], name) for name, g in graded.items()]
    for level, score, name in found:
        below = [other for other in found if other[0] < level]
        assert all(score > other[1] for other in below), (name, below)


def test_every_card_fits_in_60_lines_unless_what_blocks_level_1_needs_more(
    graded: dict[str, Graded],
) -> None:
    """Past 60 lines (with the progress line) only when every blocking kind is already in
    brief: nothing that blocks the next level is cut to keep the count."""
    for name, found in graded.items():
        lines = len(found.card.splitlines()) + len(found.errors.splitlines())
        if lines > MAX_LINES:  # every blocking kind in brief, the table down to a line
            assert "; read contract/" not in found.card and "Cases passed: " in found.card, name
        assert found.errors.splitlines()[0].startswith("Checking http://127.0.0.1:"), name
        assert found.status == (0 if found.data["level_reached"] == 3 else 1), name


@pytest.mark.parametrize(
    ("style", "route", "line", "diagnosis"),
    [
        ("express_json", "sum_path", 'Sum by path     GET /sum/42/117 → 200 {"answer":159}',
         "other key names: yours lacks number1, number2, total_sum, status; has answer too "
         "(answer holds the contract's total_sum: rename it)"),
        ("express_text", "sum_path",
         "Sum by path     GET /sum/42/117 → 200 a number as text: 159",
         "it answers text, not JSON: send a JSON object with the contract's keys, number1, "
         "number2, total_sum, status (res.json({ … }), not res.send(…))"),
        ("express_text", "routing",
         "Unknown path    GET /nope → 404 an HTML page: Cannot GET /nope",
         'it answers an HTML page (Express\'s own "Cannot GET" page), not a JSON object with '
         "message, status"),
        ("fastapi_keys", "sum_query",
         'Sum by query    GET /sum?number1=13&number2=28 → 200 {"number1":13.0,"number2":28.0,'
         '"sum":41.0}',
         "other key names: yours lacks total_sum, status; has sum too (sum holds the contract's "
         "total_sum: rename it)"),
        ("fastapi_keys", "routing", 'Unknown path    GET /nope → 404 {"detail":"Not Found"}',
         'FastAPI\'s own answer {"detail": …}: other key names: yours lacks message, status; has '
         "detail too"),
        ("fastapi_keys", "validation", "Invalid addend  GET /sum/abc/1 → 422 ",
         "FastAPI's own 422 (its validation answered before your code ran): the contract answers "
         "400 with its own JSON (an exception handler for RequestValidationError can send it)"),
        ("fastapi_cors", "missing", "Missing addend  GET /sum?number1=1 → 400 ",
         'the message is "Invalid number as addend"; the contract\'s says "Missing addend: '
         'number1 and number2 are both required"'),
        ("flask_echo_once", "echo", 'Echo            GET /echo/hello → 200 {"echo":"hello"}\\n',
         'the echo must say the text twice: yours "hello", the contract\'s "hello hello"'),
        ("bottle_crash", "sum_path",
         "Sum by path     GET /sum/42/117 → 500 an HTML page: Internal Server Error",
         "your server failed (Bottle's own error page): its log shows the exception that your "
         "code raised; the contract answers 200"),
        ("flask_ab_params", "sum_query", "Sum by query    GET /sum?number1=13&number2=28 → 500 ",
         "your app reads the numbers as a and b (/sum?a=13&b=28 works); the contract names them "
         "number1 and number2"),
        ("course_flask", "sum_query",
         'Sum by query    GET /sum?number1=13&number2=28 → 404 {"message": "Invalid endpoint"',
         'the route is missing: add @app.get("/sum") reading request.args.get("number1") and '
         'request.args.get("number2")'),
        ("always_500", "echo", "Echo            GET /echo/hello → 500 an HTML page: 500 Internal",
         "your server failed (Flask's own 500 page): its log shows the exception that your code "
         "raised; the contract answers 200"),
    ],
)  # fmt: skip
def test_the_card_shows_the_authors_own_route_first(
    graded: dict[str, Graded], style: str, route: str, line: str, diagnosis: str
) -> None:
    found = graded[style]
    assert found.route(route)["diagnosis"] == diagnosis
    title = line.split("  ", 1)[0]
    shown = found.line(title)
    head = shown[3:].rsplit("  [", 1)[0]  # the answer shortened to leave room for the count
    assert head.startswith(line) or line.startswith(head.removesuffix("…")), shown
    assert re.search(r"  \[\d+/\d+ at level \d\]$", shown), shown
    card = found.card.splitlines()
    counts = next(i for i, text in enumerate(card) if text.startswith("Cases passed"))
    assert card.index(shown) < counts
    following = card[card.index(shown) + 1 :]
    if found.route(route)["level"] == 0:
        assert following[0].startswith("     the contract answers ")
        advice = [following[1], *takewhile(lambda line: line.startswith(" " * 7), following[2:])]
        routes = found.data["routes"]
        earlier = [r["title"] for r in routes[: routes.index(found.route(route))]
                   if r["level"] == 0 and r["diagnosis"] == diagnosis]  # fmt: skip
        said = f"the same as for {earlier[0]}" if earlier else diagnosis  # each advice once
        assert " ".join(line.strip() for line in advice) == f"→ {said}"  # wrapped, not cut


def test_the_readme_s_sample_card_is_the_course_app_s(graded: dict[str, Graded]) -> None:
    """The README shows the course's app's card: each line it shows is that card's, now."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = readme.split("### 2. Check your own server", 1)[1].split("```text\n", 1)[1]
    shown = [line for line in sample.split("\n```", 1)[0].splitlines() if line != "..."]
    at_5000 = re.sub(
        r"http://127\.0\.0\.1:\d+", "http://127.0.0.1:5000", graded["course_flask"].card
    )
    card = at_5000.splitlines()
    assert len(shown) >= 6 and shown[0].startswith("Score ")
    for line in shown:
        assert line in card, line


def test_cors_sent_only_to_cross_origin_requests_passes(graded: dict[str, Graded]) -> None:
    """Starlette's CORSMiddleware answers requests that carry Origin, as browsers send it."""
    cases = [case for case in graded["fastapi_cors"].data["cases"] if case["levels"].get("meaning")]
    kinds = {problem["kind"] for case in cases for problem in case["problems"]}
    assert len(cases) > 80 and "lacks X-Content-Type-Options: nosniff" in kinds
    assert not any("Access-Control-Allow-Origin" in kind for kind in kinds)


def test_a_head_answered_with_a_body_is_seen_on_the_wire(graded: dict[str, Graded]) -> None:
    found = graded["wsgi_head_body"]
    assert found.data["level_reached"] == 1
    assert (
        "Grade: level 1 of 3 reached; level 2 (manners) needs 109 more case(s) right" in found.card
    )
    assert " 1. 109 × HEAD answered with a body" in found.card
    gets = [case for case in found.data["cases"] if case["request"].startswith("GET")]
    assert all(
        case["levels"]["exact"] for case in gets
    )  # a body that follows desynchronised nothing


def test_level_1_complete_without_the_two_headers(graded: dict[str, Graded]) -> None:
    found = graded["no_headers"]
    assert found.data["level_reached"] == 1
    kinds = {p["kind"] for case in found.data["cases"] for p in case["problems"]}
    assert kinds == {
        "lacks X-Content-Type-Options: nosniff",
        "lacks Access-Control-Allow-Origin: *",
    }
    assert all(route["level"] == 1 for route in found.data["routes"] if route["route"] not in
               ("methods", "headers"))  # fmt: skip


def test_the_course_app_gets_credit_for_its_meaning(graded: dict[str, Graded]) -> None:
    """Path form right, no query form, float() too lenient, Flask's own JSON, no headers."""
    data = graded["course_flask"].data
    assert data["levels"]["meaning"] == {"passed": 77, "total": 123}
    assert data["levels"]["manners"] == {"passed": 0, "total": 256}
    assert data["levels"]["exact"] == {"passed": 0, "total": 256}
    by_route = {route["route"]: route["level"] for route in data["routes"]}
    assert by_route == {"sum_query": 0, "sum_path": 1, "echo": 1, "routing": 1, "validation": 1,
                        "missing": 0, "methods": 0, "headers": 0}  # fmt: skip


def connection_server(behave: Callable[[socket.socket], None]) -> tuple[str, Callable[[], None]]:
    """A raw server on 127.0.0.1 that treats every connection as ``behave`` says."""
    listener = socket.create_server((HOST, 0))
    held: list[socket.socket] = []
    done = threading.Event()

    def loop() -> None:
        listener.settimeout(0.2)
        while not done.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            held.append(connection)
            behave(connection)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()

    def close() -> None:
        done.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()

    return f"http://{HOST}:{listener.getsockname()[1]}", close


def _close(connection: socket.socket) -> None:
    """Read the request, then close: a FIN (closing with the request unread would reset)."""
    connection.settimeout(2)
    connection.recv(65536)
    connection.close()


def _reset(connection: socket.socket) -> None:
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    connection.close()


def _not_http(connection: socket.socket) -> None:
    connection.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")
    connection.close()


def _silent(connection: socket.socket) -> None:
    """Read nothing, answer nothing: the test holds the connection open."""


@pytest.mark.parametrize(
    ("behave", "sentence"),
    [
        (_close, "it closed the connection without answering (did the server crash?)"),
        (_reset, "it reset the connection without answering (did the server crash?)"),
        (_not_http, "what answers there does not speak HTTP"),
        (_silent, "it accepted the connection but sent no answer within 3 s"),
    ],
    ids=["closed", "reset", "not-http", "silent"],
)
def test_a_connection_that_fails_is_one_plain_sentence(
    behave: Callable[[socket.socket], None], sentence: str
) -> None:
    url, close = connection_server(behave)
    try:
        started = time.monotonic()
        status, card, errors = run_cli(url)
        took = time.monotonic() - started
    finally:
        close()
    assert (status, card) == (2, "")
    assert errors.splitlines()[-1] == f"error: cannot check {url}: {sentence}"
    assert took < 5


def test_nothing_listening_is_one_line() -> None:
    url = f"http://{HOST}:{free_port()}"
    assert run_cli(url) == (
        2, "", f"error: cannot check {url}: nothing is listening there (connection refused)\n"
    )  # fmt: skip


@pytest.mark.parametrize("url", ["127.0.0.1:5000", "localhost:5000"])
def test_url_without_scheme_says_what_to_type(url: str) -> None:
    assert run_cli(url) == (
        2,
        "",
        f"error: {url!r} is not an http:// URL: did you mean http://{url}?\n",
    )


def test_a_server_that_closes_connections_unanswered_still_gets_a_card() -> None:
    """Answers a few requests, then closes every connection unanswered, as a server whose
    handler throws does: it is still there, so each case is tried twice, and graded."""
    answered: list[int] = []

    def few(connection: socket.socket) -> None:
        connection.settimeout(2)
        connection.recv(65536)
        if len(answered) < 3:
            answered.append(1)
            connection.sendall(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
        connection.close()

    for _ in range(2):  # twice in one process: no state may leak from one run into the next
        answered.clear()
        url, close = connection_server(few)
        try:
            status, card, errors = run_cli(url, "--timeout", "1")
        finally:
            close()
        assert (status, errors) == (1, f"Checking {url}: 256 requests...\n")
        assert "× no answer: your server closed the connection without one" in card
        assert "→ fix: your code raised an exception on this request" in " ".join(card.split())


@pytest.fixture(scope="module")
def course_url() -> Iterator[str]:
    with learner_server(STYLES["course_flask"]) as url:
        yield url


def test_pytest_at_a_url_counts_passes_per_level(course_url: str, tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "conformance_tests",
         "--base-url", course_url, "--seed", SEED, "-k", "sum_path and meaning",
         "--junitxml", str(junit)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]  # the path form's meaning is right
    assert "20 passed" in result.stdout  # 12 data cases, 8 generated
    assert f"Score {SCORES['course_flask']:.0f}/100 for " in result.stdout  # the card ends the run
    assert ET.parse(junit).getroot().find("testsuite") is not None


def test_junit_and_details_files(course_url: str, tmp_path: Path) -> None:
    junit, details = tmp_path / "grade.xml", tmp_path / "details.txt"
    status, _, _ = run_cli(course_url, "--junit", str(junit), "--details", str(details),
                           "--generated", "0")  # fmt: skip
    assert status == 1
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None and int(suite.get("tests", 0)) > int(suite.get("failures", 0)) > 0
    text = details.read_text()
    assert "sum-path-ok [sum_path] meaning:ok manners:FAIL exact:FAIL" in text
    assert "(the contract's own example)" in text


def test_points_files_for_course_autograders(course_url: str, tmp_path: Path) -> None:
    """The points add up to the card's score, and the card in the files is the one printed."""
    scope, room = tmp_path / "results.json", tmp_path / "classroom.json"
    status, card, _ = run_cli(course_url, "--seed", SEED, "--gradescope", str(scope),
                              "--classroom", str(room), "--require", "1")  # fmt: skip
    assert status == 1
    gradescope, classroom = json.loads(scope.read_text()), json.loads(room.read_text())
    assert gradescope["output"] == card.rstrip("\n")
    assert round(gradescope["score"]) == round(SCORES["course_flask"])
    assert [t["score"] for t in gradescope["tests"]] == [t["score"] for t in classroom["tests"]]
    assert classroom["status"] == "fail"
    assert classroom["tests"][0]["message"] == gradescope["output"]


def test_the_checker_loads_no_framework_and_no_project_code() -> None:
    """What a learner installs from conformance_tests/requirements.txt is enough."""
    probe = (
        "import sys, conftest, devtools.fixtures, conformance_tests.grader.cli, "
        "conformance_tests.conftest, conformance_tests.test_url; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'flask', 'bottle', 'falcon', 'core', 'harness', 'locust', 'waitress', "
        "'loadtests', 'docgen', 'devtools', 'impl_flask', 'impl_bottle', 'impl_falcon'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    # The fixtures plugin (devtools/fixtures.py) imports only pytest until an adapter is asked for.
    assert result.stdout.strip() == "['devtools', 'devtools.fixtures']"
    wanted = (ROOT / "conformance_tests" / "requirements.txt").read_text().split()
    names = {
        line.split(">")[0].lower() for line in wanted if not line.startswith("#") and ">" in line
    }
    assert names == {"requests", "pyyaml", "pytest", "pytest-timeout"}


def test_no_advice_is_cut_and_nothing_that_blocks_the_next_level_is_hidden(
    graded: dict[str, Graded],
) -> None:
    """Each failing route's advice whole, and every kind of problem at the lowest level not
    reached, on the default card of every style."""
    for name, found in graded.items():
        flat = " ".join(line.strip() for line in found.card.splitlines())
        for route in found.data["routes"]:
            if route["level"] == 0:
                assert f"→ {route['diagnosis']}" in flat, (name, route["diagnosis"])
        blocking = found.data["level_reached"] + 1
        stop = found.data["stopped"]
        cases = found.data["cases"]
        if stop:  # the card opens with where the server stopped, and what it left unanswered
            first = next(i for i, c in enumerate(cases) if c["request"] == stop["first_unanswered"])
            assert f"the next request, {stop['first_unanswered']}" in flat, name
            cases = cases[:first]
        kinds = {problem["kind"] for case in cases for problem in case["problems"]
                 if problem["level"] == blocking}  # fmt: skip
        missing = [kind for kind in kinds if f"× {kind}" not in flat]
        assert not missing, (name, missing)


def test_every_curl_line_on_a_card_repeats_the_answer_it_shows(graded: dict[str, Graded]) -> None:
    """The author pastes the card's curl line and sees the status the card says they sent."""
    if shutil.which("curl") is None:
        pytest.fail("curl is missing: `make test` installs it (apt-get install curl)")
    tried = 0
    for name, found in graded.items():
        if found.data["stopped"]:
            continue  # its server is gone: that is the card's first line of advice
        lines = found.card.splitlines()
        for at, line in enumerate(lines):
            if not line.startswith("    again: curl "):
                continue
            shown = (re.match(r"\s+yours:\s+(\d{3}) ", text) for text in lines[at + 1 : at + 4])
            status = next((match[1] for match in shown if match), None)
            ran = subprocess.run(shlex.split(line.split(": ", 1)[1]) + ["-s", "--max-time", "10"],
                                 capture_output=True, check=False)  # fmt: skip
            assert ran.stdout.startswith(b"HTTP/1."), (name, line)
            if status:
                assert ran.stdout.split(b" ", 2)[1].decode() == status, (name, line)
                tried += 1
    assert tried >= 4  # the cards of several styles, not one


def test_a_server_that_dies_midway_gets_a_card_that_opens_with_where(
    graded: dict[str, Graded],
) -> None:
    """Node's http server dies on a POST with an empty body (JSON.parse throws): what it
    answered before is graded, and the card says first which request it did not answer."""
    found = graded["node_crash"]
    assert found.status == 1 and found.data["score"] > 0
    assert found.data["stopped"]["first_unanswered"] == "POST /sum/1/2"
    opening = " ".join(found.card.split("Your routes,")[0].split())
    assert "Your server stopped answering after " in opening
    assert (
        "the next request, POST /sum/1/2 (with an empty body), got no answer (it closed the "
        "connection without answering (did the server crash?)), nor did any after it. Its "
        "terminal shows why: fix that first, restart it, and check again." in opening
    )
    assert found.line("Echo").startswith(' ✗ Echo            GET /echo/hello → 200 {"echo":"hello')


def test_a_handler_that_throws_costs_only_its_own_cases(graded: dict[str, Graded]) -> None:
    """The JDK's HttpServer closes the connection when a handler throws (here on /sum/1/2,
    which has no query string): those cases have no answer, and the rest are graded."""
    found = graded["java_sum"]
    assert found.status == 1 and found.data["stopped"] is None
    assert found.line("Sum by query").startswith(" ✓ Sum by query")
    assert found.route("sum_path")["diagnosis"] == (
        "no answer: your server closed the connection without one"
    )
    flat = " ".join(found.card.split())
    assert (
        "× no answer: your server closed the connection without one, e.g. GET /sum/42/117" in flat
    )
    assert "→ fix: your code raised an exception on this request, and the server dropped" in flat


RECOGNISED = {
    "course_flask": "Flask", "flask_float": "Flask", "fastapi_keys": "FastAPI",
    "express_text": "Express", "bottle_crash": "Bottle", "django_sum": "Django",
    "http_server": "http.server", "java_sum": "Java", "node_crash": "Node",
    "node_own_names": "Node",
}  # fmt: skip
"""Whose answers each style's card says it sees."""


def _words_of(framework: str) -> set[str]:
    """Everything the card may say in this framework's words alone."""
    said = {words[framework] for words in ROUTES.values() if framework in words}
    said |= {fixes[framework] for fixes in FIXES.values() if framework in fixes}
    said |= {table[framework] for table in (JSON_BODY, CSRF_EXEMPT, FLOAT_CONVERTER)
             if framework in table}  # fmt: skip
    return said


@pytest.mark.parametrize("name", RECOGNISED)
def test_advice_is_in_the_authors_framework_or_in_none(
    graded: dict[str, Graded], name: str
) -> None:
    """No Flask words on a Django card, no Express routes on a Java one."""
    found, framework = graded[name], RECOGNISED[name]
    flat = " ".join(found.card.split())
    assert f"(your answers look like {framework}'s)" in flat
    own = {" ".join(words.split()) for words in _words_of(framework)}
    for other in SIGNS:
        theirs = {" ".join(words.split()) for words in _words_of(other)}
        foreign = {words for words in theirs if not any(words in mine for mine in own)}
        assert not [words for words in foreign if words in flat], (name, other)
        if other != framework:
            assert f"fix ({other})" not in flat, (name, other)
    assert isinstance(found.data["score"], float)


@pytest.mark.parametrize(
    ("style", "route", "diagnosis"),
    [
        ("django_sum", "methods",
         "POST is refused with 403 by Django's CSRF check, before your code runs: put "
         "@csrf_exempt (from django.views.decorators.csrf import csrf_exempt) over each view; on "
         "a known path, answer other methods with 405 and Allow: GET, HEAD, OPTIONS (OPTIONS: "
         "204)"),
        ("django_sum", "routing",
         "it answers an HTML page (Django's own 404 page), not a JSON object with message, "
         "status"),
        ("http_server", "methods",
         "POST gets 501 (Python http.server's own 501 page): your server has no handler for "
         "POST (add a do_POST method to your handler class); on a known path, answer other "
         "methods with 405 and Allow: GET, HEAD, OPTIONS (OPTIONS: 204)"),
        ("flask_float", "sum_path",
         "your sum route answers GET /sum/0.5/0.25 but not /sum/42/117 (Flask's own 404 page): "
         "its pattern takes only numbers with a dot; Werkzeug's <float:…> does so, and refuses "
         "negative numbers too: write <number1>, and check the text yourself"),
        ("node_own_names", "sum_path",
         "the contract's route is missing, but yours answers GET /suma/42/117 rightly: serve it "
         "at /sum/42/117 instead (rename the route)"),
        ("node_own_names", "echo",
         "the contract's route is missing, but yours answers GET /eco/hello rightly: serve it at "
         "/echo/hello instead (rename the route)"),
        ("node_own_names", "sum_query",
         'the route is missing: in your request handler, for the path /sum, read new URL(req.url, '
         '"http://localhost").searchParams.get("number1") and .get("number2")'),
        ("java_sum", "routing",
         "it answers an HTML page (the JDK HttpServer's own 404 page), not a JSON object with "
         "message, status"),
    ],
    ids=lambda x: str(x)[:20],
)  # fmt: skip
def test_what_a_server_did_is_said_as_it_happened(
    graded: dict[str, Graded], style: str, route: str, diagnosis: str
) -> None:
    """A method with no handler is no crash, a CSRF check is no missing route, a converter
    that refuses 42 is no missing route: each told as what it is, in the author's words."""
    assert graded[style].route(route)["diagnosis"] == diagnosis
    assert f"→ {diagnosis}" in " ".join(graded[style].card.split())


def test_every_card_fits_its_width_but_what_is_pasted_whole(graded: dict[str, Graded]) -> None:
    """A file's card wraps at 100 columns: only a fix's code, a curl line and a route's
    request line may run past it; a quoted body is shortened to fit, never the advice."""
    whole = re.compile(r"^( {8}| {4}again: curl | [✓✗] )")
    for name, found in graded.items():
        wide = [
            line for line in found.card.splitlines() if len(line) > 100 and not whole.match(line)
        ]
        assert not wide, (name, wide)
