"""Step 1 of the course: the sum by query, answered as text.

Run: python course/step1_query_text.py (or: flask --app course/step1_query_text.py run)
Try: http://127.0.0.1:5000/sum?number1=13&number2=28
"""

import sys

from flask import Flask
from flask import request

app = Flask(__name__)


@app.route("/sum")
def sum_by_query():
    number1 = float(request.args["number1"])
    number2 = float(request.args["number2"])
    return str(number1 + number2)


if __name__ == "__main__":  # Flask's own server, on port 5000 (or the one given)
    app.run(port=int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
