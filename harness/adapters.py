"""Adapters are found by convention: every ``impl_<name>/app.py`` at the project root.

A fifth framework is one new folder; the suite and the benchmark pick it up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core import SERVICE
from core import Service

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "impl_"
BASELINE = "wsgi"
"""The framework-free adapter that ratios are taken against."""

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass(frozen=True, order=True)
class Adapter:
    """One ``impl_<name>`` package; ``name`` is what ids and reports show."""

    name: str

    @property
    def package(self) -> str:
        return PREFIX + self.name

    @property
    def app_path(self) -> str:
        """``module:callable``, as gunicorn, waitress and granian take it."""
        return f"{self.package}.app:app"

    def create_app(self, service: Service = SERVICE) -> WSGIApp:
        module = importlib.import_module(f"{self.package}.app")
        app: WSGIApp = module.create_app(service)
        return app


def discover(root: Path = ROOT) -> list[Adapter]:
    """Every adapter folder, in a stable order."""
    found = (path.parent.name for path in root.glob(f"{PREFIX}*/app.py"))
    return sorted(Adapter(name.removeprefix(PREFIX)) for name in found)


def with_baseline(adapters: Sequence[Adapter]) -> list[Adapter]:
    """The adapters and the baseline: comparing a new adapter only with itself proves nothing."""
    baseline = Adapter(BASELINE)
    return list(adapters) if baseline in adapters else [*adapters, baseline]


def select(names: Sequence[str] | None) -> list[Adapter]:
    """The named adapters (all when none are named); unknown names are an error."""
    available = discover()
    if not names:
        return available
    by_name = {adapter.name: adapter for adapter in available}
    unknown = [name for name in names if name not in by_name]
    if unknown:
        known = ", ".join(by_name)
        raise ValueError(f"unknown adapter(s): {', '.join(unknown)} (known: {known})")
    return [by_name[name] for name in names]
