"""Step 3: the sum by path too, with JSON errors.

The change: a second route; a try/except ValueError around float() that answers a JSON
400; and a 404 handler that answers JSON.

Run: python course/step3_path_errors.py (or: flask --app course/step3_path_errors.py run)
Try: http://127.0.0.1:5000/sum/42/117 and http://127.0.0.1:5000/sum/abc/1
"""

import sys

from flask import Flask
from flask import request

app = Flask(__name__)


def total(first, second):
    try:
        number1 = float(first)
        number2 = float(second)
    except ValueError:
        return {"message": "Invalid number as addend", "status": 400}, 400
    return {"number1": number1, "number2": number2, "total_sum": number1 + number2, "status": 200}


@app.route("/sum")
def sum_by_query():
    return total(request.args["number1"], request.args["number2"])


@app.route("/sum/<number1>/<number2>")
def sum_by_path(number1, number2):
    return total(number1, number2)


@app.errorhandler(404)
def not_found(error):
    return {"message": "Invalid endpoint", "status": 404}, 404


if __name__ == "__main__":  # Flask's own server, on port 5000 (or the one given)
    app.run(port=int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
