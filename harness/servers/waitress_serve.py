"""waitress's own command line, stopping on SIGTERM as it does on Ctrl-C.

Left alone, waitress dies of SIGTERM (what systemd, ``docker stop`` and the benchmark send)
and drops every request in flight; on Ctrl-C it answers them first. Here both do that.
"""

import signal
import sys

from waitress.runner import run

if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    sys.exit(run(["waitress", *sys.argv[1:]]))
