"""``python -m impl_flask``: serve this adapter (see ``--help``)."""

from harness.cli import main

main("impl_flask")
