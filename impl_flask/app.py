"""Flask adapter: Flask's routing and error hooks, wired to core."""

from flask import Flask
from flask import Response
from flask import request

from core import SERVICE
from core import Reply
from core import Service


def create_app(service: Service = SERVICE) -> Flask:
    """Build the app; tests pass a service of their own."""
    app = Flask(__name__)
    # Even out Flask's defaults: no automatic OPTIONS answer, no re-raised errors
    # in debug mode, and no redirect from /sum//1 to /sum/1.
    app.config.update(PROVIDE_AUTOMATIC_OPTIONS=False, PROPAGATE_EXCEPTIONS=False)
    app.url_map.merge_slashes = False

    def send(reply: Reply) -> Response:
        response = Response(reply.body, reply.status_line, list(reply.headers))
        if not reply.body:
            del response.headers["Content-Type"]  # Flask adds text/html to a 204
        return response

    # Routes (GET also answers HEAD)
    @app.get("/sum")
    def sum_query() -> Response:
        args = request.args
        return send(service.sum_query(args.getlist("number1"), args.getlist("number2")))

    @app.get("/sum/<number1>/<number2>")
    def sum_path(number1: str, number2: str) -> Response:
        return send(service.sum_path(number1, number2))

    @app.get("/echo/<text>")
    def echo(text: str) -> Response:
        return send(service.echo(text))

    # Error hooks
    @app.errorhandler(404)
    def not_found(error: Exception) -> Response:
        return send(service.not_found())

    @app.errorhandler(405)
    def other_method(error: Exception) -> Response:
        return send(service.other_method(request.method))

    @app.errorhandler(500)
    def server_error(error: Exception) -> Response:
        return send(service.server_error())

    return app


app = create_app()
