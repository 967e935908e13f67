"""``python -m impl_asgi``: serve this adapter (see ``--help``)."""

from harness.cli import main

main("impl_asgi")
