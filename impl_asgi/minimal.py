"""A bare ASGI function giving the same answer for ``GET /sum/<a>/<b>``, and nothing else.

Not served: the benchmark times it beside the adapter, so what the adapter's
routing and method handling cost over the bare minimum is measured.
"""

from typing import Any

from core import SERVICE


def create_app() -> Any:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        _, _, number1, number2 = scope["path"].split("/")
        reply = SERVICE.sum_path(number1, number2)
        headers = [(name.lower().encode(), value.encode()) for name, value in reply.headers]
        headers.append((b"content-length", str(len(reply.body)).encode()))
        await send({"type": "http.response.start", "status": reply.status, "headers": headers})
        await send({"type": "http.response.body", "body": reply.body})

    return app
