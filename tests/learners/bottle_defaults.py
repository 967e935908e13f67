"""A careful beginner's Bottle app: every route, its own errors as JSON, and Bottle's defaults
kept (its HTML 404 and 405 pages, a path's bytes that are not UTF-8 dropped, float() trusted,
request.query.get for the query).

tests/test_fixes.py grades it, applies the fixes its card names, and grades it again.
Run: ``python bottle_defaults.py PORT`` (Bottle's own run(), as its tutorial does).
"""

import json
import math
import sys

from bottle import Bottle
from bottle import request
from bottle import response

app = Bottle()


def error(message, status):
    response.status = status
    response.content_type = "application/json"
    return json.dumps({"message": message, "status": status})


def add(first, second):
    try:
        number1 = float(first)
        number2 = float(second)
    except ValueError:
        return error("Invalid number as addend", 400)
    if not math.isfinite(number1) or not math.isfinite(number2):
        return error("Invalid number as addend", 400)
    total = number1 + number2
    if math.isinf(total):
        return error("Sum is too large: it overflows to infinity", 400)
    return {"number1": number1, "number2": number2, "total_sum": total, "status": 200}


@app.get("/sum")
def sum_query():
    first = request.query.get("number1")
    second = request.query.get("number2")
    if first is None or second is None:
        return error("Missing addend: number1 and number2 are both required", 400)
    return add(first, second)


@app.get("/sum/<number1>/<number2>")
def sum_path(number1, number2):
    return add(number1, number2)


@app.get("/echo/<text>")
def echo(text):
    return {"echo": text + " " + text}


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), quiet=True)
