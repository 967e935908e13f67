"""The fix for a kind of problem, in the author's own framework, recognised from its answers.

A learner whose Flask app redirects ``/echo//a`` needs ``app.url_map.merge_slashes =
False``, not a paragraph about redirects. The framework is recognised from its answers
(frameworks.py); each fix is a line or a few the author pastes, and each is tested on a
learner's app under tests/learners that keeps its framework's defaults.
"""

from __future__ import annotations

from conformance_tests.grader.problems import Problem

NUMBER = r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"
"""The contract's grammar of an addend (core/addends.py checks the same), in ASCII digits."""
EXPRESS_APP = "const app = express()"
"""The line of an Express app that its settings follow, before any app.use or route."""
PYTHON_NUMBER = (
    f'before float(text), check re.fullmatch(r"{NUMBER}", text) (float() also takes nan, inf, '
    "1_000 and ' 1'), and answer 400 with the contract's message unless it matches and "
    "math.isfinite(float(text))"
)


FIXES: dict[str, dict[str, str]] = {
    "error-page": {
        "Flask": "Flask answers 404 and 405 with HTML pages of its own; add, right after app = "
        "Flask(__name__):\n"
        "@app.errorhandler(404)\n"
        "def not_found(error):\n"
        '    return {"message": "Invalid endpoint", "status": 404}, 404\n'
        "@app.errorhandler(405)\n"
        "def not_allowed(error):\n"
        '    return {"message": "Method not allowed", "status": 405}, 405',
        "Bottle": "Bottle answers 404 and 405 with HTML pages of its own; add, right after app = "
        "Bottle():\n"
        "import json\n"
        "from bottle import response\n"
        "def json_error(message, status):\n"
        '    response.content_type = "application/json"\n'
        '    return json.dumps({"message": message, "status": status})\n'
        "@app.error(404)\n"
        "def not_found(error):\n"
        '    return json_error("Invalid endpoint", 404)\n'
        "@app.error(405)\n"
        "def not_allowed(error):\n"
        '    return json_error("Method not allowed", 405)',
        "FastAPI": 'FastAPI answers 404 and 405 with {"detail": …} of its own; add, right after '
        "app = FastAPI():\n"
        "from fastapi.responses import JSONResponse\n"
        "from starlette.exceptions import HTTPException\n"
        'MESSAGES = {404: "Invalid endpoint", 405: "Method not allowed"}\n'
        "@app.exception_handler(HTTPException)\n"
        "def json_error(request, error):\n"
        "    status = error.status_code\n"
        '    body = {"message": MESSAGES.get(status, str(error.detail)), "status": status}\n'
        "    return JSONResponse(body, status_code=status)",
        "Express": 'Express answers a path no route has with its own "Cannot GET" page; add, '
        "after your routes, just before app.listen:\n"
        "app.use((req, res) => {\n"
        '  res.status(404).json({ message: "Invalid endpoint", status: 404 });\n'
        "});",
        "": "answer each 404 and 405 with the contract's JSON error, not your framework's page",
    },
    "tuple-as-list": {
        "": "return a response whose status is set, not a tuple (in FastAPI: return "
        "JSONResponse(body, status_code=400))",
    },
    "bytes-not-utf8": {
        "Express": "Express refuses a path whose escapes are not UTF-8 with its own 400 page; "
        "add, before your routes:\n"
        'const { unescapeBuffer } = require("querystring");\n'
        "app.use((req, res, next) => {\n"
        '  const [path, ...query] = req.url.split("?");\n'
        '  const parts = path.split("/").map((part) => {\n'
        "    try { decodeURIComponent(part); return part; }\n"
        "    catch { return encodeURIComponent(unescapeBuffer(part).toString()); }\n"
        "  });\n"
        '  req.url = [parts.join("/"), ...query].join("?");\n'
        "  next();\n"
        "});",
        "Bottle": "Bottle drops the bytes of a path that are not UTF-8; add, right after app = "
        "Bottle():\n"
        "bottle_wsgi = app.wsgi\n"
        "def keep_bad_bytes(environ, start_response):\n"
        '    path = environ["PATH_INFO"].encode("latin1").decode("utf8", "replace")\n'
        '    environ["PATH_INFO"] = path.encode("utf8").decode("latin1")\n'
        "    return bottle_wsgi(environ, start_response)\n"
        "app.wsgi = keep_bad_bytes",
        "": "decode the path's percent-escapes as UTF-8, each byte that is not UTF-8 as U+FFFD",
    },
    "merged-slashes": {
        "Flask": "right after app = Flask(__name__), add app.url_map.merge_slashes = False "
        "(Werkzeug merges slashes and redirects by default)",
        "": "route each path as it came: merge no slashes and redirect nowhere",
    },
    "trailing-slash-redirect": {
        "FastAPI": "create the app as app = FastAPI(redirect_slashes=False) (Starlette "
        "redirects /path/ to /path by default)",
        "": "answer at the URL asked: no redirect that adds or drops a slash",
    },
    "leading-slashes": {
        "Express": "add, before your routes:\n"
        "app.use((req, res, next) => {\n"
        '  req.url = req.url.replace(/^\\/+/, "/");\n'
        "  next();\n"
        "});",
        "FastAPI": "add, before your routes:\n"
        '@app.middleware("http")\n'
        "async def fold_slashes(request, call_next):\n"
        '    request.scope["path"] = "/" + request.scope["path"].lstrip("/")\n'
        "    return await call_next(request)",
        "": "fold the leading slashes of a path into one before routing (//echo/a is /echo/a)",
    },
    "framework-pages": {
        "FastAPI": "create the app as app = FastAPI(docs_url=None, redoc_url=None, "
        "openapi_url=None)",
        "": "turn off your framework's own pages: only the contract's routes exist",
    },
    "trailing-slash-served": {
        "Express": "Express serves /path/ as /path by default, and reads this setting before "
        f'any app.use or route: right after {EXPRESS_APP}, add app.set("strict routing", true);',
        "": "serve each route only without a trailing slash (/sum/1/2/ is a 404)",
    },
    "encoded-slash": {
        "Express": "Express routes %2F as a letter of its segment; add, before your routes:\n"
        "app.use((req, res, next) => {\n"
        '  req.url = req.url.replace(/%2F/gi, "/");\n'
        "  next();\n"
        "});",
        "": "decode %2F to a slash before routing, as WSGI servers do (/echo/a%2Fb is a 404)",
    },
    "case-insensitive": {
        "Express": "Express ignores letter case by default, and reads this setting before any "
        f'app.use or route: right after {EXPRESS_APP}, add app.set("case sensitive routing", '
        "true);",
        "": "route paths case-sensitively: /SUM/1/2 and /Echo/hi are 404s",
    },
    "too-long": {
        "Express": "Node refuses a request whose head is over 16 KB: start the server as "
        'require("http").createServer({ maxHeaderSize: 65536 }, app).listen(port, …) instead '
        "of app.listen(port, …)",
        "": "raise your server's limit on the request line to 64 KB (Node's default is 16 KB: "
        "start it as node --max-http-header-size=65536 app.js)",
    },
    "number-accepted": {
        "Flask": PYTHON_NUMBER,
        "FastAPI": PYTHON_NUMBER + " (take each addend as a str, not a float)",
        "Bottle": PYTHON_NUMBER,
        "Express": f"before Number(text), check /^{NUMBER}$/.test(text) (Number() also takes "
        '"", 0x10 and Infinity, and skips spaces), and answer 400 with the contract\'s '
        "message unless it matches and Number.isFinite(Number(text))",
        "": f"answer 400 unless each addend matches ^{NUMBER}$ (ASCII digits only) and is "
        "finite once read as a number",
    },
    "sum-overflow": {
        "": "answer 400 with the contract's message when the sum overflows to infinity",
    },
    "redirect": {
        "": "answer at the URL asked, with the contract's JSON: the contract never redirects",
    },
    "missing-addend": {
        "": "answer 400 with the contract's message when number1 or number2 is not in the "
        "query, before reading either value",
    },
    "repeated-addend": {
        "Flask": 'request.args.getlist("number1") holds every value given: answer 400 with the'
        " contract's message when number1 or number2 has more than one",
        "Bottle": 'request.query.getall("number1") holds every value given: answer 400 with '
        "the contract's message when number1 or number2 has more than one",
        "Express": "req.query.number1 is an array when number1 is given twice: answer 400 "
        "with the contract's message when Array.isArray(req.query.number1) or "
        "Array.isArray(req.query.number2)",
        "FastAPI": "take request: Request as a parameter; request.query_params.getlist("
        '"number1") holds every value given: answer 400 with the contract\'s message when '
        "number1 or number2 has more than one",
        "": "answer 400 with the contract's message when number1 or number2 is given twice",
    },
    "contract-headers": {
        "Flask": "add, right after app = Flask(__name__):\n"
        "@app.after_request\n"
        "def contract_headers(response):\n"
        '    response.headers["X-Content-Type-Options"] = "nosniff"\n'
        '    response.headers["Access-Control-Allow-Origin"] = "*"\n'
        "    return response",
        "": "send X-Content-Type-Options: nosniff and Access-Control-Allow-Origin: * with every "
        "answer, errors included",
    },
    "allow-on-405": {
        "Flask": "send Allow with your 405: in your @app.errorhandler(405), return body, 405, "
        '{"Allow": "GET, HEAD, OPTIONS"}',
        "": "send Allow: GET, HEAD, OPTIONS with every 405",
    },
    "allow-on-204": {
        "": "send Allow: GET, HEAD, OPTIONS with the 204 that answers OPTIONS",
    },
    "options": {
        "Flask": "add, right after app = Flask(__name__):\n"
        "@app.before_request\n"
        "def options():\n"
        '    if request.method == "OPTIONS" and request.url_rule is not None:\n'
        "        response = app.response_class(status=204)\n"
        '        response.headers["Allow"] = "GET, HEAD, OPTIONS"\n'
        '        del response.headers["Content-Type"]\n'
        "        return response",
        "": "answer OPTIONS on a known path with 204, Allow: GET, HEAD, OPTIONS and no body",
    },
    "request-header-refused": {
        "Flask": "Werkzeug's router reads Upgrade and Host; add, right after app = "
        "Flask(__name__):\n"
        "flask_wsgi_app = app.wsgi_app\n"
        "def route_by_path_alone(environ, start_response):\n"
        '    environ.pop("HTTP_UPGRADE", None)\n'
        '    environ["HTTP_HOST"] = "localhost"\n'
        "    return flask_wsgi_app(environ, start_response)\n"
        "app.wsgi_app = route_by_path_alone",
        "": "answer as if Host, Upgrade and the other request headers were not there",
    },
    "no-method-handler": {
        "": "handle every method on each of your paths: HEAD as GET without the body; OPTIONS "
        "with 204 and Allow: GET, HEAD, OPTIONS; any other method with 405, the same Allow "
        "and the contract's JSON error",
    },
    "csrf": {
        "": "these routes take no form and no cookie: exempt them from the CSRF check, and "
        "answer every method but GET, HEAD and OPTIONS with 405, Allow: GET, HEAD, OPTIONS "
        "and the contract's JSON error",
    },
    "closed": {
        "": "your code raised an exception on this request, and the server dropped the "
        "connection: its terminal shows the exception (some servers, as the JDK's HttpServer, "
        "show none); make that code answer the contract's JSON instead (a 400 for a bad addend, "
        "a 404 for a path it does not serve)",
    },
}
"""For each cause (causes.py), the fix in each framework's words, and in plain words ("")."""


def fix_for(problem: Problem, framework: str) -> str:
    """The fix to print for this problem: the framework's own, else in plain words; "" when
    the problem's words already say what to do."""
    fixes = FIXES.get(problem.cause, {})
    return fixes.get(framework) or fixes.get("", "")
