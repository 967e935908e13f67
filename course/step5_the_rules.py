"""Step 5, past the course: the contract's rules, which reach level 1.

The changes: an addend is checked against the contract's grammar before float() (which
would take nan, inf, 1_000 and " 1"); the query's names are counted (missing, repeated); a
sum that overflows is refused; Flask no longer merges double slashes into a redirect.

Run: python course/step5_the_rules.py (or: flask --app course/step5_the_rules.py run)
"""

import math
import re
import sys

from flask import Flask
from flask import request

app = Flask(__name__)
app.url_map.merge_slashes = False

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


if __name__ == "__main__":  # Flask's own server, on port 5000 (or the one given)
    app.run(port=int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
