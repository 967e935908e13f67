"""What a class is made of, and how each submission is started the way its author would.

A folder of submissions holds one file or one folder per student. A file or folder is
started by what it is: a Flask module under ``flask run``, a FastAPI module under
``uvicorn``, a Django project under ``manage.py runserver``, a Node project with ``npm
start`` (``npm install`` first when it has no node_modules), a Node, Python or Java file
as itself. A roster (CSV: name, and a url or a command) names the rest.

Every start is told its port twice, as the conventions go: the ``PORT`` environment
variable, and the port itself where the command takes one (``{port}`` in a roster's command).
"""

from __future__ import annotations

import csv
import json
import re
import shlex
import sys
from dataclasses import dataclass
from dataclasses import replace
from pathlib import Path

SOURCES = (".py", ".js", ".mjs", ".java")
PREFERRED = ("app", "main", "server", "index")
"""The names a beginner's entry file has, most common first."""
NPM_INSTALL = ("npm", "install", "--no-audit", "--no-fund")
SKIPPED = {"node_modules", "__pycache__", "venv", ".venv"}
FASTAPI = re.compile(r"^(\w+)\s*(?::[^=\n]*)?=\s*FastAPI\(", re.MULTILINE)
FLASK = re.compile(r"^\s*(?:from flask import|import flask)\b", re.MULTILINE)


class NotASubmission(Exception):
    """Nothing here can be started; the message is the one line the class table shows."""


@dataclass(frozen=True)
class Submission:
    """One student's work: where it runs, and how it starts (or the URL it is already at)."""

    name: str
    folder: Path
    command: tuple[str, ...] = ()
    """With ``{port}`` and ``{python}`` left to fill; empty when ``url`` is given."""
    setup: tuple[str, ...] = ()
    """Run once before the command, in ``folder`` (``npm install``)."""
    url: str = ""
    problem: str = ""
    """Why it cannot be started, found before trying: its row says so and nothing runs."""

    def argv(self, port: int) -> list[str]:
        return [
            part.replace("{port}", str(port)).replace("{python}", sys.executable)
            for part in self.command
        ]

    @property
    def shown(self) -> str:
        """The command as its author would type it, for the table and the log."""
        words = (
            "python" if part == "{python}" else part if "{port}" in part else shlex.quote(part)
            for part in self.command
        )
        return self.url or " ".join(words)


def _python(path: Path) -> tuple[str, ...]:
    source = path.read_text(encoding="utf-8", errors="replace")
    fastapi = FASTAPI.search(source)
    if fastapi:
        return ("{python}", "-m", "uvicorn", f"{path.stem}:{fastapi[1]}", "--port", "{port}")
    if FLASK.search(source):
        return ("{python}", "-m", "flask", "--app", path.name, "run", "--port", "{port}")
    return ("{python}", path.name, "{port}")


def file_command(path: Path) -> tuple[str, ...]:
    """How one source file starts, by its language and, in Python, its framework."""
    if path.suffix == ".py":
        return _python(path)
    if path.suffix == ".java":
        return ("java", path.name, "{port}")
    return ("node", path.name, "{port}")


def _entry(folder: Path) -> Path:
    """The one source file of a folder: the only one, or the one a beginner names app, main…"""
    files = sorted(
        path
        for path in folder.iterdir()
        if path.suffix in SOURCES and path.is_file() and not path.name.startswith(("_", "test"))
    )
    if not files:
        raise NotASubmission(
            f"nothing to start: no package.json, manage.py or .py/.js/.java file in {folder.name}/"
        )
    if len(files) == 1:
        return files[0]
    for stem in PREFERRED:
        named = [path for path in files if path.stem.lower() == stem]
        if named:
            return named[0]
    names = ", ".join(path.name for path in files)
    raise NotASubmission(f"which file starts it? {names}: name it app.py, app.js or main…")


