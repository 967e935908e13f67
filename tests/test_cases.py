"""The case loader: YAML in, the plain values every runner shares, mistakes refused.

The loader also runs when the grader is imported; these tests call it on files of
their own, so that a change to it shows here rather than in every case at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance_tests.grader.cases import GROUPS
from conformance_tests.grader.cases import Case
from conformance_tests.grader.cases import as_head
from conformance_tests.grader.cases import load_cases
from conformance_tests.grader.cases import load_groups
from conformance_tests.grader.cases import with_head_twins
from conformance_tests.grader.levels import Level

GROUP = """\
group: {name}
title: The {name}
section: routes
order: {order}
canonical: {name}-plain
advice: "add it"
{extra}
vars:
  long: {{repeat: "ab", times: 3}}
cases:
  - name: {name}-plain
    description: the plain one
    request: {{target: "/echo/$long"}}
    status: 200
    body: '{{"echo":"$long $long"}}'
  - name: {name}-posted
    request: {{method: POST, target: "/echo/a", headers: {{Host: "$long.example", X-N: 1}}}}
    status: 405
    headers: {{Allow: "GET, HEAD, OPTIONS"}}
    body: '{{"message":"Method not allowed","status":405}}'
    level: manners
    in_process_only: a server refuses it
"""


def write(folder: Path, name: str, order: int, extra: str = "") -> None:
    text = GROUP.format(name=name, order=order, extra=extra)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_groups_in_their_order_and_cases_as_written(tmp_path: Path) -> None:
    write(tmp_path, "b", 1, "level: manners\nneeds: a")
    write(tmp_path, "a", 2)
    groups, cases = load_groups(tmp_path)
    assert [(g.name, g.title, g.order, g.level, g.needs) for g in groups] == [
        ("b", "The b", 1, Level.MANNERS, "a"), ("a", "The a", 2, Level.MEANING, ""),
    ]  # fmt: skip
    first = groups[0]
    assert (first.canonical, first.advice, first.section) == ("b-plain", "add it", "routes")
    plain, posted = [case for case in cases if case.group == "a"]
    assert plain == Case(
        "a-plain", "GET", "/echo/ababab", 200, b'{"echo":"ababab ababab"}',
        description="the plain one", group="a", level=Level.MEANING,
    )  # fmt: skip
    assert (posted.method, posted.headers, posted.level, posted.in_process_only) == (
        "POST", {"Allow": "GET, HEAD, OPTIONS"}, Level.MANNERS, "a server refuses it",
    )  # fmt: skip
    assert posted.request_headers == {"Host": "ababab.example", "X-N": "1"}
    assert [c.level for c in cases if c.group == "b"] == [Level.MANNERS, Level.MANNERS]
    assert load_cases(tmp_path) == cases


def test_names_must_be_unique_and_each_group_needs_its_canonical_case(tmp_path: Path) -> None:
    write(tmp_path, "a", 1)
    copied = (tmp_path / "a.yaml").read_text().replace("group: a", "group: c")
    (tmp_path / "copy.yaml").write_text(copied)
    with pytest.raises(ValueError, match=r"case names must be unique: \['a-plain', 'a-posted'\]"):
        load_groups(tmp_path)
    (tmp_path / "copy.yaml").unlink()
    text = (tmp_path / "a.yaml").read_text().replace("canonical: a-plain", "canonical: a-none")
    (tmp_path / "a.yaml").write_text(text)
    with pytest.raises(ValueError, match="group a: no case 'a-none' to be its canonical"):
        load_groups(tmp_path)


def test_a_head_twin_is_its_get_without_a_body() -> None:
    get = Case("x", "GET", "/echo/a", 200, b'{"echo":"a a"}', {"Allow": "GET"}, group="echo")
    twin = as_head(get)
    assert twin == Case("x-as-head", "HEAD", "/echo/a", 200, b"",
                        {"Allow": "GET", "Content-Length": "14"}, group="echo",
                        level=Level.MANNERS, twin_of="x")  # fmt: skip
    post = Case("y", "POST", "/echo/a", 405, b"{}")
    assert with_head_twins([get, post]) == [get, post, twin]


def test_the_contracts_own_groups() -> None:
    """Eight routes, in the order the course builds them, each with its plain request."""
    first = ["sum_query", "sum_path", "echo", "routing", "validation", "missing", "methods",
             "headers"]  # fmt: skip
    assert [g.name for g in GROUPS][: len(first)] == first  # a new route's group comes after
    by_name = {case.name: case for case in load_cases()}
    assert [by_name[g.canonical].target for g in GROUPS][: len(first)] == [
        "/sum?number1=13&number2=28", "/sum/42/117", "/echo/hello", "/nope", "/sum/abc/1",
        "/sum?number1=1", "/sum/1/2", "/sum/1/2",
    ]  # fmt: skip
