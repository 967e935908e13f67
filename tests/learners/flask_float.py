"""A Flask app whose sum route uses Werkzeug's ``<float:…>`` converter, as some tutorials
show: it refuses ``42`` (a float must have a dot) and negative numbers, so ``/sum/42/117``
is Flask's own 404 though ``/sum/0.1/0.2`` is summed. Run: ``flask --app flask_float run``.
"""

from flask import Flask
from flask import request

app = Flask(__name__)


@app.get("/sum/<float:number1>/<float:number2>")
def sum_path(number1, number2):
    return {"number1": number1, "number2": number2, "total_sum": number1 + number2, "status": 200}


@app.get("/sum")
def sum_query():
    number1 = float(request.args["number1"])
    number2 = float(request.args["number2"])
    return {"number1": number1, "number2": number2, "total_sum": number1 + number2, "status": 200}


@app.get("/echo/<text>")
def echo(text):
    return {"echo": f"{text} {text}"}
