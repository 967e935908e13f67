"""Facts about the machine and software, so a reader can judge and reproduce the numbers."""

from __future__ import annotations

import ast
import os
import platform
from importlib import metadata
from pathlib import Path

from harness.adapters import ROOT
from harness.adapters import discover

TOOLS = ("gunicorn", "waitress", "granian", "locust")


def adapter_packages() -> list[str]:
    """The distributions the adapters import (flask, bottle, falcon, ...), found in their code."""
    modules: set[str] = set()
    for adapter in discover():
        tree = ast.parse((ROOT / adapter.package / "app.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
    owners = metadata.packages_distributions()
    own = {module for module in modules if (ROOT / module).is_dir()}  # core, this project's
    return sorted({d.lower() for module in modules - own for d in owners.get(module, [])})


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def machine_facts() -> dict[str, str]:
    facts = {
        "cpu": cpu_model(),
        "cpu count": str(os.cpu_count()),
        "os": platform.platform(),
        "python": platform.python_version(),
    }
    for package in [*adapter_packages(), "werkzeug", *TOOLS]:
        try:
            facts[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            facts[package] = "not installed"
    return facts
