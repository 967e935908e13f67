"""A realistic mix of contract requests, each answer checked byte for byte.

Use it on its own, like any locustfile::

    locust -f loadtests/locustfile.py --host http://127.0.0.1:8080
    locust -f loadtests/locustfile.py --host http://127.0.0.1:8080 --headless -u 16 -r 16 -t 30s
    locust -f loadtests/locustfile.py --host http://127.0.0.1:8080 --processes 2    # one per core

Extra options: ``--warmup S`` resets the statistics S seconds after the start,
so the numbers cover only the measured window; ``--pacing R`` makes each user
send R requests/s (an open-ish model for comparing latency at the same load).
"""

from __future__ import annotations

import json
import logging
import random
import time
from typing import Any

import gevent
from locust import FastHttpUser
from locust import events
from locust import task
from locust.runners import WorkerRunner
from locust.user.wait_time import constant_throughput

from loadtests.latency import latency_summary
from loadtests.probes import PROBES
from loadtests.probes import WEIGHTS
from loadtests.probes import WINDOW_MARK

log = logging.getLogger(__name__)
WINDOW_TIMES: list[float] = []
"""Response times (ms) since the window opened; Locust's own percentiles are whole ms."""
WINDOW_EDGES: dict[str, float] = {}


@events.init_command_line_parser.add_listener
def _add_options(parser: Any) -> None:
    parser.add_argument(
        "--warmup", type=float, default=0.0, include_in_web_ui=False,
        help="seconds of load before the statistics are reset (default: 0)",
    )  # fmt: skip
    parser.add_argument(
        "--window-json", default="", include_in_web_ui=False,
        help="write the window's request count, failures and exact latency percentiles here",
    )  # fmt: skip
    parser.add_argument(
        "--pacing", type=float, default=0.0, include_in_web_ui=False,
        help="requests/s per user (default: 0, as fast as the server answers)",
    )  # fmt: skip


@events.test_start.add_listener
def _start_window(environment: Any, **kwargs: Any) -> None:
    if isinstance(environment.runner, WorkerRunner):
        return
    warmup = environment.parsed_options.warmup if environment.parsed_options else 0.0

    def reset() -> None:
        environment.runner.stats.reset_all()
        WINDOW_TIMES.clear()
        WINDOW_EDGES["started"] = time.time()
        log.info("%s start", WINDOW_MARK)

    gevent.spawn_later(warmup, reset)


@events.request.add_listener
def _record(response_time: float, **kwargs: Any) -> None:
    WINDOW_TIMES.append(response_time)


@events.test_stop.add_listener
def _stop_window(environment: Any, **kwargs: Any) -> None:
    if isinstance(environment.runner, WorkerRunner):
        return
    stopped = time.time()
    log.info("%s stop", WINDOW_MARK)
    path = environment.parsed_options.window_json if environment.parsed_options else ""
    if path:
        total = environment.runner.stats.total
        window = {
            "seconds": stopped - WINDOW_EDGES.get("started", stopped),
            "requests": total.num_requests,
            "failures": total.num_failures,
            "latency_ms": latency_summary(WINDOW_TIMES),
        }
        with open(path, "w", encoding="utf-8") as file:
            json.dump(window, file)


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
        expected = random.choice(PROBES[kind])
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
