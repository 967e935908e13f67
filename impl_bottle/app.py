"""Bottle adapter: Bottle's routing and error hooks, wired to core."""

from bottle import Bottle
from bottle import HTTPResponse
from bottle import request

from core import SERVICE
from core import Reply
from core import Service
from core import decode_path


def create_app(service: Service = SERVICE) -> Bottle:
    """Build the app; tests pass a service of their own."""
    # --- The app ---
    app = Bottle()

    @app.hook("before_request")  # runs before routing
    def read_the_request_as_the_others() -> None:
        """Bottle drops invalid UTF-8 from the path (Flask and Falcon write U+FFFD), and
        drops a body only for an upper-case HEAD, though it routes ``head`` as HEAD."""
        request.environ["PATH_INFO"] = decode_path(request.environ["bottle.raw_path"])
        request.environ["REQUEST_METHOD"] = request.method

    # --- JSON responses ---
    def send(reply: Reply) -> HTTPResponse:
        return HTTPResponse(reply.body, reply.status_line, dict(reply.headers))

    # --- HEAD and OPTIONS ---
    # A GET route answers HEAD by itself, and OPTIONS reaches the 405 hook,
    # which asks core: nothing to even out.

    # --- Query parameters ---
    @app.get("/sum")
    def sum_query() -> HTTPResponse:
        args = request.query
        return send(service.sum_query(args.getall("number1"), args.getall("number2")))

    # --- Path parameters ---
    @app.get("/sum/<number1>/<number2>")
    def sum_path(number1: str, number2: str) -> HTTPResponse:
        return send(service.sum_path(number1, number2))

    @app.get("/echo/<text>")
    def echo(text: str) -> HTTPResponse:
        return send(service.echo(text))

    # --- Error hooks ---
    @app.error(404)
    def not_found(error: Exception) -> HTTPResponse:
        return send(service.not_found())

    @app.error(405)
    def other_method(error: Exception) -> HTTPResponse:
        return send(service.other_method(request.method))

    @app.error(500)
    def server_error(error: Exception) -> HTTPResponse:
        return send(service.server_error())  # Bottle wrote it to wsgi.errors

    return app


# --- Serving ---
app = create_app()
