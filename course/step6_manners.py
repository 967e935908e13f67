"""Step 6: HTTP manners, which reach level 2.

The changes: every answer carries the two headers browsers rely on (X-Content-Type-Options:
nosniff, so a browser never guesses another type; Access-Control-Allow-Origin: *, so a page
from any site may call the service); OPTIONS on a known path answers 204 with Allow and no
body, where Flask would answer 200 with HTML; a method the path does not take gets the
contract's JSON 405 with Allow, where Flask sends an HTML page; and the router no longer
reads the Upgrade and Host headers, which Werkzeug refuses with a 400 of its own. HEAD needs
nothing: Flask answers it as GET, without the body.

Run: python course/step6_manners.py (or: flask --app course/step6_manners.py run)
"""

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


def error(message, status):
    return {"message": message, "status": status}, status


def total(first, second):
    if not (DECIMAL.fullmatch(first) and DECIMAL.fullmatch(second)):
        return error("Invalid number as addend", 400)
    number1, number2 = float(first), float(second)
    if math.isinf(number1) or math.isinf(number2):
        return error("Invalid number as addend", 400)
    if math.isinf(number1 + number2):
        return error("Sum is too large: it overflows to infinity", 400)
    return {"number1": number1, "number2": number2, "total_sum": number1 + number2, "status": 200}


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
    return {"echo": text + " " + text}


@app.errorhandler(404)
def not_found(error_):
    return error("Invalid endpoint", 404)


@app.errorhandler(405)
def not_allowed(error_):
    body, status = error("Method not allowed", 405)
    return body, status, {"Allow": ALLOW}


if __name__ == "__main__":  # Flask's own server, on port 5000 (or the one given)
    app.run(port=int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
