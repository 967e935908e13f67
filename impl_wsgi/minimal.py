"""A bare WSGI function giving the same answer for ``GET /sum/<a>/<b>``, and nothing else.

Not served: the benchmark times it beside the adapter, so what the adapter's
routing and method handling cost over the bare minimum is measured.
"""

from collections.abc import Callable
from collections.abc import Iterable
from typing import Any

from core import SERVICE

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def create_app() -> WSGIApp:
    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        _, _, number1, number2 = environ["PATH_INFO"].split("/")
        reply = SERVICE.sum_path(number1, number2)
        start_response(
            reply.status_line, [*reply.headers, ("Content-Length", str(len(reply.body)))]
        )
        return [reply.body]

    return app
