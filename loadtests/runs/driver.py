"""Inside one long-lived Locust process: move the load among running servers, window by window.

Run by the benchmark as ``python -m loadtests.runs.driver SCHEDULE.json`` on the load
generator's core. The users never stop: they send the schedule's rate (or as
fast as answered) to whichever server is current, and the current server
changes every window, A B C D A B C D … A server's window closes once its last
request has come back, so its CPU and its requests cover exactly the same work.
A window that other programs disturbed is measured again at once. Each window
is printed as one JSON line on stdout.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from dataclasses import dataclass
from dataclasses import field
from typing import Any

import gevent
import gevent.event
from locust import events
from locust.env import Environment

from loadtests.runs.sampling import CoreTimes
from loadtests.runs.sampling import Interference
from loadtests.runs.sampling import core_times
from loadtests.runs.sampling import interference
from loadtests.runs.sampling import process_cpu
from loadtests.runs.sampling import process_rss
from loadtests.runs.schedule import WINDOW_MARK
from loadtests.runs.schedule import Schedule
from loadtests.runs.schedule import Target
from loadtests.sent.locustfile import ContractUser

DRAIN_SECONDS = 5.0
"""A server's last requests must come back within this, or its window ends without them."""


def latency_summary(times_ms: list[float]) -> dict[str, float]:
    """Exact percentiles in ms: Locust's own are rounded to whole milliseconds."""
    if len(times_ms) < 2:
        return {"count": len(times_ms)}
    cuts = statistics.quantiles(times_ms, n=100, method="inclusive")
    return {
        "count": len(times_ms),
        "mean": statistics.fmean(times_ms),
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
        "max": max(times_ms),
    }


@dataclass
class Tally:
    """Requests sent in one window, and their answers (which may come back after it closes)."""

    sent: int = 0
    answered: int = 0
    failures: int = 0
    times_ms: list[float] = field(default_factory=list)


class Current:
    """Where the users send now, and the window their requests count for; empty between windows."""

    url = ""
    tally = Tally()
    resumed = gevent.event.Event()


class SwitchingUser(ContractUser):
    """The locustfile's user, sending every request to the current server."""

    def target(self, path: str) -> str:
        while not Current.url:  # between windows: wait, so no request straddles two of them
            Current.resumed.wait()
        Current.tally.sent += 1
        return Current.url + path

    def context(self) -> dict[str, Any]:
        return {"tally": Current.tally}  # read right after target(), with no switch between


@events.request.add_listener
def _answered(
    response_time: float, context: dict[str, Any], exception: Any = None, **kwargs: Any
) -> None:
    tally: Tally | None = context.get("tally")
    if tally is not None:
        tally.answered += 1
        tally.failures += exception is not None
        tally.times_ms.append(response_time)


def switch(url: str) -> Tally:
    """Send to ``url`` from now on (nowhere, if empty), counting into a fresh tally."""
    Current.tally = Tally()
    Current.url = url
    if url:
        Current.resumed.set()
        Current.resumed.clear()
    return Current.tally


def _servers_cpu(schedule: Schedule) -> float:
    return sum(process_cpu(target.pid) for target in schedule.targets)


@dataclass(frozen=True)
class Edge:
    """Everything sampled when a window opens or closes."""

    at: float
    server_cores: CoreTimes
    load_cores: CoreTimes
    servers_cpu: float
    own_cpu: float


def edge(schedule: Schedule) -> Edge:
    return Edge(
        time.monotonic(), core_times(schedule.server_cpus), core_times(schedule.load_cpus),
        _servers_cpu(schedule), time.process_time(),
    )  # fmt: skip


def drained(tally: Tally) -> None:
    deadline = time.monotonic() + DRAIN_SECONDS
    while tally.answered < tally.sent and time.monotonic() < deadline:
        gevent.sleep(0.001)


def between(opened: Edge, closed: Edge) -> Interference:
    """What else ran on our cores between a window's two edges."""
    return interference(
        closed.at - opened.at,
        (opened.server_cores, closed.server_cores),
        (opened.load_cores, closed.load_cores),
        closed.servers_cpu - opened.servers_cpu,
        closed.own_cpu - opened.own_cpu,
    )


def one_window(schedule: Schedule, target: Target, number: int, attempt: int) -> dict[str, Any]:
    """Settle, measure, pause the users until every answer is back: one window of one server."""
    switch(target.url)
    gevent.sleep(schedule.settle)  # caches refilled after the previous server's window
    tally = switch(target.url)
    cpu = process_cpu(target.pid)
    opened = edge(schedule)
    gevent.sleep(schedule.seconds)
    closed = edge(schedule)
    switch("")
    drained(tally)
    noise = between(opened, closed)
    return {
        "label": target.label, "adapter": target.adapter, "server": target.server,
        "round": number, "attempt": attempt, "seconds": closed.at - opened.at,
        "requests": tally.answered, "failures": tally.failures + (tally.sent - tally.answered),
        "server_cpu_s": process_cpu(target.pid) - cpu,
        "load_cpu_s": closed.own_cpu - opened.own_cpu,
        "latency_ms": latency_summary(tally.times_ms), "rate": schedule.rate,
        "others_server_core": noise.server_core, "others_load_core": noise.load_core,
        "steal": noise.steal, "disturbed": noise.reason, "rss_bytes": process_rss(target.pid),
    }  # fmt: skip


def order(targets: tuple[Target, ...], number: int) -> list[Target]:
    """A new order each round (seeded by its number), so no server always follows the same one."""
    return random.Random(number).sample(targets, len(targets))


def run(schedule: Schedule) -> None:
    """A warm-up pass over every target, then the rounds; the users run throughout."""
    environment = Environment(
        user_classes=[SwitchingUser], events=events, host=schedule.targets[0].url
    )
    environment.parsed_options = argparse.Namespace(
        pacing=schedule.rate / schedule.users if schedule.rate else 0.0
    )
    runner = environment.create_local_runner()
    runner.start(schedule.users, spawn_rate=schedule.users)
    answered = 0
    for target in schedule.targets:
        warm = switch(target.url)  # connections opened, caches warm; not measured
        gevent.sleep(schedule.warmup)
        answered += warm.answered
    if not answered:
        runner.quit()
        raise SystemExit("no server answered during the warm-up; see the log above")
    for number in range(schedule.first_round, schedule.first_round + schedule.rounds):
        for target in order(schedule.targets, number):
            for attempt in range(schedule.retries + 1):
                window = one_window(schedule, target, number, attempt)
                print(WINDOW_MARK, json.dumps(window), flush=True)
                if not window["disturbed"]:
                    break
    switch("")
    runner.quit()


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m loadtests.runs.driver", description=__doc__)
    cli.add_argument("schedule", help="the schedule, as written by the benchmark (JSON)")
    args = cli.parse_args(argv)
    with open(args.schedule, encoding="utf-8") as file:
        run(Schedule.from_json(file.read()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
