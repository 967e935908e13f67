"""Bottle's shortest route to the same answer for ``GET /sum/<a>/<b>``.

Not served: the benchmark times it beside the adapter, so what the adapter's
wiring (hooks, error handlers, normalising) costs over plain Bottle is measured.
"""

from bottle import Bottle
from bottle import response

from core import SERVICE


def create_app() -> Bottle:
    app = Bottle()

    @app.get("/sum/<number1>/<number2>")
    def sum_path(number1: str, number2: str) -> bytes:
        reply = SERVICE.sum_path(number1, number2)
        response.status = reply.status
        for name, value in reply.headers:
            response.set_header(name, value)
        return reply.body

    return app
