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
from loadtests.plan import SATURATED  # noqa: E402
from loadtests.plan import Plan  # noqa: E402
from loadtests.summary import Row  # noqa: E402
from loadtests.window import Window  # noqa: E402

HOW_TO_READ = f"""\
**How to read these numbers.**
*In-process µs per request* (the first table) is each adapter's WSGI callable
called directly with the same request mix: no server, no network, no load
generator, so nothing can hide it. Raw WSGI (`{BASELINE}`) does the same core
work with no framework, so an adapter's ratio to it is what its framework
costs. It leaves out everything a server adds.
*Server CPU µs per request* is the server's own CPU time (user + system, all
its processes) over the measured window, divided by the requests it served:
framework plus server, measured whether or not the load generator kept up.
It falls as the load rises (a busy server does more per wake-up), and each
adapter gets a different load in the closed model, so compare it within one
server; `--rate` (the open model) puts every adapter under the same load.
*req/s* is throughput with {{users}} users sending back to back. It is
bounded by the slowest part: the framework, the server, or the load generator.
*Server CPU* and *load gen CPU* say which side was busy, each as a share of
its one core: a server near 100% was the limit. Where the load generator used
more than {SATURATED:.0%} of its core, the row is marked **LIMITED**: that
req/s is Locust's ceiling, not the server's, and wrk's figure (one URL, a C
client) shows what the server could do.
*Latency* (p50/p95/p99, exact, in ms) under this closed load mostly reflects
queueing; to compare latency fairly, run the open model at the same rate for
every adapter (`--rate`).
*The server matters*: a slow server (gunicorn's sync worker, one connection
at a time) adds the same cost to every framework and hides their
differences; a fast one (granian) shows them, but may outrun the load
generator. Compare frameworks within one server, never across servers.
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


def _fmt(value: float | None, digits: int = 0) -> str:
    if value is None or math.isnan(value):
        return "–"
    return f"{value:,.{digits}f}"


def _ratio(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.2f}×"


TABLE_HEADER = [
    "server", "adapter", "req/s (median)", "min–max", "req/s vs raw WSGI", "CPU µs/req",
    "CPU vs raw WSGI",
    "p50 ms", "p95 ms", "p99 ms", "max ms", "failures", "server CPU", "load gen CPU", "wrk req/s",
]  # fmt: skip


def table_cells(row: Row) -> list[str]:
    rps = _fmt(row.rps) + (" **LIMITED**" if row.limited else "")
    return [
        row.server, row.adapter, rps, f"{_fmt(row.rps_min)}–{_fmt(row.rps_max)}",
        _ratio(row.rps_ratio), _fmt(row.cpu_us, 1), _ratio(row.cpu_ratio),
        _fmt(row.p50_ms, 2), _fmt(row.p95_ms, 2), _fmt(row.p99_ms, 2), _fmt(row.max_ms, 1),
        f"{row.failures} / {row.requests:,}", f"{row.server_cpu:.0%}", f"{row.load_cpu:.0%}",
        _fmt(row.wrk_rps),
    ]  # fmt: skip


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def markdown_table(rows: Sequence[Row]) -> str:
    return _md_table(TABLE_HEADER, [table_cells(row) for row in rows])


APP_COST_HEADER = ["adapter", "in-process µs/req", "vs raw WSGI"]


def app_cost_cells(cost: AppCost) -> list[str]:
    return [cost.adapter, _fmt(cost.us_per_request, 1), _ratio(cost.ratio)]


def app_cost_table(costs: Sequence[AppCost]) -> str:
    return _md_table(APP_COST_HEADER, [app_cost_cells(cost) for cost in costs])


def settings_line(report: Report) -> str:
    """Everything every adapter shared in this run, in one sentence."""
    plan = report.plan
    mode = (
        f"open model, {plan.pacing * plan.users:g} req/s in all" if plan.pacing else "closed model"
    )
    return (
        f"{plan.users} users ({mode}), spawn rate {plan.spawn_rate}/s, warm-up {plan.warmup:g} s, "
        f"window {plan.duration:g} s, {plan.rounds} interleaved rounds; server {plan.workers} "
        f"worker(s) × {plan.threads} thread(s); {report.pinning}."
    )


def markdown(report: Report) -> str:
    settings = settings_line(report)
    facts = "\n".join(f"- {name}: {value}" for name, value in report.machine.items())
    notes = "\n".join(f"- {note}" for note in report.notes)
    batches = report.app_costs[0].batches if report.app_costs else 0
    return f"""# Benchmark report

