"""``python -m impl_fastapi``: serve this adapter (see ``--help``)."""

from harness.cli import main

main("impl_fastapi")
