"""The guide's words, as data: each term, how to spot it in a page, and what it means.

Each part of the guide opens by defining the terms it is the first to use (in the order a
reader reads the parts), and the guide's index lists them all; tests/test_guide_words.py
fails when a page uses a term a beginner may not know that is not here.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from docgen.guide_code import WIDTH


@dataclass(frozen=True)
class Word:
    term: str
    pattern: str
    """A regular expression that finds the term's use in a page, code included."""
    meaning: str

    def first_use(self, page: str) -> int | None:
        """Where the page first uses the term, or None."""
        found = re.search(self.pattern, page, re.MULTILINE)
        return found.start() if found else None

    def entry(self) -> str:
        line = f"- **{self.term}**: {self.meaning}"
        return textwrap.fill(line, WIDTH, subsequent_indent="  ", break_on_hyphens=False)


WORDS = (
    Word("route", r"\broutes?\b", "a URL pattern, such as `/sum/<number1>/<number2>`, with the "
         "function that answers it."),
    Word("decorator", r"\bdecorators?\b|^\s*@\w", "a line `@something` above a function, which "
         "hands the function to `something`: `@app.get(\"/sum\")` makes it the answer to "
         "`GET /sum`."),
    Word("query string", r"(?i)\bquery\b", "the part of a URL after `?`: "
         "`/sum?number1=13&number2=28` has two parameters, `number1` and `number2`."),
    Word("JSON", r"\bJSON\b", "text for objects, lists, strings and numbers, such as "
         "`{\"echo\":\"hello hello\"}`; every answer of the contract is a JSON object."),
    Word("status", r"\bstatus\b", "the number an answer starts with: 200 ok, 204 ok with no "
         "body, 400 a bad request, 404 no such path, 405 not that method here, 500 the server "
         "failed."),
    Word("header", r"(?i)\bheaders?\b", "a `Name: value` line sent before a body, by the client "
         "or the server: `Content-Type: application/json` says what the body is."),
    Word("scorecard", r"\bscorecard|\bcard\b", "what the grader prints: the score (0 to 100), "
         "the level reached, your routes and what blocks the next level."),
    Word("level", r"\blevels?\b", "the grader's three grades, each including the one below: 1 "
         "meaning (status and JSON value), 2 manners (headers, HEAD, OPTIONS, 405), 3 the exact "
         "bytes."),
    Word("seed", r"--seed\b", "`--seed 7` makes the requests the grader generates the same on "
         "every run, so your card can be compared with the one shown here."),
    Word("development server", r"development server", "the server Flask starts with `app.run()` "
         "or `flask run`: for trying an app on your own machine, not for deploying it."),
    Word("diff", r"\bdiff\b|^```diff", "what changed between two versions of a file: lines "
         "taken out start with `-`, lines put in with `+`, unchanged lines around them with a "
         "space; `@@ -3,4 +3,6 @@` says where (from the old file's line 3, 4 lines, now 6)."),
    Word("regular expression (regex)", r"\bregex|\bre\.(fullmatch|compile)|regular expression",
         "a pattern that text must match: `[0-9]+` is one or more digits; "
         "`re.fullmatch(pattern, text)` matches only if the whole text does."),
    Word("redirect", r"(?i)\bredirect", "an answer (301, 308) that tells the client to ask "
         "another URL instead: Flask answers `/sum//1` so, pointing to `/sum/1`."),
    Word("overflow", r"\boverflows?\b", "a sum too large for a float: `1e308 + 1e308` is `inf`, "
         "which the contract refuses with a 400."),
    Word("HEAD", r"\bHEAD\b", "the HTTP method that asks for a GET's status and headers, "
         "without its body."),
    Word("OPTIONS", r"\bOPTIONS\b", "the HTTP method that asks which methods a path takes; the "
         "answer's `Allow` header lists them."),
    Word("CORS", r"\bCORS\b|Access-Control-Allow-Origin", "`Access-Control-Allow-Origin: *` lets "
         "a page from another site call the service from a browser."),
    Word("nosniff", r"nosniff", "`X-Content-Type-Options: nosniff` tells a browser to trust the "
         "`Content-Type` and not guess another."),
    Word("Upgrade", r"\bUpgrade\b|(?i:websocket)", "`Upgrade: websocket` asks a server to switch "
         "the connection to another protocol; the contract's server ignores it."),
    Word("Werkzeug", r"Werkzeug", "the library under Flask that parses requests, routes them and "
         "builds responses."),
    Word("UTF-8", r"UTF-8", "how text is written as bytes: `é` is the two bytes `c3 a9`; JSON "
         "may instead write it as `\\u00e9`, which the contract's exact bytes do not."),
    Word("canonical", r"\bcanonical\b", "the one byte-exact form of an answer, which every "
         "adapter here sends."),
    Word("segment", r"\bsegments?\b", "a piece of a path between two `/`: `/sum/42/117` has "
         "three."),
    Word("percent-encoding", r"%2F|(?i:percent)", "a byte written as `%` and two hex digits, so "
         "it can sit in a URL: `%2F` is `/`, which servers decode before the app sees the path."),
    Word("adapter", r"\badapters?\b", "the thin code that connects one framework to core "
         "(`impl_<name>/app.py`)."),
    Word("core", r"\bcore\b", "`core/`, the contract's logic written once, with no framework: "
         "plain functions from the URL's strings to a reply."),
    Word("functional core", r"functional core", "that shape: the logic as plain functions from "
         "inputs to a value, with the framework's work (the shell) kept apart."),
    Word("benchmark", r"(?i)\bbenchmark", "a program that measures speed and work; here `make "
         "benchmark`, whose report part 6 quotes."),
    Word("baseline", r"\bbaseline\b", "what the others are measured against: raw WSGI (or raw "
         "ASGI), with no framework."),
    Word("WSGI", r"\bWSGI\b", "(PEP 3333) the interface between a Python web server and an app: "
         "the app is a function `app(environ, start_response)`; Flask, Bottle and Falcon all "
         "build one."),
    Word("environ", r"\benviron\b", "the dictionary a WSGI server passes the app: the method, "
         "the path, the query string, every header as `HTTP_*`."),
    Word("frozen", r"\bfrozen\b", "a dataclass `@dataclass(frozen=True)`, which cannot be "
         "changed after it is made."),
    Word("factory", r"\bfactory\b|\bcreate_app\b", "a function that builds the app "
         "(`create_app`), so each test gets a fresh one."),
    Word("converter", r"\bconverters?\b", "the part of a route pattern that checks or converts a "
         "path segment, as `<int:n>` in Flask."),
    Word("responder", r"\bresponders?\b|\bon_(get|head)\b", "Falcon's name for the methods of a "
         "resource (a class per route) that answer a request: `on_get`, `on_head`."),
    Word("middleware", r"(?i)\bmiddleware\b", "code that runs around the app, on every request."),
    Word("debug mode", r"debug mode", "Flask's mode for development (`flask run --debug`): it "
         "reloads on every change and shows tracebacks."),
    Word("PROPAGATE_EXCEPTIONS", r"PROPAGATE_EXCEPTIONS", "Flask's setting that, when on (as in "
         "debug mode), lets an exception escape to the server instead of reaching the 500 hook."),
    Word("thread", r"\bthreads?\b", "one line of execution in a process: a threaded WSGI server "
         "answers as many requests at once as it has threads."),
    Word("ASGI", r"\bASGI\b", "WSGI's async successor: the app is "
         "`async def app(scope, receive, send)`."),
    Word("coroutine", r"\bcoroutines?\b|\basync def\b|\bawait\b", "what an `async def` function "
         "returns: work that can pause at each `await` and be resumed later."),
    Word("event loop", r"event loop", "the part of an async server that runs many requests' "
         "coroutines in one thread, switching at each `await`."),
    Word("type hint", r"(?i)type hints?", "`number1: str` in a function's signature, saying its "
         "type; Python ignores it, FastAPI reads it (and validates the request), and so does "
         "mypy."),
    Word("in-process", r"in-process", "calling the app as a Python function, with no server and "
         "no network in between."),
    Word("instructions", r"\binstructions\b|valgrind", "the CPU's steps, counted by valgrind (a "
         "tool that runs a program on a simulated CPU): the same on every run, unlike time."),
    Word("req/s", r"req/s", "requests answered per second."),
    Word("p50", r"\bp50\b", "the median time: half the requests took less."),
    Word("A/A control", r"A/A", "raw WSGI measured twice, by two servers: the ratio should be 1, "
         "and how far it strays is the benchmark's noise."),
    Word("95% interval", r"\[95%\]|\d\.\d+× \[", "the range a figure would fall in most of "
         "the time if the run were repeated, as wide as its separate parts (the servers' starts, "
         "fresh processes) disagree: `1.31× [1.25–1.38]` reads \"about 1.31, surely between "
         "1.25 and 1.38\"."),
)  # fmt: skip


def first_used(pages: Sequence[str]) -> list[list[Word]]:
    """For each page, in reading order, the words no page before it used, in the order the
    page uses them first; with the words their meanings use, so a box defines all it says."""
    seen: set[str] = set()
    found: list[list[Word]] = []
    for page in pages:
        new: list[Word] = []
        said = page
        while found_in := {word: at for word in WORDS if word.term not in seen and word not in new
                           and (at := word.first_use(said)) is not None}:  # fmt: skip
            new += sorted(found_in, key=found_in.__getitem__)
            said = "\n".join(word.meaning for word in found_in)
        seen.update(word.term for word in new)
        found.append(new)
    return found


def new_words(words: Sequence[Word]) -> str:
    """The box a part opens with: the terms it is the first to use, each defined."""
    if not words:
        return "**New words**: none; every term here was defined in an earlier part."
    return "\n".join(["**New words** in this part (all of them: [the guide's index](guide.md)):",
                      *(word.entry() for word in words)])  # fmt: skip


def glossary() -> str:
    return "\n".join(["## Words used here", "", *(word.entry() for word in WORDS)])
