"""The report: Markdown, CSV, JSON, a chart (PNG) and an HTML page showing it."""

from __future__ import annotations

import csv
import html
import json
import math
import re
from collections.abc import Sequence
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from harness.adapters import BASELINE  # noqa: E402
from loadtests.inprocess import AppCost  # noqa: E402
from loadtests.markdown import table as md_table  # noqa: E402
from loadtests.overhead import HEADER as OVERHEAD_HEADER  # noqa: E402
from loadtests.overhead import PATH as OVERHEAD_PATH  # noqa: E402
from loadtests.overhead import Overhead  # noqa: E402
from loadtests.overhead import cells as overhead_cells  # noqa: E402
from loadtests.overhead import table as overhead_table  # noqa: E402
from loadtests.plan import SATURATED  # noqa: E402
from loadtests.plan import Plan  # noqa: E402
from loadtests.stats import Estimate  # noqa: E402
from loadtests.summary import Row  # noqa: E402
from loadtests.summary import final  # noqa: E402
from loadtests.summary import floor_of  # noqa: E402
from loadtests.window import Window  # noqa: E402

THIN = 0.1
"""Below this share of full-speed batches, the in-process figures rest on too few."""

HOW_TO_READ = f"""\
**How to read these numbers.**
*Server CPU µs per request* (the first table, the headline) is the server's own
CPU time (user + system, all its processes and threads, read from the kernel's
nanosecond CPU clock) over a window, divided by the requests it served in it.
Every adapter gets the same fixed rate, well below what the slowest of them
(and the load generator) can serve, so the figure compares frameworks under
the same load. Each adapter's server runs throughout; the load moves among them
in short windows, A B C D A B C D …, and each ratio is taken window by window
against raw WSGI (`{BASELINE}`) in the same cycle, then summarised by its median
and a 95% bootstrap interval *[low–high]*.
*The A/A control* is raw WSGI measured twice, by two servers: the ratio between
them should be 1, and how far it strays is the run's *noise floor*. A
difference inside the noise floor, or whose interval includes 1, is *no
measurable difference*, never a ranking.
*Disturbed windows*: during every window the benchmark reads how much CPU
other programs used on the server's and the load generator's cores (and the
hypervisor's steal). A window where that passed 10% of a core is measured
again; one that stays disturbed is left out, and the report says so at the top.
*Capacity* (the second table) is the most req/s in the closed model (users
sending back to back), from Locust's whole mix and from wrk (one URL, a C
client). Where Locust used more than {SATURATED:.0%} of its core, its figure is
Locust's limit, not the server's, and is marked so.
*In-process µs per request* (the third table) is each adapter's WSGI callable
called directly with the same request mix: no server, no network, no load
generator. It is what the framework alone costs. The batches are taken in
blocks before every start of the servers, so they span the run, and each
figure is the adapter's *fastest 5%* of them: a shared host has slow spells
that shift ratios as well as times (on ours, Flask's fell from 8.1× to 7.0×
raw WSGI in them), and its fast spells are there in every run.
*The server matters*: compare frameworks within one server, never across servers.
"""


