"""A Bottle app whose every sum fails: it calls json.dumps but never imported json.

The echo works (Bottle turns a dict into JSON). Run: ``python bottle_crash.py PORT``,
which serves it with Bottle's default server, as ``app.run()`` does.
"""

import sys

from bottle import Bottle
from bottle import request
from bottle import response

app = Bottle()


@app.get("/sum/<number1>/<number2>")
def sum_path(number1, number2):
    a, b = float(number1), float(number2)
    response.content_type = "application/json"
    return json.dumps({"number1": a, "number2": b, "total_sum": a + b, "status": 200})  # noqa: F821


@app.get("/sum")
def sum_query():
    return sum_path(request.query["number1"], request.query["number2"])


@app.get("/echo/<text>")
def echo(text):
    return {"echo": text + " " + text}


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), quiet=True)
