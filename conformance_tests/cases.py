"""Load the data cases (cases/*.yaml) into plain values the runners share."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from pathlib import Path
from string import Template
from typing import Any

import yaml

CASES_DIR = Path(__file__).parent / "cases"


@dataclass(frozen=True)
class Case:
    """One request and the exact answer the contract expects."""

    name: str
    method: str
    target: str
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    description: str = ""
    in_process_only: str = ""
    """Why a server may stop this request before the app sees it; empty for most cases."""


def _expand(text: str, variables: dict[str, str]) -> str:
    return Template(text).substitute(variables)


def _variables(group: dict[str, Any]) -> dict[str, str]:
    return {
        name: spec["repeat"] * int(spec["times"]) for name, spec in group.get("vars", {}).items()
    }


def _case(raw: dict[str, Any], variables: dict[str, str]) -> Case:
    request = raw["request"]
    return Case(
        name=raw["name"],
        method=request.get("method", "GET"),
        target=_expand(request["target"], variables),
        status=int(raw["status"]),
        body=_expand(raw["body"], variables).encode("utf-8"),
        headers={str(k): str(v) for k, v in raw.get("headers", {}).items()},
        description=raw.get("description", ""),
        in_process_only=raw.get("in_process_only", ""),
    )


def load_cases(directory: Path = CASES_DIR) -> list[Case]:
    """Every case of every group, in file order; names must be unique."""
    cases: list[Case] = []
    for path in sorted(directory.glob("*.yaml")):
        group = yaml.safe_load(path.read_text(encoding="utf-8"))
        variables = _variables(group)
        cases.extend(_case(raw, variables) for raw in group["cases"])
    names = [case.name for case in cases]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"case names must be unique: {duplicates}")
    return cases


def as_head(case: Case) -> Case:
    """The same request as HEAD: same status and headers, no body."""
    headers = {**case.headers, "Content-Length": str(len(case.body))}
    return replace(case, name=case.name + "-as-head", method="HEAD", body=b"", headers=headers)


CASES = load_cases()
GET_CASES = [case for case in CASES if case.method == "GET"]
