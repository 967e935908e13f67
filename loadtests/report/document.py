"""The report as one Markdown document: what to know first, then the tables, then how to read.

Built once; the HTML page is rendered from it (``files.py``), so the two never
differ. The headline says what a reader must know before any table: each
server's noise floor, the machine's speed, and whether other programs
disturbed the run.
"""

from __future__ import annotations

import math

from harness.adapters import BASELINE
from harness.adapters import BASELINES
from harness.servers.registry import SERVERS
from loadtests.report.async_pays import waiting_markdown
from loadtests.report.costs import cost_markdown
from loadtests.report.tables import BASELINE_NAMES
from loadtests.report.tables import capacity_table
from loadtests.report.tables import mix_table
from loadtests.report.tables import server_table
from loadtests.report.tables import twin_table
from loadtests.report.tables import wiring_table
from loadtests.results.model import SATURATED
from loadtests.results.model import Results
from loadtests.stats.intervals import BETWEEN_RUNS
from loadtests.stats.rows import final
from loadtests.stats.rows import floor_of

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
in short windows, a round of one window each at a time, in a new order each
round; each ratio pairs an adapter's windows with its baseline's of the same
rounds (raw WSGI, `{BASELINE}`, under a WSGI server; raw ASGI, `asgi`, under an
ASGI one) and divides their totals (every request weighs alike), with a 95%
interval *[low–high]* as wide as the separate starts of the servers disagree
(Student's t over each start's own ratio): it covers a process's lasting bias
from its start and the machine's spells across the run, which is what differs
from one run to the next (docs/benchmark.md shows how often it held there).
*The A/A control* is the baseline measured twice, by two servers: the ratio between
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
*In-process µs per request* (the third table) is each adapter's app called
directly with the same request mix (an ASGI app's batch on one event loop):
no server, no network, no load generator. It is what the framework alone
costs. The batches are taken in portions before every start of the servers,
so they span the run, each portion in a fresh Python process, and each
figure is the adapter's *fastest 5%* of them: a shared host has slow spells
that shift ratios as well as times (on ours, Flask's fell from 8.1× to 7.0×
raw WSGI in them), and its fast spells are there in every run. Its interval is
as wide as the portions' own ratios disagree (Student's t over them), so a
process's lasting luck, which the next run would not share, is inside it, and
widened by what moved these ratios from one whole run to the next here ({BETWEEN_RUNS:.1%}).
*The server matters*: compare frameworks within one server, never across servers.
"""


def settings_line(report: Results) -> str:
    """Everything every adapter shared in this run, in one sentence."""
    plan = report.plan
    chosen = ", ".join(f"{r:,.0f}" for r in sorted({row.rate for row in report.rows}))
    rate = (
        f"{plan.rate:,.0f} req/s"
        if plan.rate
        else f"{chosen or '–'} req/s (the benchmark's choice)"
    )
    return (
        f"{plan.users} users at {rate} for every adapter; {plan.windows} windows of "
        f"{plan.window:g} s per adapter over {plan.starts} starts of the servers (after "
        f"{plan.warmup:g} s of warm-up each), {plan.capacity_windows} capacity windows; server "
        f"{plan.workers} worker(s) × {plan.threads} thread(s); {report.pinning}."
    )


def _disturbance(report: Results) -> str:
    redone = sum(row.redone for row in report.rows)
    if report.unsettled:
        names = ", ".join(f"{r.server}/{r.label} ({r.windows} clean)" for r in report.unsettled)
        return (
            f"**DISTURBED RUN**: other programs kept the machine busy; {redone} windows were "
            f"measured again and too few stayed clean for {names}. Do not trust these "
            "figures: run again on a quieter machine."
        )
    if redone:
        left_out = sum(1 for w in final(report.windows) if w.disturbed and w.rate > 0)
        return (
            f"{redone} window{'s were' if redone > 1 else ' was'} disturbed by other programs and "
            f"measured again ({left_out} stayed disturbed and "
            f"{'are' if left_out != 1 else 'is'} left out); every figure below comes from "
            "clean windows."
        )
    return "No window was disturbed by other programs."


def headline(report: Results) -> list[str]:
    """What to know before reading any table: the noise floor, and whether the run was clean."""
    lines = []
    for server in dict.fromkeys(row.server for row in report.rows):
        floor = floor_of(report.rows, server)
        shown = "unknown (too few windows)" if math.isnan(floor) else f"±{floor:.1%}"
        raw = BASELINE_NAMES[BASELINES[SERVERS[server].interface]]
        lines.append(
            f"Noise floor under {server} (A/A: {raw} against a second {raw} server): "
            f"{shown}. Differences within it are reported as no measurable difference."
        )
    base = next((c for c in report.in_process if c.adapter == BASELINE), None)
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
    return [*lines, _disturbance(report)]


def twins_part(report: Results) -> str:
    """Each async adapter beside its sync twin, said and tabled (the guide quotes it too)."""
    if not report.twins:
        return ""
    return f"""Async beside sync, the same code on the other interface (Falcon's `falcon.asgi.App`
beside `falcon.App`; raw ASGI beside raw WSGI), in-process, from the same batches:

{twin_table(report.twins)}

"""


def _waiting_part(report: Results) -> str:
    if not report.waited:
        return ""
    return waiting_markdown(report.waited, report.wait_ms, report.wait_users) + "\n"


def markdown(report: Results) -> str:
    """The whole report, once."""
    facts = "\n".join(f"- {name}: {value}" for name, value in report.machine.items())
    notes = "\n".join(f"- {note}" for note in report.notes)
    top = "\n".join(f"- {line}" for line in headline(report))
    batches = report.in_process[0].batches if report.in_process else 0
    return f"""# Benchmark report

Command: `{report.command}`

Settings: {settings_line(report)}

{top}

## Server CPU per request at the same fixed rate

{server_table(report.rows)}

{notes}

## Capacity: the most req/s

{capacity_table(report.rows)}

## The framework alone, with no server

Fastest 5% of {batches} batches of the same mix per adapter, each adapter's in turn,
taken in portions across the run:

{mix_table(report.in_process)}

{twins_part(report)}What each adapter's wiring costs over its framework's shortest route to
the same answer (`impl_<name>/minimal.py`), for `GET {report.overhead_path}`, in-process, from the
fastest 5% of batches taken in the same portions (`python -m loadtests.alone` alone):

{wiring_table(report.adapter_overhead)}

{cost_markdown(report.cost, report.in_process, report.residency)}

{_waiting_part(report)}
{HOW_TO_READ}

![server CPU per request, capacity and in-process cost per adapter](chart.png)

## Machine

{facts}

Per-window files (the schedules, Locust's logs, the servers' logs): `runs/`.
"""
