"""gunicorn's hooks (``--config python:harness.servers.gunicorn_settings``): Ctrl-C stops it
gracefully.

gunicorn takes SIGINT as its quick stop: each worker exits at once and a request in flight gets
gunicorn's own HTML 500. SIGTERM is its graceful stop (answer what is in flight, then exit);
here Ctrl-C is the same, in the master and in every worker.
"""

from __future__ import annotations

import signal
from typing import Any


def on_starting(server: Any) -> None:
    server.handle_int = server.handle_term


def post_worker_init(worker: Any) -> None:
    signal.signal(signal.SIGINT, worker.handle_exit)
    signal.siginterrupt(signal.SIGINT, False)
