"""``python -m conformance_tests.classroom SUBMISSIONS``: grade a class (see ``--help``)."""

import sys

from conformance_tests.classroom.cli import main

sys.exit(main())
