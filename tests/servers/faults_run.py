"""``python -m tests.servers.faults_run``: the faults of test_faults.py for every adapter.

The tests stop, kill and soak the baseline app under each server, since only the server acts
there; this run does the same for every WSGI adapter under every production WSGI server (4 × 3,
about 3 minutes), in case an adapter changes what the server does. A known gap of the server
is reported as such; anything else that fails is a finding. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from harness.adapters import Adapter
from harness.adapters import discover
from harness.servers.registry import PRODUCTION
from harness.servers.registry import SERVERS
from tests.servers import test_faults as faults


def soak(adapter: Adapter, server: str) -> str:
    growth = faults.assert_a_soak_does_not_grow(adapter, server)
    return f"+{growth // 1024} KiB per {faults.SOAK:,} requests"


def killed_worker(adapter: Adapter, server: str) -> str:
    return f"{faults.assert_a_killed_worker_costs_little(adapter, server)} requests lost"


def stopped(how: str) -> Callable[[Adapter, str], str]:
    def stop(adapter: Adapter, server: str) -> str:
        faults.assert_stops_cleanly(adapter, server, how)
        return f"{faults.IN_FLIGHT} in flight answered"

    return stop


FAULTS = {"sigterm": stopped("sigterm"), "ctrl-c": stopped("ctrl-c"),
          "killed-worker": killed_worker, "soak": soak}  # fmt: skip


def main() -> int:
    wsgi = [a.name for a in discover() if a.interface == "wsgi"]
    servers = [name for name in PRODUCTION if SERVERS[name].interface == "wsgi"]
    parser = argparse.ArgumentParser(
        prog="python -m tests.servers.faults_run",
        description="The faults of tests/servers/test_faults.py (a stop under load, a killed "
        "worker, a soak) for every WSGI adapter under every production WSGI server.",
    )
    parser.add_argument("--adapters", nargs="+", default=wsgi, choices=wsgi, metavar="NAME",
                        help=f"default: every WSGI adapter ({', '.join(wsgi)})")  # fmt: skip
    parser.add_argument(
        "--servers",
        nargs="+",
        default=servers,
        choices=servers,
        metavar="NAME",
        help=f"default: every production WSGI server ({', '.join(servers)})",
    )
    args = parser.parse_args()
    runs = findings = 0
    for name in args.adapters:
        for server in args.servers:
            for fault, run in FAULTS.items():
                if fault == "killed-worker" and not SERVERS[server].multiprocess:
                    continue
                gap = SERVERS[server].gap(fault)
                runs += 1
                try:
                    said, outcome = run(Adapter(name), server), "ok"
                    outcome += " (a known gap no longer fails)" if gap else ""
                except AssertionError as failed:
                    said, outcome = str(failed).splitlines()[0], "known gap" if gap else "FINDING"
                    findings += outcome == "FINDING"
                print(f"{name:8} {server:9} {fault:14} {outcome:10} {said}", flush=True)
    print(f"faults run: {len(args.adapters)} adapters × {len(args.servers)} servers, "
          f"{runs} runs, {findings} findings")  # fmt: skip
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
