"""The chart: server CPU ratios with their intervals, capacity, and the framework alone.

Drawn with matplotlib's object API (a ``Figure`` of its own, saved as PNG):
no pyplot state, no backend to choose, nothing shown on a screen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from loadtests.results.counted import CostView
from loadtests.results.model import Cost
from loadtests.results.model import Estimate
from loadtests.results.model import Row


def _errors(values: Sequence[Estimate]) -> list[list[float]]:
    """Matplotlib's yerr: distances below and above each figure (0 where unknown)."""
    low = [0.0 if math.isnan(e.low) else max(0.0, e.value - e.low) for e in values]
    high = [0.0 if math.isnan(e.high) else max(0.0, e.high - e.value) for e in values]
    return [low, high]


def _adapter_axis(axis: Any, title: str, adapters: Sequence[str], offset: float) -> None:
    axis.set_title(title)
    axis.set_xticks([i + offset for i in range(len(adapters))])
    axis.set_xticklabels(adapters)
    axis.grid(axis="y", alpha=0.3)


def chart(rows: Sequence[Row], mix: Sequence[Cost], path: Path) -> None:
    """Ratios with 95% intervals per server; capacity (hatched: Locust's limit); in-process."""
    shown = [row for row in rows if not row.control]
    servers = list(dict.fromkeys(row.server for row in shown))
    adapters = list(dict.fromkeys(row.label for row in shown))
    figure = Figure(figsize=(16, 4.8))
    axes = figure.subplots(1, 3)
    width = 0.8 / max(1, len(servers))
    for index, server in enumerate(servers):
        found = {r.label: r for r in shown if r.server == server}
        here = [a for a in adapters if a in found]
        positions = [adapters.index(a) + index * width for a in here]
        ratios = [found[a].ratio for a in here]
        axes[0].bar(positions, [e.value for e in ratios], width, label=server,
                    yerr=_errors(ratios), capsize=3)  # fmt: skip
        bars = axes[1].bar(positions, [found[a].capacity_rps for a in here], width, label=server)
        for bar, adapter in zip(bars, here, strict=True):
            bar.set_hatch("//" if found[adapter].capacity_limited else "")
        marks = [(x, found[a].wrk_rps) for x, a in zip(positions, here, strict=True)
                 if found[a].wrk_rps is not None]  # fmt: skip
        if marks:
            axes[1].scatter(*zip(*marks, strict=True), marker="D", color="black", zorder=3)
    offset = width * (len(servers) - 1) / 2
    axes[0].axhline(1.0, color="black", linewidth=0.8)
    _adapter_axis(axes[0], "server CPU per request vs raw WSGI or ASGI\n(same fixed rate; 95% "
                  "interval)", adapters, offset)  # fmt: skip
    _adapter_axis(axes[1], "capacity, req/s (closed model; ◆ wrk)", adapters, offset)
    ratios = [cost.ratio for cost in mix]
    axes[2].bar(range(len(mix)), [e.value for e in ratios], 0.6, color="grey",
                yerr=_errors(ratios), capsize=3)  # fmt: skip
    _adapter_axis(axes[2], "in-process CPU vs raw WSGI or ASGI\n(the framework alone, no server)",
                  [cost.adapter for cost in mix], 0.0)  # fmt: skip
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=len(servers) + 1, fontsize=9,
                  title="server (hatched bars: Locust, not the server, was the limit)")  # fmt: skip
    figure.tight_layout(rect=(0, 0.14, 1, 1))
    figure.savefig(path, dpi=110)


def cost_chart(view: CostView, path: Path) -> None:
    """Bytecodes per request, stacked by layer, one bar per adapter."""
    figure = Figure(figsize=(9, 4.8))
    axis = figure.subplots()
    names: list[str] = []
    for found in view.layers:
        names += [name for name in found.by_layer if name not in names]
    bottoms = [0.0] * len(view.layers)
    for name in names:
        heights = [found.by_layer.get(name, 0.0) for found in view.layers]
        axis.bar([f.adapter for f in view.layers], heights, 0.6, bottom=bottoms, label=name)
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    axis.set_title("Python bytecodes per request, by layer")
    axis.grid(axis="y", alpha=0.3)
    axis.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    figure.tight_layout()
    figure.savefig(path, dpi=110)
