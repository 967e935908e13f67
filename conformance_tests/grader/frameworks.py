"""Whose server answers, recognised from what it sends, and how that framework says things.

A card that tells a Django author to "return a dict" or a Java author to add
``/sum/<number1>/<number2>`` speaks someone else's language. Each framework or server
gives itself away: a ``Server`` or ``X-Powered-By`` header, Node's ``Keep-Alive``, the
headers Django's middleware adds, a default error page. Advice is then written in that
framework's words, and in no framework's when none is recognised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from collections.abc import Iterable

from conformance_tests.grader.cases import Group
from conformance_tests.grader.framework_pages import framework_page
from conformance_tests.grader.http import Answer


def _page(answer: Answer, owner: str) -> bool:
    return (framework_page(answer) or "").startswith(owner)


def _flask(answer: Answer) -> bool:
    return (
        (answer.header("Server") or "").startswith("Werkzeug/")
        or (answer.reason.isupper() and len(answer.reason) > 2)  # Werkzeug's "404 NOT FOUND"
        or _page(answer, "Flask")
    )


def _fastapi(answer: Answer) -> bool:
    return (
        _page(answer, "FastAPI")
        or b"<title>FastAPI" in answer.body
        or answer.header("Server") in ("uvicorn", "hypercorn")  # FastAPI's tutorial's servers
    )


def _bottle(answer: Answer) -> bool:
    return _page(answer, "Bottle") or (
        (answer.header("Server") or "").startswith("WSGIServer/")  # its run()'s, wsgiref
        and answer.header("X-Frame-Options") is None  # which Django's runserver sends
    )


def _django(answer: Answer) -> bool:
    """Django's default middleware: clickjacking and cross-origin-opener protection."""
    return _page(answer, "Django") or (
        answer.header("X-Frame-Options") == "DENY"
        and answer.header("Cross-Origin-Opener-Policy") == "same-origin"
    )


def _node(answer: Answer) -> bool:
    """Node's http module keeps connections alive for 5 s and says so; Express adds its name."""
    return answer.header("Keep-Alive") == "timeout=5" and answer.header("X-Powered-By") is None


SIGNS: dict[str, Callable[[Answer], bool]] = {
    "Flask": _flask,
    "FastAPI": _fastapi,
    "Express": lambda answer: answer.header("X-Powered-By") == "Express",
    "Bottle": _bottle,
    "Django": _django,
    "Koa": lambda answer: _page(answer, "Koa"),
    "Node": _node,
    "http.server": lambda answer: (answer.header("Server") or "").startswith(
        ("BaseHTTP/", "SimpleHTTP/")
    ),
    "Java": lambda answer: _page(answer, "the JDK"),
}
"""How each framework shows itself in an answer; the one seen most often is the author's."""
BUILT_ON = {"Node": ("Koa",)}
"""Frameworks that show themselves only now and then (a default page) on a server that
shows itself in every answer: seen at all, they are the author's."""


def recognise(answers: Iterable[Answer]) -> str:
    """The framework whose signs the answers show most often; "" when none shows."""
    seen = Counter(name for answer in answers for name, sign in SIGNS.items() if sign(answer))
    if not seen:
        return ""
    found = seen.most_common(1)[0][0]
    return next((name for name in BUILT_ON.get(found, ()) if seen[name]), found)


JSON_BODY = {
    "Flask": "return a dict: Flask sends it as JSON",
    "FastAPI": "return a dict: FastAPI sends it as JSON",
    "Bottle": "return a dict: Bottle sends it as JSON",
    "Express": "res.json({ … }), not res.send(…)",
    "Koa": "ctx.body = { … }: Koa sends an object as JSON",
    "Django": "return JsonResponse({ … }) (from django.http import JsonResponse)",
    "Node": 'res.writeHead(status, { "Content-Type": "application/json" }), then '
    "res.end(JSON.stringify({ … }))",
    "http.server": 'self.send_header("Content-Type", "application/json"), then '
    "self.wfile.write(json.dumps({ … }).encode())",
    "Java": 'exchange.getResponseHeaders().set("Content-Type", "application/json") before '
    "exchange.sendResponseHeaders(…), then write the JSON text",
}
"""How each framework sends a JSON object, for an app that answers text."""

