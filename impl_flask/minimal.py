"""Flask's shortest route to the same answer for ``GET /sum/<a>/<b>``.

Not served: the benchmark times it beside the adapter, so what the adapter's
wiring (hooks, error handlers, normalising) costs over plain Flask is measured.
"""

from flask import Flask
from flask import Response

from core import SERVICE


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/sum/<number1>/<number2>")
    def sum_path(number1: str, number2: str) -> Response:
        reply = SERVICE.sum_path(number1, number2)
        return Response(reply.body, reply.status, reply.headers)

    return app
