"""Adapter wiring that no case of the contract can reach: a later route's own errors, and
the ASGI lifespan messages a server sends before any request.

The cases prove what every adapter answers; these prove that an adapter's hooks
catch only what they exist for, so that adding a route cannot be silently rerouted.
"""

from __future__ import annotations

import asyncio
from typing import Any

import falcon
import pytest

from devtools.in_process import call
from harness.adapters import Adapter
from harness.adapters import discover
from harness.adapters import of_interface


def test_falcons_400_hook_takes_only_the_methods_falcon_refuses() -> None:
    """A route that reads a body answers its own 400; only BREW or WEBSOCKET become 404/405."""
    app = Adapter("falcon").create_app()

    class Reads:
        def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
            raise falcon.HTTPBadRequest(title="Unreadable body")

    app.add_route("/reads", Reads())
    own = call(app, "POST", "/reads")
    assert (own.status, b"Unreadable body" in own.body) == (400, True)
    assert call(app, "BREW", "/reads").status == 404  # not the contract's path
    assert call(app, "WEBSOCKET", "/sum/1/2").status == 405


@pytest.mark.parametrize(
    "asgi_adapter", of_interface(discover(), "asgi"), ids=lambda adapter: adapter.name
)
def test_an_asgi_adapter_answers_the_servers_lifespan_messages(asgi_adapter: Adapter) -> None:
    """uvicorn, hypercorn and granian send startup and shutdown before and after serving."""
    asked = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    told: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return asked.pop(0)

    async def send(message: dict[str, Any]) -> None:
        told.append(message)

    scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
    asyncio.run(asgi_adapter.create_app()(scope, receive, send))
    assert [m["type"] for m in told] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
