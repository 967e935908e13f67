"""Falcon ASGI adapter: impl_falcon on ``falcon.asgi.App``, every responder ``async def``.

Diff it with impl_falcon/app.py: the imports and the ``async`` keywords are the difference.
"""

from typing import Any

from falcon import HTTPBadRequest
from falcon import HTTPMethodNotAllowed
from falcon import HTTPNotFound
from falcon.asgi import App
from falcon.asgi import Request
from falcon.asgi import Response
from falcon.constants import COMBINED_METHODS
from falcon.routing import BaseConverter

from core import SERVICE
from core import Reply
from core import Service

# --- The app ---
ROUTED_METHODS = set(COMBINED_METHODS) - {"WEBSOCKET"}
"""The methods Falcon routes: any other (BREW, or its meta method WEBSOCKET) it refuses itself."""


class NonEmptySegment(BaseConverter):
    """Falcon's {field} also matches an empty segment; Flask's and Bottle's do not."""

    def convert(self, value: str) -> str | None:
        return value or None  # None: this route does not match


class UpperCaseMethod:
    """Werkzeug and Bottle read ``get`` as GET; Falcon would not."""

    async def process_request(self, req: Request, resp: Response) -> None:
        req.method = req.method.upper()


def create_app(service: Service = SERVICE) -> App[Request, Response]:
    """Build the app; tests pass a service of their own."""
    app = App(middleware=[UpperCaseMethod()])
    app.router_options.converters["segment"] = NonEmptySegment

    # --- JSON responses ---
    def send(resp: Response, reply: Reply) -> None:
        resp.status = reply.status
        resp.data = reply.body
        resp.set_headers(reply.headers)

    # --- HEAD and OPTIONS ---
    class Route:
        """Falcon answers OPTIONS itself (200); here it asks core. HEAD: on_head = on_get."""

        async def on_options(self, req: Request, resp: Response, **params: str) -> None:
            send(resp, service.other_method(req.method, req.path))

    # --- Query parameters ---
    class SumQuery(Route):
        async def on_get(self, req: Request, resp: Response) -> None:
            first = req.get_param_as_list("number1", default=[])
            second = req.get_param_as_list("number2", default=[])
            send(resp, service.sum_query(first, second))

        on_head = on_get

    app.add_route("/sum", SumQuery())

    # --- Path parameters ---
    class SumPath(Route):
        async def on_get(self, req: Request, resp: Response, number1: str, number2: str) -> None:
            send(resp, service.sum_path(number1, number2))

        on_head = on_get

    class Echo(Route):
        async def on_get(self, req: Request, resp: Response, text: str) -> None:
            send(resp, service.echo(text))

        on_head = on_get

    app.add_route("/sum/{number1:segment}/{number2:segment}", SumPath())
    app.add_route("/echo/{text:segment}", Echo())

    # --- Error hooks ---
    async def not_found(req: Request, resp: Response, error: Exception, params: Any) -> None:
        send(resp, service.not_found())

    async def other_method(req: Request, resp: Response, error: Exception, params: Any) -> None:
        send(resp, service.other_method(req.method, req.path))

    async def refused_method(req: Request, resp: Response, error: Exception, params: Any) -> None:
        """Falcon answers a method it does not route with its own 400: answered here as any
        other method. Any other 400 (from a route that reads a body, say) stays Falcon's."""
        if req.method in ROUTED_METHODS:
            raise error
        send(resp, service.other_method(req.method, req.path))

    async def server_error(req: Request, resp: Response, error: Exception, params: Any) -> None:
        send(resp, service.server_error(error))  # Falcon logs nothing itself

    app.add_error_handler(HTTPNotFound, not_found)
    app.add_error_handler(HTTPMethodNotAllowed, other_method)
    app.add_error_handler(HTTPBadRequest, refused_method)
    app.add_error_handler(Exception, server_error)
    return app


# --- Serving ---
app = create_app()
