"""The contract is stated three times (OpenAPI, prose, case data); they must agree with core."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
import yaml
from openapi_spec_validator import validate

from conformance_tests.grader.cases import CASES
from conformance_tests.grader.cases import Case
from core import Message
from harness.adapters import ROOT

OPENAPI: dict[str, Any] = yaml.safe_load((ROOT / "contract" / "openapi.yaml").read_text())
PROSE = (ROOT / "contract" / "README.md").read_text()
ERROR_RESPONSES = {
    400: "BadRequest", 404: "NotFound", 405: "MethodNotAllowed", 500: "InternalError",
}  # fmt: skip


def test_openapi_document_is_valid() -> None:
    validate(OPENAPI)


def test_error_messages_match_core() -> None:
    listed = OPENAPI["components"]["schemas"]["Error"]["properties"]["message"]["enum"]
    assert listed == [message.value for message in Message]


@pytest.mark.parametrize("message", list(Message), ids=[m.name for m in Message])
def test_prose_states_every_message(message: Message) -> None:
    assert f"`{message.value}`" in PROSE


def test_addend_pattern_matches_core() -> None:
    from core.addends import DECIMAL

    assert OPENAPI["components"]["schemas"]["Addend"]["pattern"] == f"^{DECIMAL.pattern}$"


def _ok_schema(path: str) -> str:
    """The 200 schema of the OpenAPI path a case's path falls under: the document says which."""
    for template, item in OPENAPI["paths"].items():
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), "/" + path.lstrip("/")):
            ok = item["get"]["responses"]["200"]
            if "$ref" in ok:  # a shared response, under components
                ok = OPENAPI["components"]["responses"][ok["$ref"].rsplit("/", 1)[1]]
            return str(ok["content"]["application/json"]["schema"]["$ref"])
    raise AssertionError(f"no OpenAPI path for {path}")


def _response_schema(case: Case) -> dict[str, Any] | None:
    if case.status == 200:
        ref = _ok_schema(case.target.partition("?")[0])
    elif case.status in ERROR_RESPONSES:
        response = OPENAPI["components"]["responses"][ERROR_RESPONSES[case.status]]
        ref = response["content"]["application/json"]["schema"]["$ref"]
    else:
        return None
    return {**OPENAPI, "$ref": ref}


BODIES = [case for case in CASES if case.body]


@pytest.mark.parametrize("case", BODIES, ids=[case.name for case in BODIES])
def test_case_bodies_follow_the_schemas(case: Case) -> None:
    schema = _response_schema(case)
    assert schema is not None, f"no schema for status {case.status}"
    jsonschema.Draft202012Validator(schema).validate(json.loads(case.body))


def test_cases_cover_every_message() -> None:
    bodies = {json.loads(case.body).get("message") for case in BODIES}
    expected = {m.value for m in Message} - {Message.INTERNAL_ERROR.value}  # see test_server_errors
    assert expected <= bodies


def test_prose_links_resolve() -> None:
    for link in re.findall(r"\]\(([^)#]+)\)", PROSE):
        assert (ROOT / "contract" / link).resolve().exists(), link
