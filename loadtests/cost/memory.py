"""Memory per request, in-process: the most a request holds at once, and what it leaves behind.

tracemalloc traces live blocks, not allocation calls, so two figures are taken:
the peak above what was held before the request (its working memory, freed
when it ends), and the growth of what stays held over many requests (a leak
shows here). The servers' resident memory during the benchmark is the other
half of the picture (``loadtests/runs/per_server.py``).
"""

from __future__ import annotations

import gc
import statistics
import tracemalloc
from array import array
from collections.abc import Sequence

from harness.adapters import Adapter
from harness.adapters import App
from harness.calling import Calls
from loadtests.results.counted import Memory
from loadtests.sent.mix import sequence

REQUESTS = 5_000
"""Enough for a leak of a few bytes a request to show."""


def held(app: App, name: str, requests: int = REQUESTS, batch: int = 200) -> Memory:
    """An ASGI request runs on the event loop on its own (a task, as a server makes one)."""
    with Calls(app, [("GET", each.path) for each in sequence(batch)]) as calls:
        calls.run(batch)  # first calls fill caches: not a request's own memory
        peaks = array("q", bytes(8 * requests))  # made before tracing: filling it allocates nothing
        gc.collect()
        tracemalloc.start()
        try:
            start = tracemalloc.get_traced_memory()[0]
            for number in range(requests):
                before = tracemalloc.get_traced_memory()[0]
                tracemalloc.reset_peak()
                calls.one(number)
                peaks[number] = tracemalloc.get_traced_memory()[1] - before
            gc.collect()
            end = tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
    return Memory(name, statistics.median(peaks), (end - start) / requests * 10_000)


def measure(adapters: Sequence[Adapter], requests: int = REQUESTS) -> list[Memory]:
    return [held(adapter.create_app(), adapter.name, requests) for adapter in adapters]
