"""Raw ASGI adapter: no framework at all, the baseline the async adapters are measured against.

The twin of impl_wsgi: the same sections, with ``async def`` and ASGI's messages in place of
``start_response`` and a returned body.
"""

from collections.abc import Awaitable
from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import parse_qs

from core import SERVICE
from core import Reply
from core import Service
from core import fold_slashes

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def create_app(service: Service = SERVICE) -> ASGIApp:
    """Build the app; tests pass a service of their own."""

    # --- The app ---
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            return await lifespan(receive, send)
        method = scope["method"].upper()  # as Werkzeug and Bottle read it
        try:
            reply = answer(method, scope)
        except Exception as error:
            reply = service.server_error(error)
        await respond(reply, method, send)

    async def lifespan(receive: Receive, send: Send) -> None:
        """Nothing to start or stop; servers that ask are told so."""
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})

    # --- JSON responses ---
    async def respond(reply: Reply, method: str, send: Send) -> None:
        headers = [(name.lower().encode(), value.encode()) for name, value in reply.headers]
        if reply.body:
            headers.append((b"content-length", str(len(reply.body)).encode()))
        await send({"type": "http.response.start", "status": reply.status, "headers": headers})
        body = b"" if method == "HEAD" else reply.body
        await send({"type": "http.response.body", "body": body})

    # --- HEAD and OPTIONS ---
    # HEAD runs GET's handler and respond() drops the body; OPTIONS takes the
    # other-method branch of answer(), like any method but GET and HEAD.

    # --- Query parameters ---
    def sum_query(scope: Scope) -> Reply:
        query = scope["query_string"].decode("latin-1")  # as PEP 3333's QUERY_STRING
        args = parse_qs(query, keep_blank_values=True)
        return service.sum_query(args.get("number1", []), args.get("number2", []))

    # --- Path parameters ---
    def route(scope: Scope) -> Callable[[], Reply] | None:
        match fold_slashes(scope["path"]).split("/")[1:]:
            case ["sum"]:
                return partial(sum_query, scope)
            case ["sum", number1, number2] if number1 and number2:
                return partial(service.sum_path, number1, number2)
            case ["echo", text] if text:
                return partial(service.echo, text)
        return None

    # --- Error hooks ---
    def answer(method: str, scope: Scope) -> Reply:
        handler = route(scope)
        if handler is None:
            return service.not_found()
        if method not in ("GET", "HEAD"):
            return service.other_method(method, fold_slashes(scope["path"]))
        return handler()

    return app


# --- Serving ---
app = create_app()
