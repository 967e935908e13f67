"""``python -m client``: every adapter on its own loopback port, and the page that calls them."""

from __future__ import annotations

import argparse
import time
from contextlib import ExitStack

from client.serve import HOST
from client.serve import serve_client
from harness.adapters import select
from harness.cli import add_server_option
from harness.cli import cannot_listen
from harness.cli import port_number
from harness.servers.live import serve


def main() -> None:
    cli = argparse.ArgumentParser(prog="python -m client", description=__doc__)
    cli.add_argument(
        "--port", type=port_number, default=8000, help="port of the page (default: 8000)"
    )
    add_server_option(cli)
    cli.add_argument("--adapters", nargs="+", metavar="NAME", help="default: all")
    args = cli.parse_args()
    try:
        adapters = select(args.adapters)
    except ValueError as error:
        cli.error(str(error))
    problem = cannot_listen(HOST, args.port)
    if problem:
        cli.error(problem)
    with ExitStack() as stack:
        urls = {a.name: stack.enter_context(serve(a, args.server)).url for a in adapters}
        for name, url in urls.items():
            print(f"  {name:<8} {url}")
        page = stack.enter_context(serve_client(urls, args.port))
        print(f"Open {page} (Ctrl-C stops everything)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("Stopped.")


if __name__ == "__main__":
    main()
