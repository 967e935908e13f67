"""Debian's nginx in front of a live server, as harness/servers/nginx.conf says: the tested recipe.

Used by tests/servers/, which run the hostile clients once through it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from harness.servers.live import LiveServer
from harness.servers.live import ServerDidNotStart
from harness.servers.live import first_to_answer

CONFIG = Path(__file__).with_name("nginx.conf")
INSTALL = "apt-get install nginx (make test installs it where it can)"


def nginx() -> str:
    """The nginx binary, or an error that says how to get it."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        raise ServerDidNotStart(f"nginx is not installed: {INSTALL}")
    return found


def config(prefix: str, port: int, upstream: int) -> str:
    text = CONFIG.read_text(encoding="utf-8")
    for name, value in (("prefix", prefix), ("port", port), ("upstream", upstream)):
        text = text.replace("{" + name + "}", str(value))
    return text


@contextmanager
def behind_nginx(live: LiveServer) -> Iterator[LiveServer]:
    """``live`` as nginx serves it, on a port of its own; nginx stops when the block ends."""
    upstream = int(live.url.rsplit(":", 1)[1])
    with tempfile.TemporaryDirectory(prefix="nginx-") as prefix:
        os.chmod(prefix, 0o755)  # run as root, nginx's workers are nobody
        conf, log = Path(prefix, "nginx.conf"), Path(prefix, "error.log")

        def start(port: int) -> subprocess.Popen[bytes]:
            conf.write_text(config(prefix, port, upstream), encoding="utf-8")
            command = [nginx(), "-p", prefix, "-e", str(log), "-c", str(conf)]
            return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, process_group=0)  # fmt: skip

        def failed(problems: str) -> str:
            detail = log.read_text(errors="replace")[-1500:] if log.exists() else ""
            return f"nginx did not answer ({problems}):\n{detail}"

        with first_to_answer(start, 15, failed) as (url, process):
            yield LiveServer(live.adapter, f"nginx+{live.server}", url, process)
