"""Falcon ASGI's shortest route to the same answer for ``GET /sum/<a>/<b>``.

Not served: the benchmark times it beside the adapter, so what the adapter's
wiring (hooks, error handlers, normalising) costs over plain Falcon is measured.
"""

from falcon.asgi import App
from falcon.asgi import Request
from falcon.asgi import Response

from core import SERVICE


class SumPath:
    async def on_get(self, req: Request, resp: Response, number1: str, number2: str) -> None:
        reply = SERVICE.sum_path(number1, number2)
        resp.status = reply.status
        resp.data = reply.body
        resp.set_headers(reply.headers)


def create_app() -> App[Request, Response]:
    app = App()
    app.add_route("/sum/{number1}/{number2}", SumPath())
    return app
