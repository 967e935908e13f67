"""``python -m impl_bottle``: serve this adapter (see ``--help``)."""

from harness.cli import main

main("impl_bottle")
