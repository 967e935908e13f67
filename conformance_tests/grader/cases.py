"""Load the data cases (cases/*.yaml) into plain values the runners share.

Each file is one group, a route of the contract as a learner sees it (sum by
query, sum by path, echo, ...); the group gives its cases a title, the contract
section to read, the lowest level that grades them (the methods group is all
HTTP manners, so level 2), its place on the scorecard, and its canonical case:
the plain request the card shows first for that route.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from pathlib import Path
from string import Template
from typing import Any

import yaml

from conformance_tests.grader.levels import Level

CASES_DIR = Path(__file__).parent.parent / "cases"


@dataclass(frozen=True)
class Group:
    """One file of cases: what it covers, and where the contract explains it."""

    name: str
    title: str
    section: str
    """An anchor in contract/README.md."""
    level: Level = Level.MEANING
    order: int = 0
    """Its place on the scorecard: the routes in the order the course builds them."""
    canonical: str = ""
    """The name of its plainest case, the contract's own example of the route."""
    advice: str = ""
    """What to do when the route is missing or answers something else entirely."""
    needs: str = ""
    """The group whose route serves these requests too (invalid addends need the sum's)."""


@dataclass(frozen=True)
class Case:
    """One request and the exact answer the contract expects."""

    name: str
    method: str
    target: str
    status: int
    body: bytes
    """The canonical bytes (level 3); parsed as JSON, the meaning (level 1)."""
    headers: dict[str, str] = field(default_factory=dict)
    """Response headers the case requires beyond the common ones (level 2)."""
    request_headers: dict[str, str] = field(default_factory=dict)
    description: str = ""
    in_process_only: str = ""
    """Why a server may stop this request before the app sees it; empty for most cases."""
    group: str = ""
    level: Level = Level.MEANING
    """The level that grades the case's status and body; manners and bytes are always 2 and 3."""
    twin_of: str = ""
    """For a HEAD twin, the GET case whose body sets its Content-Length."""
    request_body: bytes = b""
    """What the request sends after its headers (a form, say); empty for most cases."""


def request_line(case: Case, limit: int = 70) -> str:
    """The request as sent, with any header it carries: what a learner repeats to see it."""
    extra = "".join(f" [{k}: {v}]" for k, v in case.request_headers.items())
    target = case.target if len(case.target) <= limit else case.target[:limit] + "…"
    return f"{case.method} {target}{extra}"


def _expand(text: str, variables: dict[str, str]) -> str:
    return Template(text).substitute(variables)


def _variables(raw: dict[str, Any]) -> dict[str, str]:
    return {name: spec["repeat"] * int(spec["times"]) for name, spec in raw.get("vars", {}).items()}


def _strings(mapping: dict[str, Any]) -> dict[str, str]:
    return {str(k): str(v) for k, v in mapping.items()}


def _case(raw: dict[str, Any], variables: dict[str, str], group: Group) -> Case:
    request = raw["request"]
    return Case(
        name=raw["name"],
        method=request.get("method", "GET"),
        target=_expand(request["target"], variables),
        status=int(raw["status"]),
        body=_expand(raw["body"], variables).encode("utf-8"),
        headers=_strings(raw.get("headers", {})),
        request_headers={
            name: _expand(value, variables)
            for name, value in _strings(request.get("headers", {})).items()
        },
        description=raw.get("description", ""),
        in_process_only=raw.get("in_process_only", ""),
        group=group.name,
        level=Level.parse(raw.get("level", group.level.name)),
        request_body=_expand(request.get("body", ""), variables).encode("utf-8"),
    )


def _group(raw: dict[str, Any]) -> Group:
    return Group(
        raw["group"],
        raw["title"],
        raw["section"],
        Level.parse(raw.get("level", "meaning")),
        int(raw["order"]),
        raw["canonical"],
        raw["advice"],
        raw.get("needs", ""),
    )


def load_groups(directory: Path = CASES_DIR) -> tuple[list[Group], list[Case]]:
    """Every group, and every case of every group in file order; names must be unique."""
    groups: list[Group] = []
    cases: list[Case] = []
    for path in sorted(directory.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        group = _group(raw)
        groups.append(group)
        variables = _variables(raw)
        cases.extend(_case(case, variables, group) for case in raw["cases"])
    names = [case.name for case in cases]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"case names must be unique: {duplicates}")
    for group in groups:
        if not any(c.name == group.canonical and c.group == group.name for c in cases):
            raise ValueError(f"group {group.name}: no case {group.canonical!r} to be its canonical")
    return sorted(groups, key=lambda group: group.order), cases


def load_cases(directory: Path = CASES_DIR) -> list[Case]:
    return load_groups(directory)[1]


def as_head(case: Case) -> Case:
    """The same request as HEAD: same status and headers, no body. HEAD is a manner (level 2)."""
    headers = {**case.headers, "Content-Length": str(len(case.body))}
    return replace(
        case,
        name=case.name + "-as-head",
        method="HEAD",
        body=b"",
        headers=headers,
        level=max(case.level, Level.MANNERS),
        twin_of=case.name,
    )


def with_head_twins(cases: list[Case]) -> list[Case]:
    """The cases, then every GET case again as HEAD."""
    return cases + [as_head(case) for case in cases if case.method == "GET"]


GROUPS, CASES = load_groups()
GET_CASES = [case for case in CASES if case.method == "GET"]
