"""Bottle adapter: Bottle's routing and error hooks, wired to core."""

from bottle import Bottle
from bottle import request
from bottle import response

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
        environ = request.environ
        environ["PATH_INFO"] = decode_path(environ["bottle.raw_path"])
        environ["REQUEST_METHOD"] = environ["REQUEST_METHOD"].upper()

    # --- JSON responses ---
    def send(reply: Reply) -> bytes:
        """Bottle's own response, filled in: a new HTTPResponse would be built and copied."""
        response.status = reply.status
        for name, value in reply.headers:
            response.set_header(name, value)
        return reply.body

    # --- HEAD and OPTIONS ---
    # A GET route answers HEAD by itself, and OPTIONS reaches the 405 hook,
    # which asks core: nothing to even out.

    # --- Query parameters ---
    @app.get("/sum")
    def sum_query() -> bytes:
        args = request.query
        return send(service.sum_query(args.getall("number1"), args.getall("number2")))

    # --- Path parameters ---
    @app.get("/sum/<number1>/<number2>")
    def sum_path(number1: str, number2: str) -> bytes:
        return send(service.sum_path(number1, number2))

    @app.get("/echo/<text>")
    def echo(text: str) -> bytes:
        return send(service.echo(text))

    # --- Error hooks ---
    @app.error(404)
    def not_found(error: Exception) -> bytes:
        return send(service.not_found())

    @app.error(405)
    def other_method(error: Exception) -> bytes:
        return send(service.other_method(request.method, request.path))

    @app.error(500)
    def server_error(error: Exception) -> bytes:
        return send(service.server_error())  # Bottle wrote it to wsgi.errors

    return app


# --- Serving ---
app = create_app()
