"""Step 2: the same sum, answered as JSON.

The one change: return a dict (Flask turns it into JSON), not a string.

Run: python course/step2_query_dict.py (or: flask --app course/step2_query_dict.py run)
"""

import sys

from flask import Flask
from flask import request

app = Flask(__name__)


@app.route("/sum")
def sum_by_query():
    number1 = float(request.args["number1"])
    number2 = float(request.args["number2"])
    return {"number1": number1, "number2": number2, "total_sum": number1 + number2, "status": 200}


if __name__ == "__main__":  # Flask's own server, on port 5000 (or the one given)
    app.run(port=int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
