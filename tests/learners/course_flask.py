"""The beginners' course's Flask service, as a learner hands it in (not this project's style).

Sum by path returns a dict (Flask's own JSON: sorted keys, a trailing newline),
errors are built with json.dumps and Response as the course teaches, and there
is no query form, no nosniff or CORS header, and float() decides what a number is.
"""

import json

from flask import Flask
from flask import Response

app = Flask(__name__)


@app.route("/sum/<number1>/<number2>")
def sum_numbers(number1, number2):
    try:
        a = float(number1)
        b = float(number2)
    except ValueError:
        error = {"message": "Invalid number as addend", "status": 400}
        return Response(json.dumps(error), status=400, mimetype="application/json")
    return {"number1": a, "number2": b, "total_sum": a + b, "status": 200}


@app.route("/echo/<text>")
def echo(text):
    return {"echo": text + " " + text}


@app.errorhandler(404)
def not_found(e):
    error = {"message": "Invalid endpoint", "status": 404}
    return Response(json.dumps(error), status=404, mimetype="application/json")
