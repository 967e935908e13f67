"""Serve the static client, and tell it where each adapter listens."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

STATIC = Path(__file__).with_name("static")
HOST = "127.0.0.1"


class ClientHandler(SimpleHTTPRequestHandler):
    """The static files, plus ``/adapters.json`` made from the running adapters."""

    adapters: dict[str, str] = {}

    def do_GET(self) -> None:
        if self.path.split("?")[0] == "/adapters.json":
            body = json.dumps(self.adapters).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the page's own requests are not news."""


@contextmanager
def serve_client(adapters: dict[str, str], port: int = 0) -> Iterator[str]:
    """Serve the page on 127.0.0.1 in a thread until the block ends; yields its URL."""
    handler = type("Handler", (ClientHandler,), {"adapters": dict(adapters)})
    server = ThreadingHTTPServer((HOST, port), partial(handler, directory=str(STATIC)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
