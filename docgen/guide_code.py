"""Cutting the guide's code out of the files themselves, so the guide cannot drift from them."""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

from harness.adapters import ROOT
from harness.adapters import Adapter

MARKER = re.compile(r"^\s*# --- (?P<title>.+?) ---\s*$")
END = re.compile(r"^\s*return app\s*$")
WIDTH = 100
"""No line of the guide is wider: it reads in a terminal as on a forge."""


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


def block(code: str, language: str = "python") -> str:
    return f"```{language}\n{code.rstrip()}\n```"


def without_docstring(source: str) -> str:
    """A module's code from its first import on: its docstring is the guide's prose."""
    tree = ast.parse(source)
    first = tree.body[1] if ast.get_docstring(tree) else tree.body[0]
    return "\n".join(source.splitlines()[first.lineno - 1 :])


def docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""


def function_source(path: Path, name: str) -> str:
    """One top-level function, or one method (``Class.method``), as written."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    owner, _, method = name.rpartition(".")
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == owner:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == method:
                    return textwrap.dedent(ast.get_source_segment(source, item, padded=True) or "")
        if not owner and isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.get_source_segment(source, node) or ""
    raise ValueError(f"no {name} in {path}")
