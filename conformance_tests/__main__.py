"""``python -m conformance_tests URL``: grade any server against the contract (see ``--help``)."""

import sys

from conformance_tests.grader.cli import main

sys.exit(main())