FLOAT_CONVERTER = {
    "Flask": "Werkzeug's <float:…> does so, and refuses negative numbers too: write "
    "<number1>, and check the text yourself",
}
"""Why a framework's sum route takes only numbers with a dot, and what to write instead."""
CSRF_EXEMPT = {
    "Django": ": put @csrf_exempt (from django.views.decorators.csrf import csrf_exempt) "
    "over each view",
}
"""How a framework's CSRF check is turned off for a view that takes no form."""

ROUTES: dict[str, dict[str, str]] = {
    "sum_path": {
        "Flask": 'add @app.get("/sum/<number1>/<number2>") over a function that takes number1 and '
        "number2 (as text)",
        "Bottle": 'add @app.get("/sum/<number1>/<number2>") over a function that takes number1 and '
        "number2 (as text)",
        "FastAPI": 'add @app.get("/sum/{number1}/{number2}") over a function that takes number1: '
        "str and number2: str",
        "Express": 'add app.get("/sum/:number1/:number2", (req, res) => …), reading '
        "req.params.number1 and req.params.number2",
        "Koa": 'add router.get("/sum/:number1/:number2", (ctx) => …) (@koa/router), reading '
        "ctx.params.number1 and ctx.params.number2",
        "Django": 'add path("sum/<str:number1>/<str:number2>", views.sum_path) in urls.py, over a '
        "view that takes request, number1, number2",
        "Node": 'in your request handler, split the path of req.url on "/" and answer '
        '["", "sum", number1, number2]',
        "http.server": 'in do_GET, split urlparse(self.path).path on "/" and answer '
        '["", "sum", number1, number2]',
        "Java": 'add server.createContext("/sum/", handler), splitting '
        'exchange.getRequestURI().getRawPath() on "/"',
    },
    "sum_query": {
        "Flask": 'add @app.get("/sum") reading request.args.get("number1") and '
        'request.args.get("number2")',
        "Bottle": 'add @app.get("/sum") reading request.query.get("number1") and '
        'request.query.get("number2")',
        "FastAPI": 'add @app.get("/sum") over a function that takes number1: str and number2: str '
        "(query parameters)",
        "Express": 'add app.get("/sum", (req, res) => …), reading req.query.number1 and '
        "req.query.number2",
        "Koa": 'add router.get("/sum", (ctx) => …), reading ctx.query.number1 and '
        "ctx.query.number2",
        "Django": 'add path("sum", views.sum_query) in urls.py, reading request.GET.get("number1") '
        'and request.GET.get("number2")',
        "Node": "in your request handler, for the path /sum, read new URL(req.url, "
        '"http://localhost").searchParams.get("number1") and .get("number2")',
        "http.server": "in do_GET, for the path /sum, read "
        'parse_qs(urlparse(self.path).query).get("number1") and .get("number2")',
        "Java": 'in the handler of server.createContext("/sum", …), read '
        "exchange.getRequestURI().getRawQuery() (null when there is none)",
    },
    "echo": {
        "Flask": 'add @app.get("/echo/<text>") over a function that takes text',
        "Bottle": 'add @app.get("/echo/<text>") over a function that takes text',
        "FastAPI": 'add @app.get("/echo/{text}") over a function that takes text: str',
        "Express": 'add app.get("/echo/:text", (req, res) => …), reading req.params.text',
        "Koa": 'add router.get("/echo/:text", (ctx) => …), reading ctx.params.text',
        "Django": 'add path("echo/<str:text>", views.echo) in urls.py, over a view that takes '
        "request, text",
        "Node": 'in your request handler, split the path of req.url on "/" and answer '
        '["", "echo", text]',
        "http.server": 'in do_GET, split urlparse(self.path).path on "/" and answer '
        '["", "echo", text]',
        "Java": 'add server.createContext("/echo/", handler), reading what follows /echo/ in '
        "exchange.getRequestURI().getPath()",
    },
}
"""How each framework adds each of the contract's routes."""


def route_advice(group: Group, framework: str) -> str:
    """What to add for a missing route: in the framework's words, else the group's own."""
    return ROUTES.get(group.name, {}).get(framework) or group.advice
