"""``python -m impl_falcon``: serve this adapter (see ``--help``)."""

from harness.cli import main

main("impl_falcon")
