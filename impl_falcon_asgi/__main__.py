"""``python -m impl_falcon_asgi``: serve this adapter (see ``--help``)."""

from harness.cli import main

main("impl_falcon_asgi")
