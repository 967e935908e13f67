"""Raw WSGI adapter: no framework at all, the baseline the benchmark measures against."""

from collections.abc import Callable
from collections.abc import Iterable
from functools import partial
from typing import Any
from urllib.parse import parse_qs

from core import SERVICE
from core import Reply
from core import Service
from core import decode_path

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def create_app(service: Service = SERVICE) -> WSGIApp:
    """Build the app; tests pass a service of their own."""

    # --- The app ---
    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"].upper()  # as Werkzeug and Bottle read it
        try:
            reply = answer(method, environ)
        except Exception as error:
            reply = service.server_error(error)
        return send(reply, method, start_response)

    # --- JSON responses ---
    def send(reply: Reply, method: str, start_response: StartResponse) -> Iterable[bytes]:
        headers = list(reply.headers)
        if reply.body:
            headers.append(("Content-Length", str(len(reply.body))))
        start_response(reply.status_line, headers)
        return [] if method == "HEAD" else [reply.body]

    # --- HEAD and OPTIONS ---
    # HEAD runs GET's handler and send() drops the body; OPTIONS takes the
    # other-method branch of answer(), like any method but GET and HEAD.

    # --- Query parameters ---
    def sum_query(environ: dict[str, Any]) -> Reply:
        args = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        return service.sum_query(args.get("number1", []), args.get("number2", []))

    # --- Path parameters ---
    def route(environ: dict[str, Any]) -> Callable[[], Reply] | None:
        match decode_path(environ.get("PATH_INFO", "")).split("/")[1:]:
            case ["sum"]:
                return partial(sum_query, environ)
            case ["sum", number1, number2] if number1 and number2:
                return partial(service.sum_path, number1, number2)
            case ["echo", text] if text:
                return partial(service.echo, text)
        return None

    # --- Error hooks ---
    def answer(method: str, environ: dict[str, Any]) -> Reply:
        handler = route(environ)
        if handler is None:
            return service.not_found()
        if method not in ("GET", "HEAD"):
            return service.other_method(method, decode_path(environ.get("PATH_INFO", "")))
        return handler()

    return app


# --- Serving ---
app = create_app()
