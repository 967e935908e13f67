"""No part of the guide uses a word a beginner from the course may not know before it says what
the word means: each part opens by defining the terms it is the first to use."""

from __future__ import annotations

import re

import pytest

from docgen.guide import render_pages
from docgen.guide_words import WORDS
from docgen.guide_words import first_used

JARGON = {
    # what a page may say: the glossary's term that explains it
    "HEAD": "HEAD", "OPTIONS": "OPTIONS", "header": "header", "redirect": "redirect",
    "diff": "diff", "```diff": "diff", "@@": "diff", "regex": "regular expression (regex)",
    "regular expression": "regular expression (regex)", "fullmatch": "regular expression (regex)",
    "type hint": "type hint", "decorator": "decorator", "@app.": "decorator",
    "--seed": "seed", "query string": "query string", "JSON": "JSON", "status": "status",
    "scorecard": "scorecard", "level 1": "level", "route": "route",
    "development server": "development server", "overflow": "overflow", "Upgrade": "Upgrade",
    "websocket": "Upgrade", "Werkzeug": "Werkzeug", "UTF-8": "UTF-8", "canonical": "canonical",
    "segment": "segment", "%2F": "percent-encoding", "adapter": "adapter", "core/": "core",
    "functional core": "functional core", "benchmark": "benchmark", "baseline": "baseline",
    "WSGI": "WSGI", "environ": "environ", "frozen": "frozen", "factory": "factory",
    "create_app": "factory", "converter": "converter", "responder": "responder",
    "on_get": "responder", "middleware": "middleware", "debug mode": "debug mode",
    "PROPAGATE_EXCEPTIONS": "PROPAGATE_EXCEPTIONS", "thread": "thread", "ASGI": "ASGI",
    "coroutine": "coroutine", "await": "coroutine", "event loop": "event loop",
    "in-process": "in-process", "valgrind": "instructions", "instructions": "instructions",
    "req/s": "req/s", "p50": "p50", "A/A": "A/A control",
    "[95%]": "95% interval", "CORS": "CORS", "Access-Control-Allow-Origin": "CORS",
    "nosniff": "nosniff",
    # words no part uses now: a part that starts to fails here until the glossary has them
    "GIL": "GIL", "smuggling": "request smuggling", "keep-alive": "keep-alive",
    "pipelining": "pipelining", "mutant": "mutant", "xfail": "xfail", "fixture": "fixture",
    "hunk": "diff", "lambda": "lambda", "dataclass": "frozen", "percentile": "p50",
}  # fmt: skip
"""Each word that needs explaining, as a page may write it, and the glossary's term for it."""

PAGES = render_pages()
PARTS = list(PAGES.values())[1:]


def box_of(page: str) -> str:
    """The box a part opens with: from "**New words**" to the first blank line."""
    found = re.search(r"^\*\*New words\*\*.*?(?=\n\n)", page, re.MULTILINE | re.DOTALL)
    assert found is not None, page[:200]
    return found.group()


BOXES = [box_of(page) for page in PARTS]
BODIES = [page.split(box, 1)[1].rsplit("\nNext: ", 1)[0]
          for page, box in zip(PARTS, BOXES, strict=True)]  # fmt: skip
DEFINED = [re.findall(r"^- \*\*(.+?)\*\*: ", box, re.M) for box in BOXES]
"""The terms each part's box defines, as the page shows them."""
TERMS = {word.term for word in WORDS}


def uses(text: str, said: str) -> int | None:
    """Where the text first uses the word as a word (plural too), or None."""
    case = "" if said.isupper() else "(?i)"
    found = re.search(rf"{case}(?<![\w-]){re.escape(said)}(s|es)?(?!\w)", text)
    return found.start() if found else None


@pytest.mark.parametrize("number", range(1, len(PARTS) + 1))
def test_every_hard_word_is_explained_before_its_use(number: int) -> None:
    body = BODIES[number - 1]
    before = {term for terms in DEFINED[:number] for term in terms}
    for said, term in JARGON.items():
        if uses(body, said) is None:
            continue
        assert term in TERMS, f"part {number} says {said!r}: the glossary lacks {term!r}"
        assert term in before, f"part {number} says {said!r} before it explains {term!r}"


def test_each_part_s_box_defines_the_words_it_is_first_to_use() -> None:
    for box, words in zip(BOXES, first_used(BODIES), strict=True):
        assert all(f"- **{word.term}**: " in box for word in words)
        assert box.count("\n- **") + box.startswith("- **") == len(words)


def test_the_index_defines_every_word() -> None:
    for word in WORDS:
        assert f"- **{word.term}**: " in PAGES["guide.md"]


def test_a_word_is_found_as_a_word() -> None:
    assert uses("a different thing", "diff") is None
    assert uses("the headers it sends", "header") == 4
    assert uses("your head", "HEAD") is None
