"""core.Service: replies are values, checked here without any framework or server."""

from __future__ import annotations

import json

import pytest

from core import ROUTES
from core import SERVICE
from core import Message
from core import Route
from core import find
from core import render_json
from core.service import error


def test_sum_reply_is_compact_json_in_key_order() -> None:
    reply = SERVICE.sum_path("42", "117")
    assert reply.status == 200
    assert reply.status_line == "200 OK"
    assert reply.body == b'{"number1":42.0,"number2":117.0,"total_sum":159.0,"status":200}'
    assert dict(reply.headers)["Content-Type"] == "application/json"


def test_overflowing_sum_is_its_own_error() -> None:
    reply = SERVICE.sum_path("1e308", "1e308")
    assert (reply.status, json.loads(reply.body)["message"]) == (400, Message.SUM_OVERFLOW.value)


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ([], ["1"], Message.MISSING_ADDEND),
        (["1"], [], Message.MISSING_ADDEND),
        (["x"], [], Message.MISSING_ADDEND),
        (["1", "2"], ["1"], Message.REPEATED_ADDEND),
        ([""], ["1"], Message.INVALID_ADDEND),
        (["1"], ["nan"], Message.INVALID_ADDEND),
    ],
)
def test_query_errors_in_order(first: list[str], second: list[str], message: Message) -> None:
    reply = SERVICE.sum_query(first, second)
    assert json.loads(reply.body) == {"message": message.value, "status": 400}


def test_echo_keeps_unicode_unescaped() -> None:
    assert SERVICE.echo("é😀").body == '{"echo":"é😀 é😀"}'.encode()


def test_options_is_204_without_content_type() -> None:
    reply = SERVICE.other_method("OPTIONS", "/sum/1/2")
    assert (reply.status, reply.body) == (204, b"")
    assert dict(reply.headers) == {
        "Allow": "GET, HEAD, OPTIONS",
        "X-Content-Type-Options": "nosniff",
        "Access-Control-Allow-Origin": "*",
    }


def test_other_methods_are_405_with_the_routes_own_methods(monkeypatch: pytest.MonkeyPatch) -> None:
    reply = SERVICE.other_method("DELETE", "/echo/hi")
    assert reply.status == 405
    assert dict(reply.headers)["Allow"] == "GET, HEAD, OPTIONS"
    posting = (Route("sum_query", "/sum", ("GET", "HEAD", "POST", "OPTIONS")), *ROUTES[1:])
    monkeypatch.setattr("core.routes.ROUTES", posting)
    assert dict(SERVICE.other_method("PUT", "/sum").headers)["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert dict(SERVICE.other_method("PUT", "/sum/1/2").headers)["Allow"] == "GET, HEAD, OPTIONS"


def test_a_path_the_contract_lacks_is_404_whatever_a_framework_thought() -> None:
    assert SERVICE.other_method("DELETE", "/nope").status == 404


@pytest.mark.parametrize(
    ("path", "found"),
    [
        ("/sum", "sum_query"), ("//sum", "sum_query"), ("/sum/1/2", "sum_path"),
        ("/echo/a b", "echo"),
        ("/echo/", None), ("/sum//2", None), ("/sum/1/2/", None), ("/Sum", None), ("/", None),
        ("/echo/a/b", None), ("/summary", None), ("/Xsum", None), ("/X/sum", None),
    ],
)  # fmt: skip
def test_the_route_table_matches_decoded_paths(path: str, found: str | None) -> None:
    match = find(path)
    assert (None if match is None else match.name) == found


@pytest.mark.parametrize("message", list(Message), ids=[m.name for m in Message])
def test_every_error_body_has_message_and_status(message: Message) -> None:
    reply = error(message)
    assert json.loads(reply.body) == {"message": message.value, "status": reply.status}
    assert reply.status in (400, 404, 405, 500)


def test_rendering_refuses_nan() -> None:
    with pytest.raises(ValueError):
        render_json({"total_sum": float("nan")})
