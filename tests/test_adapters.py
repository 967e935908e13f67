"""Adapter wiring that no case of the contract can reach: a later route's own errors.

The cases prove what every adapter answers; these prove that an adapter's hooks
catch only what they exist for, so that adding a route cannot be silently rerouted.
"""

from __future__ import annotations

import falcon

from conformance_tests.in_process import call_wsgi
from harness.adapters import Adapter


def test_falcons_400_hook_takes_only_the_methods_falcon_refuses() -> None:
    """A route that reads a body answers its own 400; only BREW or WEBSOCKET become 404/405."""
    app = Adapter("falcon").create_app()

    class Reads:
        def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
            raise falcon.HTTPBadRequest(title="Unreadable body")

    app.add_route("/reads", Reads())  # type: ignore[attr-defined]
    own = call_wsgi(app, "POST", "/reads")
    assert (own.status, b"Unreadable body" in own.body) == (400, True)
    assert call_wsgi(app, "BREW", "/reads").status == 404  # not the contract's path
    assert call_wsgi(app, "WEBSOCKET", "/sum/1/2").status == 405
