"""A whole class graded at once: ``check-sum-echo-class`` over tests/learners as a teacher's
folder of submissions (several languages and styles, one that never starts, one that hangs),
over a roster, and over a hostile class whose submissions flood, hang, linger and never listen.

Each learner is started by the class command the way its author would, so its score is the
one tests/test_grader.py measures when the test itself starts it (--seed 7 for both).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shlex
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import pytest
import yaml

from conformance_tests.classroom.cli import main as class_cli
from conformance_tests.classroom.cli import parser as class_parser
from conformance_tests.classroom.grading import Place
from conformance_tests.classroom.processes import started_anywhere
from conformance_tests.classroom.submissions import recognise
from conformance_tests.classroom.submissions import submissions
from harness.adapters import ROOT
from harness.servers.live import HOST
from harness.servers.live import free_port
from tests.test_grader import SCORES
from tests.test_grader import SEED

pytestmark = [pytest.mark.live, pytest.mark.timeout(600)]

LEARNERS = ROOT / "tests" / "learners"
SAME_AS_TEST_GRADER = {
    "course_flask": "course_flask", "flask_echo_once": "flask_echo_once",
    "flask_ab_params": "flask_ab_params", "always_500": "always_500", "no_headers": "no_headers",
    "express_style": "express_text", "fastapi_cors": "fastapi_cors",
    "fastapi_keys": "fastapi_keys", "bottle_crash": "bottle_crash", "node_crash": "node_crash",
    "JavaSum": "java_sum", "http_server": "http_server", "flask_float": "flask_float",
    "django_sum": "django_sum", "node_own_names": "node_own_names",
}  # fmt: skip
"""Class rows whose learner tests/test_grader.py also starts itself: the same score."""


@dataclass(frozen=True)
class ClassRun:
    status: int
    table: str
    progress: str
    folder: Path
    seconds: float

    @property
    def document(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.folder / "class.json").read_text())
        return data

    @property
    def rows(self) -> dict[str, dict[str, Any]]:
        return {row["name"]: row for row in self.document["students"]}

    def line(self, name: str) -> str:
        return next(line for line in self.table.splitlines() if line.split()[0] == name)


def run_class(*argv: str) -> ClassRun:
    """The class command in this process: its exit status, table, progress and files."""
    out, err = io.StringIO(), io.StringIO()
    folder = Path(argv[argv.index("--output") + 1])
    started = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = class_cli(list(argv))
    return ClassRun(status, out.getvalue(), err.getvalue(), folder, time.monotonic() - started)


@pytest.fixture(scope="module")
def learners(tmp_path_factory: pytest.TempPathFactory) -> ClassRun:
    """tests/learners as a teacher's folder of submissions."""
    output = tmp_path_factory.mktemp("class")
    return run_class(str(LEARNERS), "--output", str(output), "--seed", SEED)


def test_each_learner_is_started_as_its_author_would_and_scores_as_measured(
    learners: ClassRun,
) -> None:
    rows = learners.rows
    found = {name: rows[name]["score"] for name in SAME_AS_TEST_GRADER}
    wanted = {name: SCORES[style] for name, style in SAME_AS_TEST_GRADER.items()}
    assert found == pytest.approx(wanted, abs=2)
    assert (
        rows["course_flask"]["command"] == "python -m flask --app course_flask.py run --port {port}"
    )
    assert rows["fastapi_defaults"]["command"].endswith(
        "uvicorn fastapi_defaults:app --port {port}"
    )
    assert rows["django_sum"]["command"] == "python manage.py runserver {port} --noreload"
    assert rows["express_defaults"]["command"] == "node app.js {port}"  # package.json's main
    assert rows["JavaSum"]["command"] == "java JavaSum.java {port}"
    assert all(rows[name]["graded"] for name in SAME_AS_TEST_GRADER)


