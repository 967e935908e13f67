"""What the counted part of the benchmark finds: instructions, bytecodes by layer, memory."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field

from harness.adapters import Adapter


@dataclass(frozen=True)
class Instructions:
    """An adapter's instructions per request, under each seed, and their median."""

    adapter: str
    by_seed: tuple[float, ...]

    @property
    def per_request(self) -> float:
        return statistics.median(self.by_seed)

    def over_baseline(self, every: Sequence[Instructions]) -> float:
        """Per request, over its baseline's (raw WSGI or raw ASGI) among ``every``."""
        baseline = Adapter(self.adapter).baseline.name
        return self.per_request / next(e for e in every if e.adapter == baseline).per_request

    @property
    def spread(self) -> float:
        """Largest less smallest over the median: how much the hash seed moves the count."""
        return (max(self.by_seed) - min(self.by_seed)) / self.per_request


@dataclass(frozen=True)
class Layers:
    """One adapter's bytecodes per request, by layer, and the functions that run the most."""

    adapter: str
    per_request: float
    by_layer: dict[str, float]
    """Bytecodes per request in each layer; they add up to ``per_request``."""
    top: list[tuple[str, float]]
    """The busiest functions (``file:function``), bytecodes per request."""


@dataclass(frozen=True)
class Memory:
    """One adapter's working memory per request, and what stayed held."""

    adapter: str
    peak_bytes: float
    """The median, over the requests, of the most each held at once above its start."""
    growth_per_10k: float
    """Bytes still held after the requests (a full collection done), per 10,000 requests."""


@dataclass
class CostView:
    """What each adapter's requests cost, counted rather than timed."""

    instructions: list[Instructions] = field(default_factory=list)
    layers: list[Layers] = field(default_factory=list)
    memory: list[Memory] = field(default_factory=list)
    note: str = ""
    """Why a part is missing (valgrind not installed), or empty."""
