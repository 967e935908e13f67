"""A realistic mix of contract requests, each answer checked byte for byte.

Use it on its own, like any locustfile::

    locust -f loadtests/sent/locustfile.py --host http://127.0.0.1:8080
    locust -f loadtests/sent/locustfile.py --host http://127.0.0.1:8080 --headless -t 30s
    locust -f loadtests/sent/locustfile.py --host http://127.0.0.1:8080 --processes 2

One extra option: ``--pacing R`` makes each user send R requests/s (an
open-ish model, for comparing latency at the same load). The benchmark's driver
(``loadtests/runs/driver.py``) runs this user inside its own long-lived process.
"""

from __future__ import annotations

import random
from typing import Any

from locust import FastHttpUser
from locust import events
from locust import task
from locust.user.wait_time import constant_throughput

from loadtests.sent.mix import MIX
from loadtests.sent.mix import WEIGHTS


@events.init_command_line_parser.add_listener
def _add_options(parser: Any) -> None:
    parser.add_argument(
        "--pacing", type=float, default=0.0, include_in_web_ui=False,
        help="requests/s per user (default: 0, as fast as the server answers)",
    )  # fmt: skip


class ContractUser(FastHttpUser):
    """Mostly valid sums and echoes, with a share of requests the contract refuses."""

    def wait_time(self) -> float:
        options = self.environment.parsed_options
        pacing = options.pacing if options else 0.0
        return constant_throughput(pacing)(self) if pacing > 0 else 0.0

    def target(self, path: str) -> str:
        """Where a request goes: ``--host``; the benchmark's driver moves it among servers."""
        return path

    def check(self, kind: str, name: str) -> None:
        expected = random.choice(MIX[kind])
        with self.client.get(
            self.target(expected.path), name=name, catch_response=True
        ) as response:
            if response.status_code != expected.status:
                response.failure(f"status {response.status_code}, expected {expected.status}")
            elif response.content != expected.body:
                response.failure(f"body {response.content[:120]!r} != {expected.body[:120]!r}")
            else:
                response.success()  # a 400 or 404 is right when the contract says so

    @task(WEIGHTS["sum_path"])
    def sum_path(self) -> None:
        self.check("sum_path", "/sum/[a]/[b]")

    @task(WEIGHTS["sum_query"])
    def sum_query(self) -> None:
        self.check("sum_query", "/sum?number1=[a]&number2=[b]")

    @task(WEIGHTS["echo"])
    def echo(self) -> None:
        self.check("echo", "/echo/[text]")

    @task(WEIGHTS["invalid_addend"])
    def invalid_addend(self) -> None:
        self.check("invalid_addend", "/sum/[a]/nan (400)")

    @task(WEIGHTS["unknown_path"])
    def unknown_path(self) -> None:
        self.check("unknown_path", "/[unknown] (404)")


if __name__ == "__main__":
    from locust import run_single_user

    ContractUser.host = "http://127.0.0.1:8080"
    run_single_user(ContractUser)