def test_one_that_never_starts_and_one_that_hangs_get_one_plain_line(learners: ClassRun) -> None:
    rows = learners.rows
    never = rows["express_no_install"]
    assert not never["graded"] and never["score"] == 0 and never["card"] == ""
    assert never["first_problem"] == (
        "did not start: exited at once without listening (status 1): "
        "Error: Cannot find module 'express'"
    )
    hangs = rows["silent"]
    assert not hangs["graded"]
    assert hangs["first_problem"] == (
        "never answered: it accepted the connection but sent no answer within 3 s"
    )
    assert hangs["seconds"] < 10
    for name in ("express_no_install", "silent"):
        assert learners.line(name).split()[1:3] == ["–", "–"]
    # and the class went on: every learner after them was graded
    assert rows["wsgi_head_body"]["first_problem"].endswith("No module named 'impl_wsgi'")


def test_the_table_is_in_the_terminal_and_as_csv_and_json(learners: ClassRun) -> None:
    assert learners.status == 0
    names = sorted(path.stem if path.is_file() else path.name for path in LEARNERS.iterdir()
                   if not path.name.startswith(("_", ".")))  # fmt: skip
    table = learners.table.splitlines()
    assert table[0].split() == ["name", "score", "level", "time", "first", "problem"]
    assert [line.split()[0] for line in table[1:]] == names
    with (learners.folder / "class.csv").open(newline="") as file:
        rows = list(csv.DictReader(file))
    assert [row["name"] for row in rows] == names
    course = next(row for row in rows if row["name"] == "course_flask")
    assert course["level"] == "0" and round(float(course["score"])) == 29
    assert course["first_problem"].startswith("404 where the contract has a route")
    assert learners.line("course_flask").split()[1:3] == ["29", "0"]
    by_name = {row["name"]: row for row in rows}
    assert by_name["node_crash"]["first_problem"].startswith("stopped answering after ")
    assert by_name["no_headers"]["level"] == "1"
    points = [float(course[f"level_{n}_points"]) for n in (1, 2, 3)]
    assert sum(points) == pytest.approx(float(course["score"]), abs=0.05) and points[1:] == [0, 0]
    assert learners.document["seed"] == int(SEED)
    assert learners.document["requests"] == 256


def test_each_student_has_a_card_a_report_and_a_log(learners: ClassRun) -> None:
    for name, row in learners.rows.items():
        log = Path(row["log"])
        assert log.is_file(), name
        if not row["graded"]:
            continue
        card = Path(row["card"]).read_text(encoding="utf-8")
        assert card.startswith(f"Score {row['score']:.0f}/100 for {row['url']} "), name
        report = json.loads((learners.folder / "reports" / f"{name}.json").read_text())
        assert report["score"] == row["score"] and report["url"] == row["url"]
    assert (
        "Cannot find module 'express'"
        in Path(learners.rows["express_no_install"]["log"]).read_text()
    )
    # each ran on 127.0.0.1, on a port of its own
    urls = [row["url"] for row in learners.rows.values() if row["graded"]]
    assert all(url.startswith(f"http://{HOST}:") for url in urls)
    assert len(set(urls)) == len(urls)
    assert "[1/" in learners.progress
    assert f"{len(learners.rows)} submissions in " in learners.progress


def test_a_roster_names_commands_and_urls(tmp_path: Path) -> None:
    nothing = f"http://{HOST}:{free_port()}"
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "name,command,url,folder\n"
        f"wsgi_head_body,{{python}} -m waitress --listen=127.0.0.1:{{port}} "
        f"tests.learners.wsgi_head_body:app,,{ROOT}\n"
        f"express_json,node tests/learners/express_style.js {{port}} json,,{ROOT}\n"
        f"gone,,{nothing},\n"
        "nobody,,,\n",
        encoding="utf-8",
    )
    run = run_class(str(roster), "--output", str(tmp_path / "out"), "--seed", SEED)
    rows = run.rows
    assert rows["wsgi_head_body"]["score"] == pytest.approx(SCORES["wsgi_head_body"], abs=2)
    assert rows["express_json"]["score"] == pytest.approx(SCORES["express_json"], abs=2)
    assert rows["gone"]["first_problem"] == (
        "never answered: nothing is listening there (connection refused)"
    )
    assert rows["nobody"]["first_problem"] == "did not start: line 5: no url or command"
    assert run.status == 0