def _node_project(folder: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``npm start`` if the project has a start script, else ``node`` its main file; ``npm
    install`` first unless its node_modules is there already."""
    try:
        package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    except (ValueError, OSError) as error:
        raise NotASubmission(f"its package.json cannot be read: {error}") from None
    setup = (
        () if (folder / "node_modules").is_dir() else ("npm", "install", "--no-audit", "--no-fund")
    )
    if isinstance(package, dict) and "start" in (package.get("scripts") or {}):
        return setup, ("npm", "start", "--", "{port}")
    main = package.get("main") if isinstance(package, dict) else None
    if isinstance(main, str) and (folder / main).is_file():
        return setup, ("node", main, "{port}")
    return setup, file_command(_entry(folder))


def _wrapped(folder: Path) -> Path | None:
    """The one folder inside a folder with nothing else to start, as an unpacked zip has."""
    if (folder / "package.json").is_file():
        return None
    inside = [path for path in folder.iterdir() if _candidate(path)]
    return inside[0] if len(inside) == 1 and inside[0].is_dir() else None


def recognise(path: Path, name: str = "") -> Submission:
    """A submission from its file or folder, named after it; a problem if it cannot start."""
    name = name or (path.stem if path.is_file() else path.name)
    try:
        if path.is_dir() and (inner := _wrapped(path)) is not None:
            return recognise(inner, name)
        if path.is_file():
            return Submission(name, path.parent, file_command(path))
        if (path / "package.json").is_file():
            setup, command = _node_project(path)
            return Submission(name, path, command, setup)
        if (path / "manage.py").is_file():
            runserver = ("{python}", "manage.py", "runserver", "{port}", "--noreload")
            return Submission(name, path, runserver)
        entry = _entry(path)
        return Submission(name, path, file_command(entry))
    except NotASubmission as error:
        return Submission(name, path, problem=str(error))


def _candidate(path: Path) -> bool:
    if path.name.startswith((".", "_")) or path.name in SKIPPED:
        return False
    return path.is_dir() or path.suffix in SOURCES


def in_folder(folder: Path) -> list[Submission]:
    """Every submission in a class folder, by name."""
    return [recognise(path) for path in sorted(folder.iterdir()) if _candidate(path)]


def from_roster(roster: Path) -> list[Submission]:
    """A roster's rows: ``name`` and a ``url`` or a ``command`` (run in ``folder``, relative
    to the roster, or the roster's own folder)."""
    with roster.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    if not rows or "name" not in rows[0]:
        raise NotASubmission(f"{roster} needs a header row: name,url or name,command[,folder]")
    found = []
    for number, row in enumerate(rows, 2):
        name = (row.get("name") or "").strip() or f"line {number}"
        url, command = (row.get("url") or "").strip(), (row.get("command") or "").strip()
        folder = roster.parent / (row.get("folder") or "").strip()
        if url:
            found.append(Submission(name, folder, url=url))
        elif command:
            found.append(Submission(name, folder, tuple(shlex.split(command))))
        else:
            found.append(Submission(name, folder, problem=f"line {number}: no url or command"))
    return found


def _named_once(found: list[Submission]) -> list[Submission]:
    """``ada`` and ``ada.py`` in one class are ``ada`` and ``ada-2``: each keeps its files."""
    seen: dict[str, int] = {}
    named = []
    for submission in found:
        seen[submission.name] = seen.get(submission.name, 0) + 1
        count = seen[submission.name]
        named.append(
            replace(submission, name=f"{submission.name}-{count}") if count > 1 else submission
        )
    return named


def submissions(path: Path) -> list[Submission]:
    """A class: a roster file (.csv) or a folder of submissions."""
    if path.is_file() and path.suffix.lower() == ".csv":
        return _named_once(from_roster(path))
    if path.is_dir():
        return _named_once(in_folder(path))
    raise NotASubmission(f"{path}: give a folder of submissions or a roster .csv file")
