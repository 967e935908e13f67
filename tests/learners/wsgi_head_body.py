"""A raw WSGI app that answers HEAD exactly as GET, body included: everything else is right.

PEP 3333 leaves HEAD to the app, and waitress sends whatever the app returns, so
a client that reads the bytes sees a body after the headers. Serve it with
``waitress-serve tests.learners.wsgi_head_body:app``.
"""

from typing import Any

from impl_wsgi import create_app

contract = create_app()


def app(environ: dict[str, Any], start_response: Any) -> Any:
    if environ["REQUEST_METHOD"] == "HEAD":
        environ["REQUEST_METHOD"] = "GET"  # the same answer, and (wrongly) its body too
    return contract(environ, start_response)