HOSTILE = {
    "flood.py": """
        import sys
        for n in range(200_000):
            print("all work and no play " * 3, flush=False)
            print("and on stderr too", file=sys.stderr)
        raise SystemExit(3)
    """,
    "sleeper.py": """
        import time
        time.sleep(300)  # never listens
    """,
    "lingering.py": """
        import http.server, json, os, subprocess, sys
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
        open(os.environ["CHILD_FILE"], "w").write(str(child.pid))
        class Slow(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                import time; time.sleep(0.3)
                body = json.dumps({"message": "Invalid endpoint", "status": 404}).encode()
                self.send_response(404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass
        http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Slow).serve_forever()
    """,
}
"""Submissions a class run must outlast: one floods its output and exits, one never
listens, one answers slowly past its time and leaves a child behind."""


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[ClassRun, int]]:
    folder = tmp_path / "hostile"
    folder.mkdir()
    for name, source in HOSTILE.items():
        (folder / name).write_text(textwrap.dedent(source), encoding="utf-8")
    child_file = tmp_path / "child.pid"
    monkeypatch.setenv("CHILD_FILE", str(child_file))
    run = run_class(str(folder), "--output", str(tmp_path / "out"), "--start-timeout", "3",
                    "--time-limit", "6", "--generated", "0")  # fmt: skip
    child = int(child_file.read_text())
    try:
        yield run, child
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, 9)


def test_nothing_a_submission_prints_or_does_stops_the_class(
    hostile: tuple[ClassRun, int],
) -> None:
    run, child = hostile
    rows = run.rows
    assert run.status == 0 and list(rows) == ["flood", "lingering", "sleeper"]
    assert rows["flood"]["first_problem"].startswith("did not start: exited ")
    assert rows["flood"]["first_problem"].endswith(
        "without listening (status 3): and on stderr too"
    )
    assert Path(rows["flood"]["log"]).stat().st_size > 1_000_000  # in its log, not our terminal
    assert "all work" not in run.table + run.progress
    assert rows["sleeper"]["first_problem"] == (
        "did not start: did not listen on a port within 3 s (told PORT="
        + rows["sleeper"]["first_problem"].split("PORT=")[1]
    )
    assert 3 <= rows["sleeper"]["seconds"] < 6
    slow = rows["lingering"]
    assert slow["graded"] and slow["first_problem"] == "ran out of time: stopped at its 6 s limit"
    assert slow["seconds"] < 6 + 5 + 3 + 2  # the limit, one answer's wait, the stop's grace
    assert not psutil.pid_exists(child) or psutil.Process(child).status() == psutil.STATUS_ZOMBIE


