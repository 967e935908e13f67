"""The grader against implementations written as learners write them, run as real servers.

Each gets the grade a teacher would give it; if the grader misgrades one, a test fails.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from harness.adapters import ROOT
from harness.live import HOST
from harness.live import free_port
from harness.live import stop

LEARNERS = ROOT / "tests" / "learners"
SEED = "7"


def _listening(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=0.5):
            return True
    except OSError:
        return False


@contextmanager
def learner_server(*argv: str) -> Iterator[str]:
    """Start a learner's server on a free port (``{port}`` in argv), wait until it listens."""
    port = free_port()
    command = [part.format(port=port) for part in argv]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, process_group=0
    )
    try:
        deadline = time.monotonic() + 30
        while not _listening(port):
            assert process.poll() is None and time.monotonic() < deadline, "did not start"
            time.sleep(0.05)
        yield f"http://{HOST}:{port}"
    finally:
        stop(process)


def flask_run(module: str) -> tuple[str, ...]:
    """As the course runs it: ``flask --app FILE run``."""
    flask = str(Path(sys.executable).with_name("flask"))
    return (flask, "--app", str(LEARNERS / module), "run", "--port", "{port}")


@pytest.fixture(scope="module")
def course_url() -> Iterator[str]:
    with learner_server(*flask_run("course_flask.py")) as url:
        yield url


def check(url: str, *options: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conformance_tests", url, "--seed", SEED, *options],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip


def graded(url: str, tmp_path: Path, *options: str) -> tuple[subprocess.CompletedProcess[str], Any]:
    report = tmp_path / "grade.json"
    result = check(url, "--json", str(report), *options)
    return result, json.loads(report.read_text())


def per_group(data: Any, level: str) -> dict[str, tuple[int, int]]:
    found: dict[str, list[int]] = {}
    for case in data["cases"]:
        if level in case["levels"]:
            counts = found.setdefault(case["group"], [0, 0])
            counts[0] += case["levels"][level]
            counts[1] += 1
    return {group: (passed, total) for group, (passed, total) in found.items()}


@pytest.mark.live
def test_course_flask_app_gets_credit_for_its_meaning(course_url: str, tmp_path: Path) -> None:
    """Path form right, no query form, float() too lenient, Flask's own JSON, no headers."""
    result, data = graded(course_url, tmp_path)
    assert result.returncode == 1 and data["level_reached"] == 0
    assert per_group(data, "meaning") == {
        "echo": (22, 22), "routing": (19, 21), "sum_path": (20, 20), "sum_query": (0, 21),
        "validation": (11, 33),
    }  # fmt: skip
    assert data["levels"]["manners"]["passed"] == 0
    card = result.stdout
    assert len(card.splitlines()) <= 60
    kinds = Counter(p["kind"] for case in data["cases"] for p in case["problems"])
    assert kinds["lacks X-Content-Type-Options: nosniff"] == 244  # every answer
    assert kinds["status 400 where the contract says 200"] == 6  # Werkzeug's HTML 400 (headers)
    assert "status 404 where the contract says 200" in card  # the missing query form
    assert "(ends with a newline)" in card  # Flask's trailing newline, made visible
    assert "read contract/README.md#" in card


@pytest.mark.live
def test_complete_app_without_the_two_headers_reaches_level_1(tmp_path: Path) -> None:
    with learner_server(*flask_run("no_headers.py")) as url:
        result, data = graded(url, tmp_path)
        assert (result.returncode, check(url, "--require", "meaning").returncode) == (1, 0)
    assert data["level_reached"] == 1
    kinds = {problem["kind"] for case in data["cases"] for problem in case["problems"]}
    assert kinds == {
        "lacks X-Content-Type-Options: nosniff",
        "lacks Access-Control-Allow-Origin: *",
    }
    assert "Grade: level 1 of 3 reached" in result.stdout


@pytest.mark.live
def test_app_that_fails_every_request_gets_nothing(tmp_path: Path) -> None:
    with learner_server(*flask_run("always_500.py")) as url:
        result, data = graded(url, tmp_path)
    assert result.returncode == 1 and data["level_reached"] == 0
    assert data["levels"]["meaning"] == {"passed": 0, "total": 117}
    assert "status 500 where the contract says 200 (the server failed" in result.stdout
    assert len(result.stdout.splitlines()) <= 60


@pytest.mark.live
def test_server_that_never_answers_is_one_line_in_seconds() -> None:
    with learner_server(sys.executable, str(LEARNERS / "silent.py"), "{port}") as url:
        started = time.monotonic()
        result = check(url)
    assert time.monotonic() - started < 5 + 2  # the interpreter's start-up, then at most 3 s
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: cannot check {url}: it accepted the connection but sent no answer within 3 s"
    ]


def test_nothing_listening_is_one_line() -> None:
    url = f"http://{HOST}:{free_port()}"
    result = check(url)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert (
        result.stderr
        == f"error: cannot check {url}: nothing is listening there (connection refused)\n"
    )


@pytest.mark.parametrize("url", ["127.0.0.1:5000", "localhost:5000"])
def test_url_without_scheme_says_what_to_type(url: str) -> None:
    result = check(url)
    assert result.returncode == 2
    assert f"did you mean http://{url}?" in result.stderr


class StopsAnswering(BaseHTTPRequestHandler):
    """Answers a few requests, then hangs until the test ends: a server that died mid-run."""

    answered = 0
    released = threading.Event()

    def do_GET(self) -> None:
        type(self).answered += 1
        if type(self).answered > 3:
            self.released.wait(30)
            self.close_connection = True
            return
        self.send_response(404)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


def test_a_server_that_stops_answering_ends_the_run() -> None:
    server = ThreadingHTTPServer((HOST, 0), StopsAnswering)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        started = time.monotonic()
        result = check(f"http://{HOST}:{server.server_address[1]}", "--timeout", "1")
        took = time.monotonic() - started
    finally:
        StopsAnswering.released.set()
        server.shutdown()
        server.server_close()  # joins the handlers, which close their sockets
    assert result.returncode == 2 and took < 60
    assert "stopped answering after 2 of 244 requests (3 in a row" in result.stderr


@pytest.mark.live
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
    assert "Conformance of " in result.stdout  # the scorecard ends the run
    assert ET.parse(junit).getroot().find("testsuite") is not None


@pytest.mark.live
def test_junit_and_details_files(course_url: str, tmp_path: Path) -> None:
    junit, details = tmp_path / "grade.xml", tmp_path / "details.txt"
    result = check(course_url, "--junit", str(junit), "--details", str(details), "--generated", "0")
    assert result.returncode == 1
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None and int(suite.get("tests", 0)) > int(suite.get("failures", 0)) > 0
    text = details.read_text()
    assert "sum-path-ok [sum_path] meaning:ok manners:FAIL exact:FAIL" in text
    assert "(the contract's own example)" in text


def test_the_checker_loads_no_framework_and_no_project_code() -> None:
    """What a learner installs from conformance_tests/requirements.txt is enough."""
    probe = (
        "import sys, conftest, harness.fixtures, conformance_tests.grader.cli, "
        "conformance_tests.conftest, conformance_tests.test_url; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'flask', 'bottle', 'falcon', 'core', 'harness', 'locust', 'waitress'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['harness', 'harness.fixtures']"  # imports only pytest
    wanted = (ROOT / "conformance_tests" / "requirements.txt").read_text().split()
    names = {
        line.split(">")[0].lower() for line in wanted if not line.startswith("#") and ">" in line
    }
    assert names == {"requests", "pyyaml", "pytest", "pytest-timeout"}