Command: `{report.command}`

Settings: {settings}

{markdown_table(report.rows)}

The framework alone, with no server (median of {batches} interleaved batches of the same mix):

{app_cost_table(report.app_costs)}

{HOW_TO_READ.format(users=report.plan.users)}
{notes}

![throughput, CPU per request and latency per adapter](chart.png)

## Machine
{facts}

Per-run files (Locust's CSV and HTML reports, its log): `runs/`.
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
        "rows": [{**asdict(row), "limited": row.limited} for row in report.rows],
        "windows": [asdict(window) for window in report.windows],
        "in_process": [asdict(cost) for cost in report.app_costs],
        "notes": report.notes,
    }
    path.write_text(json.dumps(_jsonable(data), indent=2, allow_nan=False), encoding="utf-8")


def chart(rows: Sequence[Row], costs: Sequence[AppCost], path: Path) -> None:
    """One bar per adapter per server (hatched: load-limited; ◆: wrk), then the apps alone."""
    servers = list(dict.fromkeys(row.server for row in rows))
    adapters = list(dict.fromkeys(row.adapter for row in rows))
    panels = [("req/s (median; ◆ wrk)", "rps"), ("server CPU µs per request", "cpu_us"),
              ("p99 latency, ms", "p99_ms")]  # fmt: skip
    figure, axes = plt.subplots(1, len(panels) + 1, figsize=(5 * (len(panels) + 1), 4.8))
    width = 0.8 / max(1, len(servers))
    for axis, (title, key) in zip(axes[:-1], panels, strict=True):
        for index, server in enumerate(servers):
            found = {r.adapter: r for r in rows if r.server == server}
            positions = [i + index * width for i in range(len(adapters))]
            values = [getattr(found[a], key) if a in found else 0.0 for a in adapters]
            bars = axis.bar(positions, values, width, label=server)
            for bar, adapter in zip(bars, adapters, strict=True):
                bar.set_hatch("//" if adapter in found and found[adapter].limited else "")
            if key == "rps":
                marks = [(x, found[a].wrk_rps) for x, a in zip(positions, adapters, strict=True)
                         if a in found and found[a].wrk_rps is not None]  # fmt: skip
                if marks:
                    axis.scatter(*zip(*marks, strict=True), marker="D", color="black", zorder=3)
        _adapter_axis(axis, title, adapters, width * (len(servers) - 1) / 2)
    in_process = axes[-1]
    in_process.bar(range(len(costs)), [c.us_per_request for c in costs], 0.6, color="grey")
    _adapter_axis(in_process, "in-process CPU µs per request\n(the framework alone, no server)",
                  [c.adapter for c in costs], 0.0)  # fmt: skip
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=len(servers) + 1, fontsize=9,
                  title="server (hatched bars: the load generator was the limit)")  # fmt: skip
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
    apps = _html_table(APP_COST_HEADER, [app_cost_cells(cost) for cost in report.app_costs])
    reading = _inline_html(HOW_TO_READ.format(users=report.plan.users)).replace("\n", " ")
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
<p>{html.escape(settings_line(report))}</p>
{servers}
<h2>The framework alone, with no server</h2>
{apps}
<p><img src="chart.png" alt="throughput, CPU per request and p99 latency per adapter"></p>
<p>{reading}</p><ul>{notes}</ul><h2>Machine</h2><ul>{facts}</ul></body></html>
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