def test_single_writes_the_points_a_course_autograder_reads(tmp_path: Path) -> None:
    """One student's repository in course CI: the card printed, the points written."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "app.py").write_text((LEARNERS / "course_flask.py").read_text(), encoding="utf-8")
    (repo / "README.md").write_text("my sum service\n", encoding="utf-8")
    points, scope = tmp_path / "points.json", tmp_path / "results.json"
    run = run_class(str(repo), "--single", "--output", str(tmp_path / "out"), "--seed", SEED,
                    "--require", "1", "--classroom", str(points),
                    "--gradescope", str(scope))  # fmt: skip
    assert run.status == 1  # level 1 not reached
    assert "Score 29/100 for http://127.0.0.1:" in run.table
    classroom = json.loads(points.read_text())
    assert classroom["status"] == "fail" and classroom["max_score"] == 100
    assert sum(test["score"] for test in classroom["tests"]) == pytest.approx(
        SCORES["course_flask"], abs=2
    )
    assert classroom["tests"][0]["message"].startswith("Score 29/100 for ")
    assert classroom["tests"][1]["message"].startswith("0/30 points: 0 of ")
    assert " of 0 cases" not in classroom["tests"][1]["message"]
    gradescope = json.loads(scope.read_text())
    assert gradescope["output"] == classroom["tests"][0]["message"]


def test_single_that_does_not_start_still_writes_its_points(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "app.py").write_text("import flask_cors_not_installed\n", encoding="utf-8")
    points = tmp_path / "points.json"
    run = run_class(str(repo), "--single", "--output", str(tmp_path / "out"),
                    "--classroom", str(points))  # fmt: skip
    assert run.status == 1
    classroom = json.loads(points.read_text())
    assert [test["score"] for test in classroom["tests"]] == [0, 0, 0]
    assert classroom["tests"][0]["message"].startswith("did not start: exited at once")
    assert "No module named 'flask_cors_not_installed'" in classroom["tests"][0]["message"]


@pytest.mark.parametrize(
    ("files", "command"),
    [
        ({"app.py": "from fastapi import FastAPI\napi: FastAPI = FastAPI()\n"},
         ("{python}", "-m", "uvicorn", "app:api", "--port", "{port}")),
        ({"main.py": "import flask\napp = flask.Flask(__name__)\n", "helpers.py": ""},
         ("{python}", "-m", "flask", "--app", "main.py", "run", "--port", "{port}")),
        ({"server.js": "", "package.json": '{"scripts": {"start": "node server.js"}}'},
         ("npm", "start", "--", "{port}")),
        ({"index.js": "", "package.json": "{}"}, ("node", "index.js", "{port}")),
        ({"src/index.js": "", "package.json": '{"main": "src/index.js"}'},
         ("node", "src/index.js", "{port}")),
        ({"Sum.java": ""}, ("java", "Sum.java", "{port}")),
    ],
    ids=["fastapi-own-name", "flask-among-helpers", "npm-start", "node-index", "node-main", "java"],
)  # fmt: skip
def test_a_submission_starts_by_what_it_is(
    tmp_path: Path, files: dict[str, str], command: tuple[str, ...]
) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    submission = recognise(tmp_path)
    assert submission.command == command and not submission.problem
    wants_install = "package.json" in files
    assert bool(submission.setup) == wants_install


def test_a_folder_unpacked_from_a_zip_starts_from_the_folder_inside(tmp_path: Path) -> None:
    inside = tmp_path / "ada" / "sum-service-main"
    inside.mkdir(parents=True)
    (inside / "app.py").write_text("from flask import Flask\n", encoding="utf-8")
    (tmp_path / "ada" / "README.md").write_text("", encoding="utf-8")
    submission = recognise(tmp_path / "ada")
    assert (submission.name, submission.folder) == ("ada", inside)
    assert submission.command[:4] == ("{python}", "-m", "flask", "--app")


def test_a_folder_that_cannot_start_says_why(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("todo", encoding="utf-8")
    assert recognise(tmp_path).problem.startswith("nothing to start: no package.json")
    (tmp_path / "a.py").write_text("", encoding="utf-8")
    (tmp_path / "b.py").write_text("", encoding="utf-8")
    assert recognise(tmp_path).problem.startswith("which file starts it? a.py, b.py")


def test_no_class_to_grade_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = class_cli([str(missing), "--output", str(tmp_path / "o")])
    assert (status, out.getvalue()) == (2, "")
    assert (
        err.getvalue() == f"error: {missing}: give a folder of submissions or a roster .csv file\n"
    )


def test_the_command_is_on_the_path_after_pip_install() -> None:
    scripts = (ROOT / "conformance_tests" / "pyproject.toml").read_text()
    assert 'check-sum-echo-class = "conformance_tests.classroom.cli:main"' in scripts
    help_text = subprocess.run(
        [sys.executable, "-m", "conformance_tests.classroom", "--help"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "this is not a sandbox" in " ".join(help_text.split())


def _invocation(script: str, command: str) -> list[str]:
    """The arguments a CI script passes to ``command``, its line continuations joined."""
    line = next(line for line in script.replace("\\\n", " ").splitlines() if command in line)
    words = shlex.split(line.split("||")[0])
    return words[words.index(next(w for w in words if w.endswith(command))) + 1 :]


def test_the_classroom_workflow_a_teacher_copies_hands_its_points_to_the_reporter() -> None:
    workflow = yaml.safe_load((ROOT / "docs" / "examples" / "classroom.yml").read_text())
    steps = workflow["jobs"]["run-autograding-tests"]["steps"]
    grading = next(step for step in steps if "check-sum-echo-class" in step.get("run", ""))
    reporter = next(
        step for step in steps if "autograding-grading-reporter" in step.get("uses", "")
    )
    args = class_parser().parse_args(_invocation(grading["run"], "check-sum-echo-class"))
    assert args.single and args.classroom == "points.json"
    assert f"base64 -w0 {args.classroom}" in grading["run"] and "GITHUB_OUTPUT" in grading["run"]
    runner = reporter["with"]["runners"]
    assert runner == grading["id"]
    assert reporter["env"] == {
        f"{runner.upper()}_RESULTS": f"${{{{ steps.{runner}.outputs.result }}}}"
    }


def test_gradescope_s_run_autograder_writes_where_gradescope_reads() -> None:
    script = (ROOT / "docs" / "examples" / "gradescope" / "run_autograder").read_text()
    args = class_parser().parse_args(_invocation(script, "check-sum-echo-class"))
    assert args.single and args.gradescope == "/autograder/results/results.json"
    assert str(args.submissions) == "/autograder/submission"
    setup = (ROOT / "docs" / "examples" / "gradescope" / "setup.sh").read_text()
    assert "pip install /autograder/source/conformance_tests" in setup


def test_two_submissions_of_one_name_keep_their_files_apart(tmp_path: Path) -> None:
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / "app.js").write_text("", encoding="utf-8")
    (tmp_path / "ada.py").write_text("", encoding="utf-8")
    assert [s.name for s in submissions(tmp_path)] == ["ada", "ada-2"]
    roster = tmp_path / "roster.csv"
    roster.write_text("name,url\n../../etc/passwd,http://127.0.0.1:1\n", encoding="utf-8")
    place = Place(tmp_path / "out")
    assert place.of("logs", submissions(roster)[0].name, ".log").parent == tmp_path / "out" / "logs"


def test_a_grader_bug_on_one_submission_is_said_and_the_class_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(url: str) -> str:
        raise ValueError("a bug")

    monkeypatch.setattr("conformance_tests.classroom.grading.preflight", broken)
    roster = tmp_path / "roster.csv"
    roster.write_text("name,url\nada,http://127.0.0.1:1\ngrace,http://127.0.0.1:2\n")
    run = run_class(str(roster), "--output", str(tmp_path / "out"))
    assert run.status == 0 and list(run.rows) == ["ada", "grace"]
    for row in run.rows.values():
        assert row["first_problem"].startswith("the grader failed on it (a bug in the grader)")
        assert "ValueError: a bug" in Path(row["log"]).read_text()


def test_a_port_another_program_took_first_is_tried_again(tmp_path: Path) -> None:
    """A server told its port binds it a moment later; if another program took it meanwhile,
    the start is tried on another port, and only its own process's port is ever used."""
    with socket.create_server((HOST, 0)) as taken:
        busy = taken.getsockname()[1]
        tried: list[int] = []

        def command(port: int) -> list[str]:
            tried.append(port)
            use = busy if len(tried) == 1 else port
            return [sys.executable, "-m", "http.server", "--bind", HOST, str(use)]

        with started_anywhere(command, tmp_path, tmp_path / "server.log", 10) as url:
            assert url == f"http://{HOST}:{tried[-1]}"
    assert len(tried) == 2
    assert "Address already in use" in (tmp_path / "server.log").read_text()
