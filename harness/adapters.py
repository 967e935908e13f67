"""Adapters are found by convention: every ``impl_<name>/app.py`` at the project root.

A fifth framework is one new folder; the suite and the benchmark pick it up.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from core import SERVICE
from core import Service

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "impl_"
BASELINE = "wsgi"
"""The framework-free adapter that ratios are taken against."""
BASELINES = {"wsgi": BASELINE, "asgi": "asgi"}
"""Each interface's framework-free adapter: an ASGI adapter's ratios are taken to raw ASGI."""

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
ASGIApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]
App = WSGIApp | ASGIApp


def is_asgi(app: Any) -> bool:
    """An ASGI app is a coroutine function, or an object whose ``__call__`` is one."""
    call = app if inspect.isfunction(app) else getattr(app, "__call__", None)  # noqa: B004
    return inspect.iscoroutinefunction(call)


@cache
def _interface(package: str) -> str:
    return "asgi" if is_asgi(importlib.import_module(f"{package}.app").app) else "wsgi"


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

    @property
    def interface(self) -> str:
        """``wsgi`` or ``asgi``, read from the adapter's ``app`` (importing it)."""
        return _interface(self.package)

    @property
    def baseline(self) -> Adapter:
        return Adapter(BASELINES[self.interface])

    def create_app(self, service: Service = SERVICE) -> Any:
        """The app (WSGI or ASGI, as ``interface`` says) from the adapter's factory."""
        module = importlib.import_module(f"{self.package}.app")
        return module.create_app(service)


def discover(root: Path = ROOT) -> list[Adapter]:
    """Every adapter folder, in a stable order."""
    found = (path.parent.name for path in root.glob(f"{PREFIX}*/app.py"))
    return sorted(Adapter(name.removeprefix(PREFIX)) for name in found)


def with_baseline(adapters: Sequence[Adapter]) -> list[Adapter]:
    """The adapters and each one's baseline: comparing an adapter only with itself proves
    nothing."""
    baselines = dict.fromkeys(adapter.baseline for adapter in adapters) or [Adapter(BASELINE)]
    return [*adapters, *(baseline for baseline in baselines if baseline not in adapters)]


def twin(adapter: Adapter, root: Path = ROOT) -> Adapter | None:
    """An ASGI adapter's WSGI twin, the same code on the other interface: ``impl_<x>_asgi``'s
    is ``impl_<x>``, raw ASGI's is raw WSGI."""
    if adapter.name == BASELINES["asgi"]:
        return Adapter(BASELINE)
    sync = adapter.name.removesuffix("_asgi")
    found = sync != adapter.name and (root / f"{PREFIX}{sync}" / "app.py").is_file()
    return Adapter(sync) if found else None


def of_interface(adapters: Sequence[Adapter], interface: str) -> list[Adapter]:
    return [adapter for adapter in adapters if adapter.interface == interface]


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
