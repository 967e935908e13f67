"""A careful beginner's Flask app: every route the course asks for, its own errors as JSON,
and Flask's defaults kept (its HTML 404 and 405 pages, slashes merged by a redirect, float()
trusted, request.args.get for the query).

tests/test_fixes.py grades it, applies the fixes its card names, and grades it again.
Run: ``flask --app flask_defaults run``.
"""

import math

from flask import Flask
from flask import jsonify
from flask import request

app = Flask(__name__)


def error(message, status):
    return jsonify({"message": message, "status": status}), status


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
    return jsonify({"number1": number1, "number2": number2, "total_sum": total, "status": 200})


@app.route("/sum")
def sum_query():
    first = request.args.get("number1")
    second = request.args.get("number2")
    if first is None or second is None:
        return error("Missing addend: number1 and number2 are both required", 400)
    return add(first, second)


@app.route("/sum/<number1>/<number2>")
def sum_path(number1, number2):
    return add(number1, number2)


@app.route("/echo/<text>")
def echo(text):
    return jsonify({"echo": text + " " + text})
