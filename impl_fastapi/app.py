"""FastAPI adapter: FastAPI's routes and exception handlers, wired to core.

Each route reads its parameters as plain text (no type hints for FastAPI to validate): the
contract, not FastAPI's 422, decides what an invalid addend gets.
"""

from typing import Any

from fastapi import FastAPI
from fastapi import Request
from fastapi import Response
from starlette.exceptions import HTTPException

from core import SERVICE
from core import Reply
from core import Service
from core import fold_slashes

GET = ["GET", "HEAD"]


class AsTheOthersRoute:
    """Werkzeug and Bottle read ``get`` as GET and fold leading slashes; Starlette would not."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            path = fold_slashes(scope["path"])
            scope = {**scope, "method": scope["method"].upper(), "path": path}
        await self.app(scope, receive, send)


def create_app(service: Service = SERVICE) -> FastAPI:
    """Build the app; tests pass a service of their own."""
    # --- The app ---
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, redirect_slashes=False)
    app.add_middleware(AsTheOthersRoute)

    # --- JSON responses ---
    def send(reply: Reply, method: str = "GET") -> Response:
        body = b"" if method == "HEAD" else reply.body
        response = Response(body, reply.status, dict(reply.headers))
        if method == "HEAD" and reply.body:
            response.headers["Content-Length"] = str(len(reply.body))
        return response

    # --- HEAD and OPTIONS ---
    # Each route takes GET and HEAD (``GET``); OPTIONS reaches the 405 hook, which asks core.

    # --- Query parameters ---
    @app.api_route("/sum", methods=GET)
    async def sum_query(request: Request) -> Response:
        args = request.query_params
        reply = service.sum_query(args.getlist("number1"), args.getlist("number2"))
        return send(reply, request.method)

    # --- Path parameters ---
    @app.api_route("/sum/{number1}/{number2}", methods=GET)
    async def sum_path(request: Request, number1: str, number2: str) -> Response:
        return send(service.sum_path(number1, number2), request.method)

    @app.api_route("/echo/{text}", methods=GET)
    async def echo(request: Request, text: str) -> Response:
        return send(service.echo(text), request.method)

    # --- Error hooks ---
    @app.exception_handler(HTTPException)
    async def not_found_or_other_method(request: Request, error: HTTPException) -> Response:
        if error.status_code == 405:
            reply = service.other_method(request.method, request.url.path)
        else:
            reply = service.not_found()
        return send(reply, request.method)

    @app.exception_handler(Exception)
    async def server_error(request: Request, error: Exception) -> Response:
        return send(service.server_error(), request.method)  # Starlette re-raises it to the log

    return app


# --- Serving ---
app = create_app()
