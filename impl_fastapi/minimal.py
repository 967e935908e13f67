"""FastAPI's shortest route to the same answer for ``GET /sum/<a>/<b>``.

Not served: the benchmark times it beside the adapter, so what the adapter's
wiring (its middleware, exception handlers, HEAD) costs over plain FastAPI is measured.
"""

from fastapi import FastAPI
from fastapi import Response

from core import SERVICE


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/sum/{number1}/{number2}")
    async def sum_path(number1: str, number2: str) -> Response:
        reply = SERVICE.sum_path(number1, number2)
        return Response(reply.body, reply.status, dict(reply.headers))

    return app
