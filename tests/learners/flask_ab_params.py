"""A Flask app that reads the query's numbers as ``a`` and ``b``, as many tutorials name them.

The path form and the echo are right; ``/sum?number1=13&number2=28`` meets
``float(None)`` and Flask's HTML 500.
"""

from flask import Flask
from flask import jsonify
from flask import request

app = Flask(__name__)


@app.route("/sum")
def sum_query():
    a = float(request.args.get("a"))
    b = float(request.args.get("b"))
    return jsonify(number1=a, number2=b, total_sum=a + b, status=200)


@app.route("/sum/<number1>/<number2>")
def sum_path(number1, number2):
    a, b = float(number1), float(number2)
    return jsonify(number1=a, number2=b, total_sum=a + b, status=200)


@app.route("/echo/<text>")
def echo(text):
    return jsonify(echo=text + " " + text)
