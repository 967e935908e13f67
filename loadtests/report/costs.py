"""The report's cost section: instructions beside time, bytecodes by layer, memory, residency."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from harness.adapters import BASELINES
from loadtests.report.tables import beside
from loadtests.report.tables import number
from loadtests.report.tables import table
from loadtests.results.counted import CostView
from loadtests.results.model import Cost
from loadtests.results.model import Residency

READING = """\
*Instructions per request* are counted by valgrind (cachegrind, no cache simulation)
for N and 2N requests of the same mix, in-process; their difference over N
leaves start-up out. A count does not move with the machine's load, so it
repeats where times do not; its spread over three hash seeds is shown. It is not
time, and the two ratios differ (Flask's time ratio is above its instruction
ratio). Cachegrind's simulated caches and branch predictor do not explain the
gap: per 1,000 instructions, raw WSGI and Flask took the same first-level
instruction-cache misses (29.2 and 29.2), close data-cache misses (12.0 and
14.5) and mispredicted branches (26.4 and 29.4), and no last-level misses, when
measured here; so no estimate of cycles is given, for it would claim more than
it knows. What the gap is made of (the real machine's caches, the host)
these counts cannot say; they say how much work each request is.
*Bytecodes per layer* count the Python bytecodes each request runs, put in layers
by a table per framework (``loadtests/cost/layers.py``); work inside C (the json
encoder, dict operations) runs no bytecode and is not in them.
*Memory*: the most a request holds at once (tracemalloc, in-process), what stays
held after many requests, and each server's resident memory over its runs.
"""


def instructions_table(view: CostView, mix: Sequence[Cost], keep: Sequence[str] = ()) -> str:
    """Instructions per request, and, where the run timed them, the time ratios beside."""
    times = {cost.adapter: cost.ratio.text() for cost in mix}
    header = ["adapter", "instructions per request", "beside", "ratio", "hash-seed spread"]
    cells = [
        [each.adapter, number(each.per_request), beside(each.adapter),
         f"{each.over_baseline(view.instructions):.2f}×", f"±{each.spread / 2:.2%}"]
        + ([times.get(each.adapter, "–")] if times else [])
        for each in view.instructions
    ]  # fmt: skip
    return table([*header, "in-process time ratio [95%]"] if times else header, cells, keep)


def layers_table(view: CostView) -> str:
    """Rows are layers, columns adapters: bytecodes per request (each column adds up). A layer
    no adapter reaches a whole bytecode of is left out."""
    order = [layer.adapter for layer in view.layers]
    names: list[str] = []
    for found in view.layers:
        names += [name for name, per in found.by_layer.items() if per >= 0.5 and name not in names]
    rows = [[name] + [number(f.by_layer.get(name, 0.0)) for f in view.layers] for name in names]
    rows.append(["**all**"] + [f"**{number(f.per_request)}**" for f in view.layers])
    return table(["layer", *order], rows)


def top_functions(view: CostView) -> str:
    lines = []
    for found in view.layers:
        if found.adapter in BASELINES.values():
            continue
        busiest = "; ".join(f"`{name}` {per:,.0f}" for name, per in found.top[:5])
        lines.append(f"- {found.adapter}: {busiest}")
    return "\n".join(lines)


def memory_table(view: CostView) -> str:
    cells = [[m.adapter, f"{m.peak_bytes / 1024:.1f}", f"{m.growth_per_10k / 1024:.1f}"]
             for m in view.memory]  # fmt: skip
    return table(["adapter", "KB held at a request's peak", "KB still held per 10,000 requests"],
                 cells)  # fmt: skip


def residency_table(residency: Sequence[Residency]) -> str:
    cells = []
    for server, label in dict.fromkeys((r.server, r.label) for r in residency):
        mine = sorted((r for r in residency if (r.server, r.label) == (server, label)),
                      key=lambda r: r.start)  # fmt: skip
        growth = statistics.median(r.growth_per_10k for r in mine) / 1024
        first, last = mine[0].before / 2**20, mine[-1].after / 2**20
        cells.append([server, label, f"{first:.1f}", f"{last:.1f}", f"{growth:+.1f}",
                      str(len(mine))])  # fmt: skip
    header = ["server", "adapter", "RSS after the first window, MB", "after the last, MB",
              "growth per 10,000 requests, KB (median of starts)", "starts"]  # fmt: skip
    return table(header, cells)


def cost_markdown(view: CostView, mix: Sequence[Cost], residency: Sequence[Residency] = ()) -> str:
    """The whole section, for the report and for ``python -m loadtests.cost``."""
    parts = ["## Where the cost goes"]
    if view.instructions:
        beside = ", beside the in-process time ratios of the same run" if mix else ""
        parts += [f"Instructions per request, counted by valgrind{beside}:",
                  instructions_table(view, mix)]  # fmt: skip
    if view.note:
        parts.append(f"- {view.note}")
    if view.layers:
        parts += ["Python bytecodes per request, by layer (![by layer](cost.png)):",
                  layers_table(view), "The busiest functions, bytecodes per request:",
                  top_functions(view)]  # fmt: skip
    if view.memory:
        parts += ["Memory per request, in-process:", memory_table(view)]
    if residency:
        parts += ["Each server's resident memory over the fixed-rate windows:",
                  residency_table(residency)]  # fmt: skip
    return "\n\n".join([*parts, READING])
