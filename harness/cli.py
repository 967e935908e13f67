"""``python -m impl_<name>``: the same command line for every adapter."""

from __future__ import annotations

import argparse
import importlib
import os
import socket
import sys
from collections.abc import Sequence

from harness.adapters import PREFIX
from harness.adapters import Adapter
from harness.servers.commands import Listen
from harness.servers.registry import DEFAULT_SERVER_OF
from harness.servers.registry import SERVERS


def add_server_option(cli: argparse.ArgumentParser) -> None:
    """--server, the same wherever adapters are started."""
    defaults = ", ".join(
        f"{server} for {kind.upper()}" for kind, server in DEFAULT_SERVER_OF.items()
    )
    cli.add_argument(
        "--server",
        choices=SERVERS,
        help=f"a server of the adapter's kind (default: {defaults})",
    )


def port_number(text: str) -> int:
    """An argparse type: a TCP port a server can bind."""
    port = int(text)
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"must be 1-65535, not {port}")
    return port


def cannot_listen(host: str, port: int) -> str | None:
    """Why a server could not listen there (port taken, unknown address), or None if it can.

    Checked before the server starts, so the answer is one line instead of its traceback.
    """
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.create_server((host, port), family=family):  # SO_REUSEADDR, as servers set
            return None
    except socket.gaierror as error:
        return f"cannot listen on {host}:{port}: {error.strerror} (check --host)"
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        return (
            f"cannot listen on {host}:{port}: {reason} (another server there? try another --port)"
        )


def parser(package: str) -> argparse.ArgumentParser:
    names = ", ".join(f"{name} ({server.about})" for name, server in SERVERS.items())
    cli = argparse.ArgumentParser(
        prog=f"python -m {package}",
        description=f"Serve the sum/echo contract with the {package.removeprefix(PREFIX)} adapter.",
        epilog=f"Servers: {names}.",
    )
    cli.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    cli.add_argument(
        "--port", type=port_number, default=8080, help="port to bind (default: %(default)s)"
    )
    add_server_option(cli)
    cli.add_argument(
        "--workers", type=int, default=1, help="server processes (default: %(default)s)"
    )
    cli.add_argument(
        "--threads", type=int, default=1, help="threads per process (default: %(default)s)"
    )
    cli.add_argument(
        "--wait-ms",
        type=float,
        default=0.0,
        help="for the benchmark only: each request first waits this long, as on a database "
        "call (a sleep in WSGI, an await in ASGI); the answers stay the contract's",
    )
    return cli


def main(package: str, argv: Sequence[str] | None = None) -> None:
    """Parse the options, say where we serve, then hand over to the server."""
    cli = parser(package)
    args = cli.parse_args(argv)
    adapter = Adapter(package.removeprefix(PREFIX))
    interface = adapter.interface
    args.server = args.server or DEFAULT_SERVER_OF[interface]
    server = SERVERS[args.server]
    if server.interface != interface:
        kind = [name for name, each in SERVERS.items() if each.interface == interface]
        cli.error(f"{args.server} serves {server.interface.upper()} apps and {package} is "
                  f"{interface.upper()}: choose one of {', '.join(kind)}")  # fmt: skip
    if args.workers < 1 or args.threads < 1:
        cli.error("--workers and --threads must be at least 1")
    if args.workers > 1 and not (server.production and server.multiprocess):
        cli.error(f"{args.server} runs one process: use --threads, or another --server")
    problem = cannot_listen(args.host, args.port)
    if problem:
        cli.error(problem)
    if args.threads > 1 and server.interface == "asgi":
        cli.error(f"{args.server} serves on one event loop per process: use --workers")
    if args.wait_ms < 0:
        cli.error("--wait-ms must be 0 or more")
    at = Listen(args.host, args.port, args.workers, args.threads)
    app_path = adapter.app_path
    if args.wait_ms:
        os.environ |= {"WAITING_PACKAGE": package, "WAITING_SECONDS": str(args.wait_ms / 1000)}
        app_path = "harness.delayed_app:app"
    host = f"[{at.host}]" if ":" in at.host else at.host  # an IPv6 address in a URL
    print(f"Serving {package} with {args.server} on http://{host}:{at.port}/", flush=True)
    if server.argv is not None:
        command = server.argv(app_path, at)
        os.execv(command[0], command)
    assert server.serve is not None
    module, _, name = app_path.partition(":")
    app = getattr(importlib.import_module(module), name)
    try:
        server.serve(app, at)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
    except OSError as error:  # e.g. wsgiref, which knows no IPv6
        cli.exit(1, f"{cli.prog}: error: {args.server} cannot serve on {host}:{at.port}: {error}\n")
