"""Flask adapter: Flask's routing and error hooks, wired to core."""

from typing import Any

from flask import Flask
from flask import Response
from flask import request

from core import SERVICE
from core import Reply
from core import Service


def create_app(service: Service = SERVICE) -> Flask:
    """Build the app; tests pass a service of their own."""
    # --- The app ---
    app = Flask(__name__)
    app.url_map.merge_slashes = False  # no redirect from /sum//1 to /sum/1

    @app.before_request  # runs before routing errors reach the hooks too
    def read_the_method_as_the_others() -> None:
        """Werkzeug routes ``head`` as HEAD, but drops the body only for an upper-case HEAD."""
        request.environ["REQUEST_METHOD"] = request.method

    def route_by_path_alone(environ: dict[str, Any], start_response: Any) -> Any:
        """Werkzeug's router reads Host and Upgrade, which the contract ignores: it would
        answer a websocket upgrade, or a Host it cannot IDNA-encode, with its own HTML 400."""
        environ.pop("HTTP_UPGRADE", None)
        environ["HTTP_HOST"] = "localhost"
        return flask_wsgi_app(environ, start_response)

    flask_wsgi_app, app.wsgi_app = app.wsgi_app, route_by_path_alone  # type: ignore[method-assign]

    # --- JSON responses ---
    def send(reply: Reply) -> Response:
        response = Response(reply.body, reply.status_line, reply.headers)
        if not reply.body:
            del response.headers["Content-Type"]  # Flask adds text/html even to a 204
        return response

    # --- HEAD and OPTIONS ---
    # A GET route answers HEAD by itself. OPTIONS would get Flask's own 200
    # answer: turned off, it reaches the 405 hook, which asks core.
    app.config["PROVIDE_AUTOMATIC_OPTIONS"] = False

    # --- Query parameters ---
    @app.get("/sum")
    def sum_query() -> Response:
        args = request.args
        return send(service.sum_query(args.getlist("number1"), args.getlist("number2")))

    # --- Path parameters ---
    @app.get("/sum/<number1>/<number2>")
    def sum_path(number1: str, number2: str) -> Response:
        return send(service.sum_path(number1, number2))

    @app.get("/echo/<text>")
    def echo(text: str) -> Response:
        return send(service.echo(text))

    # --- Error hooks ---
    app.config["PROPAGATE_EXCEPTIONS"] = False  # the 500 hook, even in debug mode

    @app.errorhandler(404)
    def not_found(error: Exception) -> Response:
        return send(service.not_found())

    @app.errorhandler(405)
    def other_method(error: Exception) -> Response:
        return send(service.other_method(request.method, request.path))

    @app.errorhandler(500)
    def server_error(error: Exception) -> Response:
        return send(service.server_error())  # Flask has logged the traceback

    return app


# --- Serving ---
app = create_app()
