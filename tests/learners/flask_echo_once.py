"""A Flask app that is nearly there: both sums and JSON errors, but the echo says it once.

Flask's own JSON (a dict returned from a view), float() for numbers, no extra headers.
"""

from flask import Flask
from flask import request

app = Flask(__name__)


def add(first, second):
    try:
        a, b = float(first), float(second)
    except ValueError:
        return {"message": "Invalid number as addend", "status": 400}, 400
    return {"number1": a, "number2": b, "total_sum": a + b, "status": 200}


@app.route("/sum")
def sum_query():
    if "number1" not in request.args or "number2" not in request.args:
        return {
            "message": "Missing addend: number1 and number2 are both required",
            "status": 400,
        }, 400
    return add(request.args["number1"], request.args["number2"])


@app.route("/sum/<number1>/<number2>")
def sum_path(number1, number2):
    return add(number1, number2)


@app.route("/echo/<text>")
def echo(text):
    return {"echo": text}


@app.errorhandler(404)
def not_found(error):
    return {"message": "Invalid endpoint", "status": 404}, 404
