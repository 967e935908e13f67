"""``python -m impl_<name>``: the same command line for every adapter."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from harness.adapters import PREFIX
from harness.servers import DEFAULT_SERVER
from harness.servers import SERVERS
from harness.servers import Listen


def add_server_option(cli: argparse.ArgumentParser) -> None:
    """--server, the same wherever adapters are started."""
    cli.add_argument(
        "--server",
        choices=SERVERS,
        default=DEFAULT_SERVER,
        help="WSGI server (default: %(default)s)",
    )


def parser(package: str) -> argparse.ArgumentParser:
    names = ", ".join(f"{name} ({server.about})" for name, server in SERVERS.items())
    cli = argparse.ArgumentParser(
        prog=f"python -m {package}",
        description=f"Serve the sum/echo contract with the {package.removeprefix(PREFIX)} adapter.",
        epilog=f"Servers: {names}.",
    )
    cli.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    cli.add_argument("--port", type=int, default=8080, help="port to bind (default: %(default)s)")
    add_server_option(cli)
    cli.add_argument(
        "--workers", type=int, default=1, help="server processes (default: %(default)s)"
    )
    cli.add_argument(
        "--threads", type=int, default=1, help="threads per process (default: %(default)s)"
    )
    return cli


def main(package: str, argv: Sequence[str] | None = None) -> None:
    """Parse the options, say where we serve, then hand over to the server."""
    cli = parser(package)
    args = cli.parse_args(argv)
    server = SERVERS[args.server]
    if not 0 < args.port < 65536:
        cli.error(f"--port must be 1-65535, not {args.port}")
    if args.workers < 1 or args.threads < 1:
        cli.error("--workers and --threads must be at least 1")
    if args.workers > 1 and not (server.production and server.multiprocess):
        cli.error(f"{args.server} runs one process: use --threads, or another --server")
    at = Listen(args.host, args.port, args.workers, args.threads)
    app_path = f"{package}.app:app"
    print(f"Serving {package} with {args.server} on http://{at.host}:{at.port}/", flush=True)
    if server.argv is not None:
        command = server.argv(app_path, at)
        os.execv(command[0], command)
    assert server.serve is not None
    app = importlib.import_module(f"{package}.app").app
    try:
        server.serve(app, at)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
