"""``python -m impl_wsgi``: serve this adapter (see ``--help``)."""

from harness.cli import main

main("impl_wsgi")
