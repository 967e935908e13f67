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

    # Routes: by hand, a path split into segments (an empty one matches nothing)
    def route(environ: dict[str, Any]) -> Callable[[], Reply] | None:
        segments = decode_path(environ.get("PATH_INFO", "")).split("/")[1:]
        match segments:
            case ["sum"]:
                args = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
                return partial(service.sum_query, args.get("number1", []), args.get("number2", []))
            case ["sum", str(number1), str(number2)] if number1 and number2:
                return partial(service.sum_path, number1, number2)
            case ["echo", str(text)] if text:
                return partial(service.echo, text)
        return None

    # Error hooks: there is no framework, so they are plain branches
    def answer(environ: dict[str, Any]) -> Reply:
        method = environ["REQUEST_METHOD"].upper()  # as Werkzeug and Bottle read it
        handler = route(environ)
        if handler is None:
            return service.not_found()
        if method not in ("GET", "HEAD"):
            return service.other_method(method)
        return handler()

    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            reply = answer(environ)
        except Exception:
            reply = service.server_error()
        headers = list(reply.headers)
        if reply.body:
            headers.append(("Content-Length", str(len(reply.body))))
        start_response(reply.status_line, headers)
        return [] if environ["REQUEST_METHOD"].upper() == "HEAD" else [reply.body]

    return app


app = create_app()
