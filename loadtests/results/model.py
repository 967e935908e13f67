"""The benchmark's figures, in one place: what it measured, as results.json holds it.

Measuring modules make these values; the report and the guide only render them, read back
from results.json (``load``), so what a reader sees is what the file holds.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from harness.servers.registry import SERVERS
from loadtests.results.counted import CostView
from loadtests.results.plan import Plan

SATURATED = 0.85
"""Load generator CPU (fraction of one core) above which it, not the server, may be the limit."""
SUSTAINED = 0.95
"""A row that served less than this share of the asked rate did not keep up with it."""
CONTROL_SUFFIX = " (A/A)"
"""The baseline's second server: the same adapter measured twice shows the run's noise."""


@dataclass(frozen=True)
class Estimate:
    """A figure (a ratio of totals, a fastest-5% ratio) and its 95% interval; nan where too
    few values."""

    value: float
    low: float
    high: float

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    def text(self, digits: int = 2, unit: str = "×") -> str:
        if math.isnan(self.value):
            return "–"
        if math.isnan(self.low):
            return f"{self.value:.{digits}f}{unit}"
        return f"{self.value:.{digits}f}{unit} [{self.low:.{digits}f}–{self.high:.{digits}f}]"


@dataclass(frozen=True)
class Window:
    """What one window of one server measured."""

    label: str
    adapter: str
    server: str
    round: int
    seconds: float
    requests: int
    failures: int
    server_cpu_s: float
    load_cpu_s: float
    latency_ms: dict[str, float]
    rate: float = 0.0
    """The arrival rate asked for (req/s); 0 is the closed model."""
    attempt: int = 0
    others_server_core: float = 0.0
    others_load_core: float = 0.0
    steal: float = 0.0
    disturbed: str = ""
    """Why the window cannot be trusted (another program's CPU, steal); empty when clean."""
    start: int = 0
    """Which start of the servers served it: windows of one start share its processes' bias."""
    rss_bytes: int = 0
    """The server's resident memory once the window's answers were all back."""

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def cpu_us_per_request(self) -> float:
        return 1e6 * self.server_cpu_s / self.requests if self.requests else float("nan")

    @property
    def server_cpu_share(self) -> float:
        """Server CPU as a fraction of one core (it is pinned to one when there are two)."""
        return self.server_cpu_s / self.seconds if self.seconds else 0.0

    @property
    def load_cpu_share(self) -> float:
        """Load generator CPU as a fraction of one core."""
        return self.load_cpu_s / self.seconds if self.seconds else 0.0

    @classmethod
    def from_line(cls, text: str) -> Window:
        data = json.loads(text)
        data["latency_ms"] = {k: float(v) for k, v in data["latency_ms"].items()}
        return cls(**data)


@dataclass(frozen=True)
class Row:
    """One server running one adapter, at the run's fixed rate (or the closed model)."""

    server: str
    adapter: str
    label: str
    windows: int
    """Clean windows summarised here; disturbed ones are left out."""
    redone: int
    """Windows measured again because another program disturbed them."""
    rate: float
    rps: float
    cpu_us: float
    cpu_us_low: float
    cpu_us_high: float
    cpu_ratio: float
    cpu_ratio_low: float
    cpu_ratio_high: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    requests: int
    failures: int
    server_cpu: float
    load_cpu: float
    measurable: bool = False
    """The ratio to the baseline lies outside both its interval's reach of 1 and the noise."""
    capacity_rps: float = float("nan")
    capacity_limited: bool = False
    wrk_rps: float | None = None

    @property
    def control(self) -> bool:
        return self.label.endswith(CONTROL_SUFFIX)

    @property
    def limited(self) -> bool:
        """The load generator was the limit, or the row fell behind the asked rate."""
        behind = self.rate > 0 and self.rps < SUSTAINED * self.rate
        return self.load_cpu >= SATURATED or behind

    @property
    def ratio(self) -> Estimate:
        """CPU per request over the baseline's, with its interval."""
        return Estimate(self.cpu_ratio, self.cpu_ratio_low, self.cpu_ratio_high)

    @property
    def cost(self) -> Estimate:
        """CPU µs per request, with its interval."""
        return Estimate(self.cpu_us, self.cpu_us_low, self.cpu_us_high)


@dataclass(frozen=True)
class Cost:
    """One app's CPU per request (fastest 5% of its batches) and its ratio to another's."""

    adapter: str
    us_per_request: float
    ratio: Estimate
    """Over its baseline's (the mix), its WSGI twin's (async beside sync), or over the
    minimal route's (the wiring)."""
    batches: int
    full_speed: float = float("nan")
    """The share of its batches that ran at the host's full speed; the rest met slow spells."""
    beside_us: float = float("nan")
    """The other side's µs per request: the baseline's, the twin's, or the minimal route's."""
    beside: str = ""
    """The other side's name."""


@dataclass(frozen=True)
class Residency:
    """A server's resident memory over one start's fixed-rate windows: a leak grows it."""

    server: str
    label: str
    start: int
    before: int
    """Bytes after its first window of the start: warm-up and first requests are not growth."""
    after: int
    """Bytes after its last window of the start."""
    requests: int
    """Requests measured between the two readings (its windows after the first)."""

    @property
    def growth_per_10k(self) -> float:
        return (self.after - self.before) / self.requests * 10_000 if self.requests else 0.0


@dataclass(frozen=True)
class Setup:
    """An adapter under a server: a sync one with a few threads, or an async one."""

    adapter: str
    server: str
    threads: int = 1

    @property
    def sync(self) -> bool:
        return SERVERS[self.server].interface == "wsgi"

    @property
    def label(self) -> str:
        threads = f", {self.threads} threads" if self.sync else ", one event loop"
        return f"{self.adapter} ({self.server}{threads})"

    def ceiling(self, wait_ms: float) -> float:
        """The most req/s a sync server can reach: each thread, one wait at a time."""
        return self.threads * 1000 / wait_ms if self.sync else math.inf


@dataclass(frozen=True)
class Waited:
    """What one setup did while every request waited."""

    setup: Setup
    rps: Estimate
    """Requests per second over its windows' totals, with a 95% interval."""
    p50_ms: float
    p99_ms: float
    cpu_us: Estimate
    """Server CPU per request: the wait itself costs almost none."""
    windows: int
    failures: int
    load_cpu: float
    over_sync: Estimate | None = None
    """An async setup's req/s over the first sync setup's, from the rounds both measured."""


@dataclass
class Results:
    """Everything the benchmark measured: what results.json holds and the report renders."""

    plan: Plan
    machine: dict[str, str]
    pinning: str
    rows: list[Row]
    windows: list[Window]
    notes: list[str] = field(default_factory=list)
    command: str = ""
    in_process: list[Cost] = field(default_factory=list)
    """The framework alone, over the load's mix, beside raw WSGI."""
    adapter_overhead: list[Cost] = field(default_factory=list)
    """Each adapter beside its framework's minimal route, answering ``overhead_path``."""
    overhead_path: str = ""
    cost: CostView = field(default_factory=CostView)
    """Where the cost goes: instructions, bytecodes by layer, memory."""
    residency: list[Residency] = field(default_factory=list)
    """Each server's resident memory over its fixed-rate windows."""
    twins: list[Cost] = field(default_factory=list)
    """Each ASGI adapter beside its WSGI twin."""
    waited: list[Waited] = field(default_factory=list)
    """Each setup of the scenario of when async pays."""
    wait_ms: float = 0.0
    """How long each request of that scenario waited first."""
    wait_users: int = 0
    """How many users sent at once in that scenario."""
    samples: dict[str, dict[str, list[list[float]]]] = field(default_factory=dict)
    """The in-process batches ("mix", "wiring"): each app's µs per request, one list per
    portion, so that ``python -m loadtests.calibration`` can work the figures out again."""

    @property
    def unsettled(self) -> list[Row]:
        """Rows with too few clean windows to be trusted: the machine was too busy."""
        needed = max(3, self.plan.windows // 2)
        return [row for row in self.rows if row.windows < needed]


def save(results: Results, path: Path, **derived: Any) -> None:
    """results.json: every field, strict JSON (a missing figure, nan, is written "NaN"), and
    what ``derived`` adds for other readers (a load ignores it)."""
    data = {**asdict(results), **derived}
    path.write_text(json.dumps(_strict(data), indent=2, allow_nan=False), encoding="utf-8")


def load(path: Path) -> Results:
    """The results a run saved, checked against these types as they are read."""
    from pydantic import TypeAdapter

    return TypeAdapter(Results).validate_python(json.loads(path.read_text(encoding="utf-8")))


def _strict(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value).replace("nan", "NaN").replace("inf", "Infinity")
    if isinstance(value, dict):
        return {key: _strict(each) for key, each in value.items()}
    if isinstance(value, list | tuple):
        return [_strict(each) for each in value]
    return str(value) if isinstance(value, Path) else value
