"""An exception inside the service becomes the contract's JSON 500, on every adapter.

The fault is injected through ``create_app(service)``, so this runs in-process only:
no request from outside can make a correct service raise.
"""

from __future__ import annotations

from typing import Any

import pytest

from conformance_tests.grader.cases import GET_CASES
from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import as_head
from conformance_tests.grader.checks import case_problems
from core import ROUTES
from core import Reply
from core import Service
from devtools.in_process import call
from harness.adapters import Adapter

INTERNAL_ERROR = b'{"message":"Internal server error","status":500}'
ROUTED = [case for case in GET_CASES if case.status == 200]


def _fails(*args: object) -> Reply:
    raise RuntimeError("injected")


class BrokenService(Service):
    """Every route's method raises (each route in core/routes.py is answered by the service's
    method of its name); the error hooks still work."""

    def __getattribute__(self, name: str) -> Any:
        if name in {route.name for route in ROUTES}:
            return _fails
        return super().__getattribute__(name)


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("target", [case.target for case in ROUTED], ids=[c.name for c in ROUTED])
def test_exception_is_json_500(adapter: Adapter, target: str, method: str) -> None:
    answer = call(adapter.create_app(BrokenService()), method, target)
    expected = Case("internal-error", "GET", target, 500, INTERNAL_ERROR)
    problems = case_problems(answer, as_head(expected) if method == "HEAD" else expected)
    assert [f"{p.kind}: {p.detail}" for p in problems] == []


def test_the_traceback_goes_to_the_log_not_the_client(
    adapter: Adapter, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    """The contributor sees the cause of a 500; the client sees only the JSON."""
    answer = call(adapter.create_app(BrokenService()), "GET", "/sum/1/2")
    logged = caplog.text + capsys.readouterr().err
    assert "Traceback" in logged and "RuntimeError: injected" in logged
    assert b"injected" not in answer.body


def debug_switched_on(app: object, monkeypatch: pytest.MonkeyPatch) -> str:
    """Turn on the framework's debug mode, where it has one; returns which one it was."""
    from bottle import Bottle
    from flask import Flask

    if isinstance(app, Flask):
        app.debug = True  # Flask then re-raises the exception unless PROPAGATE_EXCEPTIONS is off
        return "flask"
    if isinstance(app, Bottle):
        monkeypatch.setattr("bottle.DEBUG", True)  # Bottle then prints tracebacks in its pages
        return "bottle"
    return ""  # Falcon and raw WSGI have no debug mode to turn on


def test_debug_mode_keeps_the_json_500(adapter: Adapter, monkeypatch: pytest.MonkeyPatch) -> None:
    """The contract says the 500 is the JSON one whatever the debug setting."""
    app = adapter.create_app(BrokenService())
    debug_switched_on(app, monkeypatch)
    answer = call(app, "GET", "/sum/1/2")
    expected = Case("internal-error", "GET", "/sum/1/2", 500, INTERNAL_ERROR)
    assert [f"{p.kind}: {p.detail}" for p in case_problems(answer, expected)] == []