@dataclass
class Report:
    """Everything that goes into the files."""

    plan: Plan
    machine: dict[str, str]
    pinning: str
    rows: list[Row]
    windows: list[Window]
    notes: list[str] = field(default_factory=list)
    command: str = ""
    app_costs: list[AppCost] = field(default_factory=list)
    overheads: list[Overhead] = field(default_factory=list)

    @property
    def unsettled(self) -> list[Row]:
        """Rows with too few clean windows to be trusted: the machine was too busy."""
        needed = max(3, self.plan.cycles // 2)
        return [row for row in self.rows if row.windows < needed]


def _fmt(value: float | None, digits: int = 0) -> str:
    if value is None or math.isnan(value):
        return "–"
    return f"{value:,.{digits}f}"


def _ratio(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.2f}×"


def _interval(median: float, low: float, high: float, digits: int, unit: str = "") -> str:
    return Estimate(median, low, high, 0).text(digits, unit)


def verdict(row: Row) -> str:
    if row.adapter == BASELINE and not row.control:
        return "baseline"
    if row.control:
        return "A/A control: the noise floor"
    if math.isnan(row.cpu_ratio):
        return "–"
    if not row.measurable:
        return "no measurable difference"
    return f"costs {row.cpu_ratio:.2f}× raw WSGI"


TABLE_HEADER = [
    "server", "adapter", "CPU µs/req [95%]", "vs raw WSGI [95%]", "verdict", "req/s (asked)",
    "p50 ms", "p99 ms", "windows (redone)", "server CPU", "load gen CPU", "failures",
]  # fmt: skip


def table_cells(row: Row) -> list[str]:
    rps = f"{_fmt(row.rps)} ({_fmt(row.rate)})" + (" **LIMITED**" if row.limited else "")
    return [
        row.server, row.label, _interval(row.cpu_us, row.cpu_us_low, row.cpu_us_high, 1),
        _interval(row.cpu_ratio, row.cpu_ratio_low, row.cpu_ratio_high, 2, "×"), verdict(row),
        rps, _fmt(row.p50_ms, 2), _fmt(row.p99_ms, 2), f"{row.windows} ({row.redone})",
        f"{row.server_cpu:.0%}", f"{row.load_cpu:.0%}", f"{row.failures} / {row.requests:,}",
    ]  # fmt: skip


CAPACITY_HEADER = ["server", "adapter", "Locust req/s (closed model)", "wrk req/s"]


def capacity_cells(row: Row) -> list[str]:
    locust = _fmt(row.capacity_rps)
    if row.capacity_limited:
        locust = f"≥ {locust} (Locust's limit)"
    return [row.server, row.label, locust, _fmt(row.wrk_rps)]


def markdown_table(rows: Sequence[Row]) -> str:
    return md_table(TABLE_HEADER, [table_cells(row) for row in rows])


def capacity_table(rows: Sequence[Row]) -> str:
    return md_table(CAPACITY_HEADER, [capacity_cells(row) for row in rows if not row.control])


APP_COST_HEADER = ["adapter", "in-process µs/req", "vs raw WSGI [95%]"]


def app_cost_cells(cost: AppCost) -> list[str]:
    ratio = _interval(cost.ratio, cost.ratio_low, cost.ratio_high, 2, "×")
    return [cost.adapter, _fmt(cost.us_per_request, 1), ratio]


def app_cost_table(costs: Sequence[AppCost]) -> str:
    return md_table(APP_COST_HEADER, [app_cost_cells(cost) for cost in costs])


def settings_line(report: Report) -> str:
    """Everything every adapter shared in this run, in one sentence."""
    plan = report.plan
    chosen = ", ".join(f"{r:,.0f}" for r in sorted({row.rate for row in report.rows}))
    rate = (
        f"{plan.rate:,.0f} req/s"
        if plan.rate
        else f"{chosen or '–'} req/s (the benchmark's choice)"
    )
    return (
        f"{plan.users} users at {rate} for every adapter; {plan.cycles} interleaved windows of "
        f"{plan.window:g} s per adapter (after {plan.warmup:g} s of warm-up each), "
        f"{plan.probe_cycles} capacity windows; server {plan.workers} worker(s) × "
        f"{plan.threads} thread(s); {report.pinning}."
    )


def headline(report: Report) -> list[str]:
    """What to know before reading any table: the noise floor, and whether the run was clean."""
    lines = []
    for server in dict.fromkeys(row.server for row in report.rows):
        floor = floor_of(report.rows, server)
        shown = "unknown (too few windows)" if math.isnan(floor) else f"±{floor:.1%}"
        lines.append(
            f"Noise floor under {server} (A/A: raw WSGI against a second raw WSGI server): "
            f"{shown}. Differences within it are reported as no measurable difference."
        )
    base = next((c for c in report.app_costs if c.adapter == BASELINE), None)
    if base is not None:
        lines.append(
            f"Speed of this machine during the run: raw WSGI in-process took "
            f"{base.us_per_request:.1f} µs per request (its fastest 5% of batches), and "
            f"{base.full_speed:.0%} of its batches ran within 5% of that; the rest met the "
            "host's slow spells, which the in-process figures leave out."
        )
        if base.full_speed < THIN:
            lines.append(
                "**Few in-process batches ran at full speed**: the host was slow for most of "
                "the run, and the in-process figures rest on a handful of batches. Run again "
                "for firmer ones."
            )
    redone = sum(row.redone for row in report.rows)
    unsettled = report.unsettled
    if unsettled:
        names = ", ".join(f"{r.server}/{r.label} ({r.windows} clean)" for r in unsettled)
        lines.append(
            f"**DISTURBED RUN**: other programs kept the machine busy; {redone} windows were "
            f"measured again and too few stayed clean for {names}. Do not trust these "
            "figures: run again on a quieter machine."
        )
    elif redone:
        left_out = sum(1 for w in final(report.windows) if w.disturbed and w.rate > 0)
        lines.append(
            f"{redone} windows were disturbed by other programs and measured again "
            f"({left_out} stayed disturbed and are left out); every figure below comes from "
            "clean windows."
        )
    else:
        lines.append("No window was disturbed by other programs.")
    return lines


def markdown(report: Report) -> str:
    settings = settings_line(report)
    facts = "\n".join(f"- {name}: {value}" for name, value in report.machine.items())
    notes = "\n".join(f"- {note}" for note in report.notes)
    top = "\n".join(f"- {line}" for line in headline(report))
    batches = report.app_costs[0].batches if report.app_costs else 0
    return f"""# Benchmark report

Command: `{report.command}`

Settings: {settings}

{top}

## Server CPU per request at the same fixed rate

{markdown_table(report.rows)}

{notes}

## Capacity: the most req/s

{capacity_table(report.rows)}

## The framework alone, with no server

Fastest 5% of {batches} interleaved batches of the same mix per adapter, taken
in blocks across the run:

{app_cost_table(report.app_costs)}

What each adapter's wiring costs over its framework's shortest route to the same answer
(`impl_<name>/minimal.py`), for `GET {OVERHEAD_PATH}`, in-process, from the fastest
5% of batches taken in the same blocks (`python -m loadtests.overhead` alone):

{overhead_table(report.overheads)}

{HOW_TO_READ}

![server CPU per request, capacity and in-process cost per adapter](chart.png)

## Machine
{facts}

Per-window files (the schedules, Locust's logs, the servers' logs): `runs/`.
"""


def write_csv(rows: Sequence[Row], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        names = [*asdict(rows[0]).keys(), "limited"] if rows else []
        writer = csv.DictWriter(file, fieldnames=names)
        writer.writeheader()
        for row in rows:
            writer.writerow({**asdict(row), "limited": row.limited})


def _jsonable(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None  # JSON has no NaN
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def write_json(report: Report, path: Path) -> None:
    data = {
        "command": report.command,
        "plan": report.plan.as_dict(),
        "machine": report.machine,
        "pinning": report.pinning,
        "headline": headline(report),
        "disturbed": bool(report.unsettled),
        "rows": [
            {**asdict(row), "limited": row.limited, "control": row.control} for row in report.rows
        ],
        "windows": [asdict(window) for window in report.windows],
        "in_process": [asdict(cost) for cost in report.app_costs],
        "adapter_overhead": [asdict(overhead) for overhead in report.overheads],
        "notes": report.notes,
    }
    path.write_text(json.dumps(_jsonable(data), indent=2, allow_nan=False), encoding="utf-8")


def _errors(values: Sequence[tuple[float, float, float]]) -> list[list[float]]:
    """Matplotlib's yerr: distances below and above each median (0 where unknown)."""
    low = [0.0 if math.isnan(lo) else max(0.0, m - lo) for m, lo, _ in values]
    high = [0.0 if math.isnan(hi) else max(0.0, hi - m) for m, _, hi in values]
    return [low, high]


def chart(rows: Sequence[Row], costs: Sequence[AppCost], path: Path) -> None:
    """Ratios with 95% intervals per server; capacity (hatched: Locust's limit); in-process."""
    shown = [row for row in rows if not row.control]
    servers = list(dict.fromkeys(row.server for row in shown))
    adapters = list(dict.fromkeys(row.label for row in shown))
    figure, axes = plt.subplots(1, 3, figsize=(16, 4.8))
    width = 0.8 / max(1, len(servers))
    for index, server in enumerate(servers):
        found = {r.label: r for r in shown if r.server == server}
        here = [a for a in adapters if a in found]
        positions = [adapters.index(a) + index * width for a in here]
        ratios = [(found[a].cpu_ratio, found[a].cpu_ratio_low, found[a].cpu_ratio_high)
                  for a in here]  # fmt: skip
        axes[0].bar(positions, [m for m, _, _ in ratios], width, label=server,
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
    _adapter_axis(axes[0], "server CPU per request vs raw WSGI\n(same fixed rate; 95% interval)",
                  adapters, offset)  # fmt: skip
    _adapter_axis(axes[1], "capacity, req/s (closed model; ◆ wrk)", adapters, offset)
    values = [(c.ratio, c.ratio_low, c.ratio_high) for c in costs]
    axes[2].bar(range(len(costs)), [m for m, _, _ in values], 0.6, color="grey",
                yerr=_errors(values), capsize=3)  # fmt: skip
    _adapter_axis(axes[2], "in-process CPU vs raw WSGI\n(the framework alone, no server)",
                  [c.adapter for c in costs], 0.0)  # fmt: skip
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=len(servers) + 1, fontsize=9,
                  title="server (hatched bars: Locust, not the server, was the limit)")  # fmt: skip
    figure.tight_layout(rect=(0, 0.14, 1, 1))
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _adapter_axis(axis: Any, title: str, adapters: Sequence[str], offset: float) -> None:
    axis.set_title(title)
    axis.set_xticks([i + offset for i in range(len(adapters))])
    axis.set_xticklabels(adapters)
    axis.grid(axis="y", alpha=0.3)


def _inline_html(text: str) -> str:
    """The few Markdown marks the report uses (**bold**, *emphasis*, `code`), as HTML."""
    text = html.escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"\*(.+?)\*", r"<em>\1</em>", text)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", text)


def _html_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{_inline_html(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def html_page(report: Report) -> str:
    servers = _html_table(TABLE_HEADER, [table_cells(row) for row in report.rows])
    capacity = _html_table(
        CAPACITY_HEADER, [capacity_cells(row) for row in report.rows if not row.control]
    )
    apps = _html_table(APP_COST_HEADER, [app_cost_cells(cost) for cost in report.app_costs])
    wiring = _html_table(OVERHEAD_HEADER, [overhead_cells(each) for each in report.overheads])
    reading = _inline_html(HOW_TO_READ).replace("\n", " ")
    top = "".join(f"<li>{_inline_html(line)}</li>" for line in headline(report))
    notes = "".join(f"<li>{_inline_html(n)}</li>" for n in report.notes)
    facts = "".join(
        f"<li>{html.escape(k)}: {html.escape(v)}</li>" for k, v in report.machine.items()
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Benchmark report</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}}
table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}}
td:nth-child(-n+2),th{{text-align:left}}img{{max-width:100%}}</style></head>
<body><h1>Benchmark report</h1><p><code>{html.escape(report.command)}</code></p>
<p>{html.escape(settings_line(report))}</p><ul>{top}</ul>
<h2>Server CPU per request at the same fixed rate</h2>
{servers}<ul>{notes}</ul>
<h2>Capacity: the most req/s</h2>
{capacity}
<h2>The framework alone, with no server</h2>
{apps}
<p>What each adapter's wiring costs over its framework's shortest route to the same answer
(<code>impl_&lt;name&gt;/minimal.py</code>), for <code>GET {OVERHEAD_PATH}</code>:</p>
{wiring}
<p><img src="chart.png" alt="server CPU per request, capacity and in-process cost per adapter"></p>
<p>{reading}</p><h2>Machine</h2><ul>{facts}</ul></body></html>
"""


def write_report(report: Report, folder: Path) -> Path:
    """All the files; returns the Markdown report's path."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(report.rows, folder / "results.csv")
    write_json(report, folder / "results.json")
    chart(report.rows, report.app_costs, folder / "chart.png")
    (folder / "report.html").write_text(html_page(report), encoding="utf-8")
    path = folder / "report.md"
    path.write_text(markdown(report), encoding="utf-8")
    return path
