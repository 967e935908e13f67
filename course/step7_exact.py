"""Step 7: the exact bytes, which reach level 3.

The one change: each answer's JSON is written by json.dumps, compact (no spaces), its keys
in the order the contract shows them, its text as UTF-8 (not \\u escapes), and without the
newline that Flask's own JSON adds after the object (Flask also sorts the keys). The reply
helper sends those bytes as application/json; every route and error answers through it.

Run: python course/step7_exact.py (or: flask --app course/step7_exact.py run)
"""

import json
import math
import re
import sys

from flask import Flask
from flask import request

app = Flask(__name__)
app.url_map.merge_slashes = False
ALLOW = "GET, HEAD, OPTIONS"
flask_wsgi_app = app.wsgi_app


def route_by_path_alone(environ, start_response):
    environ.pop("HTTP_UPGRADE", None)
    environ["HTTP_HOST"] = "localhost"
    return flask_wsgi_app(environ, start_response)


app.wsgi_app = route_by_path_alone

DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def reply(data, status=200, headers=None):
    body = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return app.response_class(body, status, headers, mimetype="application/json")


def error(message, status, headers=None):
    return reply({"message": message, "status": status}, status, headers)


def total(first, second):
    if not (DECIMAL.fullmatch(first) and DECIMAL.fullmatch(second)):
        return error("Invalid number as addend", 400)
    number1, number2 = float(first), float(second)
    if math.isinf(number1) or math.isinf(number2):
        return error("Invalid number as addend", 400)
    if math.isinf(number1 + number2):
        return error("Sum is too large: it overflows to infinity", 400)
    return reply(
        {"number1": number1, "number2": number2, "total_sum": number1 + number2, "status": 200}
    )


@app.before_request
def options():
    if request.method == "OPTIONS" and request.url_rule is not None:
        response = app.response_class(status=204)
        response.headers["Allow"] = ALLOW
        del response.headers["Content-Type"]
        return response


@app.after_request
def contract_headers(response):
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@app.route("/sum")
def sum_by_query():
    first, second = request.args.getlist("number1"), request.args.getlist("number2")
    if not first or not second:
        return error("Missing addend: number1 and number2 are both required", 400)
    if len(first) > 1 or len(second) > 1:
        return error("Repeated addend: give number1 and number2 once each", 400)
    return total(first[0], second[0])


@app.route("/sum/<number1>/<number2>")
def sum_by_path(number1, number2):
    return total(number1, number2)


@app.route("/echo/<text>")
def echo(text):
    return reply({"echo": text + " " + text})


@app.errorhandler(404)
def not_found(error_):
    return error("Invalid endpoint", 404)


@app.errorhandler(405)
def not_allowed(error_):
    return error("Method not allowed", 405, {"Allow": ALLOW})


if __name__ == "__main__":  # Flask's own server, on port 5000 (or the one given)
    app.run(port=int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
