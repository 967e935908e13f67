"""The benchmark's parts: the load mix, one short real run, parsing and the report.

No timing assertions: speeds are the benchmark's business, not the tests'.
"""

from __future__ import annotations

import csv
import json
import statistics
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conformance_tests.in_process import call_wsgi
from core import Reply
from core import Service
from harness.adapters import ROOT
from harness.adapters import Adapter
from harness.adapters import discover
from harness.live import serve
from loadtests import inprocess
from loadtests import overhead
from loadtests import wrk
from loadtests.__main__ import DISTURBED
from loadtests.__main__ import main
from loadtests.__main__ import parser
from loadtests.benchmark import chosen_rate
from loadtests.benchmark import notes_for
from loadtests.benchmark import run
from loadtests.inprocess import AppCost
from loadtests.latency import latency_summary
from loadtests.plan import Plan
from loadtests.plan import pinning
from loadtests.probes import PROBES
from loadtests.probes import WEIGHTS
from loadtests.report import Report
from loadtests.report import headline
from loadtests.report import verdict
from loadtests.report import write_report
from loadtests.sampling import CoreTimes
from loadtests.sampling import interference
from loadtests.sampling import process_cpu
from loadtests.schedule import Schedule
from loadtests.schedule import Target
from loadtests.schedule import blocks
from loadtests.stats import NOTHING
from loadtests.stats import fast
from loadtests.stats import fast_ratio
from loadtests.stats import full_speed_share
from loadtests.stats import total_ratio
from loadtests.summary import comparisons
from loadtests.summary import floor_of
from loadtests.summary import summarize
from loadtests.summary import with_capacity
from loadtests.summary import with_wrk
from loadtests.verify import ContractMismatch
from loadtests.verify import check_contract
from loadtests.window import LOCUSTFILE
from loadtests.window import Window
from loadtests.window import run_schedule

ALL_PROBES = [probe for probes in PROBES.values() for probe in probes]


def test_every_probe_expects_what_the_adapters_answer(adapter: Adapter) -> None:
    app = adapter.create_app()
    for probe in ALL_PROBES:
        answer = call_wsgi(app, "GET", probe.path)
        assert (answer.status, answer.body) == (probe.status, probe.body), probe.path


def test_mix_includes_refused_requests() -> None:
    assert {p.status for p in ALL_PROBES} == {200, 400, 404}


def test_latency_summary_is_exact() -> None:
    summary = latency_summary([float(ms) for ms in range(1, 101)])
    assert summary["count"] == 100
    assert summary["p50"] == pytest.approx(50.5)
    assert summary["p99"] == pytest.approx(99.01)
    assert summary["max"] == 100.0


def window(
    label: str, cycle: int, cpu_us: float, *, rps: float = 600, load: float = 0.3,
    rate: float = 600, disturbed: str = "", attempt: int = 0, server: str = "waitress",
    start: int = 0,
) -> Window:  # fmt: skip
    seconds = 1.0
    requests = int(rps * seconds)
    return Window(
        label=label, adapter=label.split()[0], server=server, cycle=cycle, seconds=seconds,
        requests=requests, failures=0, server_cpu_s=cpu_us * requests / 1e6,
        load_cpu_s=load * seconds, latency_ms={"p50": 1.0, "p95": 2.0, "p99": 3.0, "max": 9.0},
        rate=rate, attempt=attempt, disturbed=disturbed, start=start,
    )  # fmt: skip


def cycles(costs: dict[str, list[float]], **kwargs: Any) -> list[Window]:
    """Windows A B C … per cycle, from each label's CPU µs per request in every cycle."""
    count = len(next(iter(costs.values())))
    return [window(label, c, values[c], **kwargs) for c in range(count)
            for label, values in costs.items()]  # fmt: skip


AA = "wsgi (A/A)"


def test_ratios_are_taken_cycle_by_cycle_so_drift_cancels() -> None:
    """The machine slows down threefold over the run: each ratio stays exactly 3."""
    rows = {r.label: r for r in summarize(cycles({
        "wsgi": [100, 200, 300, 150], "flask": [300, 600, 900, 450], AA: [100, 200, 300, 150],
    }))}  # fmt: skip
    flask = rows["flask"]
    assert flask.cpu_ratio == pytest.approx(3) and flask.cpu_ratio_low == pytest.approx(3)
    assert flask.cpu_us == pytest.approx(562.5)  # all its CPU over all its requests
    assert flask.cpu_us_low < 562.5 < flask.cpu_us_high
    assert rows["flask"].measurable and rows[AA].control and not rows["flask"].control
    assert not rows[AA].measurable  # the baseline against itself: ratio 1, nothing to see


def test_a_bias_that_lasts_a_whole_start_widens_the_interval() -> None:
    """Four starts of the servers, each with its own lasting bias (2.0×, 2.4×, 2.1×, 2.3×) and
    little noise within it: resampling cycles alone would claim ±1%; resampling the starts
    says how little four of them tell."""
    biases = [2.0, 2.4, 2.1, 2.3]
    wobble = [1.0, 1.01, 0.99, 1.0, 1.01]
    pairs = [(b * w * 300, 300, 300.0, 300) for b in biases for w in wobble]
    starts = [s for s, _ in enumerate(biases) for _ in wobble]
    by_start = total_ratio(pairs, starts)
    by_cycle = total_ratio(pairs)
    assert by_start.median == by_cycle.median == pytest.approx(2.2, rel=0.01)
    assert by_start.low < 2.1 and by_start.high > 2.3
    assert by_cycle.high - by_cycle.low < (by_start.high - by_start.low) / 1.5
    windows = [window("flask", c, b * w, start=s) for c, (b, w, s) in enumerate(
        (b, w, s) for s, b in enumerate(biases) for w in wobble)]  # fmt: skip
    windows += [window("wsgi", c, 1.0, start=s) for c, s in enumerate(starts)]
    flask = next(r for r in summarize(windows) if r.label == "flask")
    assert flask.cpu_ratio_low == pytest.approx(by_start.low)
    assert flask.cpu_ratio_high == pytest.approx(by_start.high)


def test_a_difference_inside_the_noise_floor_is_no_difference() -> None:
    noisy = [1.00, 1.08, 0.93, 1.06, 0.95, 1.02, 0.91, 1.09]
    costs = {
        "wsgi": [100.0] * 8,
        AA: [100 * n for n in noisy],
        "falcon": [104 * n for n in reversed(noisy)],
        "flask": [250 * n for n in noisy],
    }
    windows = cycles(costs)
    rows = summarize(windows)
    by = {r.label: r for r in rows}
    assert not by["falcon"].measurable and by["flask"].measurable
    floor = floor_of(rows, "waitress")
    assert 0.05 < floor < 0.15
    [line] = comparisons(rows, windows)
    assert line.startswith("waitress: wsgi ≈ falcon (no measurable difference) < flask (")
    assert verdict(by["falcon"]) == "no measurable difference"
    assert verdict(by["flask"]).startswith("costs 2.")


def test_disturbed_windows_are_measured_again_and_left_out() -> None:
    clean = cycles({"wsgi": [100.0] * 6, AA: [100.0] * 6, "flask": [300.0] * 6})
    busy = "other programs used 60% of the server's core"
    redone = [window("flask", 2, 900, disturbed=busy), window("flask", 4, 800, disturbed=busy)]
    rows = {r.label: r for r in summarize([*redone, *clean])}
    assert (rows["flask"].windows, rows["flask"].redone, rows["flask"].cpu_us) == (6, 2, 300)
    report = Report(Plan(adapters=("flask",), servers=("waitress",), cycles=6), {}, "",
                    summarize([*redone, *clean]), [*redone, *clean])  # fmt: skip
    assert "2 windows were disturbed by other programs and measured again (0 stayed" in "\n".join(
        headline(report))  # fmt: skip
    lost = [window("flask", c, 900, disturbed=busy, attempt=1) for c in range(4)]
    rows = {r.label: r for r in summarize([*clean, *lost])}
    assert rows["flask"].windows == 2 and rows["flask"].cpu_us == 300


def test_a_run_without_enough_clean_windows_says_so_at_the_top(tmp_path: Path) -> None:
    busy = "other programs used 60% of the server's core"
    windows = cycles({"wsgi": [100.0] * 6, AA: [100.0] * 6, "flask": [300.0] * 6})
    windows += [window("flask", c, 900, disturbed=busy, attempt=3) for c in range(5)]
    plan = Plan(adapters=("flask",), servers=("waitress",), cycles=6, wrk=False)
    report = Report(plan, {}, "not pinned", summarize(windows), windows)
    assert [r.label for r in report.unsettled] == ["flask"]
    top = "\n".join(headline(report))
    assert "**DISTURBED RUN**" in top and "waitress/flask (1 clean)" in top
    assert "Noise floor under waitress" in top
    assert main_exit_status(report, tmp_path) == DISTURBED


def main_exit_status(report: Report, tmp_path: Path) -> int:
    """What ``python -m loadtests`` exits with for this report."""
    import loadtests.__main__ as cli

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "run", lambda plan, command: (report, tmp_path))
        return cli.main(["--output", str(tmp_path)])


def test_rows_that_fall_behind_the_rate_or_saturate_locust_are_limited() -> None:
    windows = cycles({"wsgi": [100.0] * 3, "flask": [300.0] * 3}, rate=1000, rps=990)
    windows += [window("bottle", c, 200, rate=1000, rps=800) for c in range(3)]
    windows += [window("falcon", c, 150, rate=1000, rps=1000, load=0.9) for c in range(3)]
    rows = {r.label: r for r in summarize(windows)}
    assert not rows["flask"].limited and rows["bottle"].limited and rows["falcon"].limited
    notes = "\n".join(notes_for(Plan(adapters=(), servers=("waitress",), wrk=False),
                                 list(rows.values()), windows))  # fmt: skip
    assert "waitress/bottle (800 of 1,000)" in notes and "skipped (--no-wrk)" in notes


def test_the_rate_leaves_room_for_the_slowest_and_the_cycles_spread_over_restarts() -> None:
    probes = [window("wsgi", c, 100, rps=r, rate=0) for c, r in enumerate((2400, 2500, 2300))]
    probes += [window("flask", c, 100, rps=r, rate=0) for c, r in enumerate((1190, 1234, 1100))]
    assert chosen_rate(probes) == 300  # the same rate in every run, when all have room for it
    slow = [window("flask", c, 100, rps=r, rate=0) for c, r in enumerate((600, 640, 700))]
    assert chosen_rate(slow) == 200  # 40% of the median 640 is 256: down to 1, 2, 3, 5, 7 × 10ⁿ
    assert blocks(40, 4) == [10] * 4 and blocks(10, 4) == [3, 3, 2, 2] and blocks(2, 4) == [1, 1]


def test_interference_is_what_our_own_processes_do_not_explain() -> None:
    server = (CoreTimes(busy=10.0, steal=0.0), CoreTimes(busy=10.9, steal=0.0))
    load = (CoreTimes(busy=5.0, steal=1.0), CoreTimes(busy=5.45, steal=1.1))
    found = interference(1.0, server, load, servers_cpu=0.3, load_cpu=0.4)
    assert found.server_core == pytest.approx(0.6) and found.load_core == pytest.approx(0.05)
    assert found.steal == pytest.approx(0.1)
    assert "60% of the server's core" in found.reason and "steal" in found.reason
    quiet = interference(1.0, server, load, servers_cpu=0.88, load_cpu=0.45)
    assert quiet.reason == "" or "steal" in quiet.reason


def test_process_cpu_is_read_to_the_microsecond_with_its_threads() -> None:
    """A child that burns 0.2 s of CPU in a thread, then waits: we must read 0.2 s, not 0.2±0.01."""
    burn = (
        "import threading, time, sys\n"
        "def burn():\n    while time.thread_time() < 0.2: pass\n"
        "t = threading.Thread(target=burn); t.start(); t.join()\n"
        "print('done', flush=True); sys.stdin.read()\n"
    )
    with subprocess.Popen([sys.executable, "-c", burn], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True) as child:  # fmt: skip
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline() == "done\n"
        used = process_cpu(child.pid)
        child.stdin.close()
    assert 0.2 <= used < 0.2 + 0.15  # the thread's 0.2 s plus the interpreter's start-up


def test_report_files(tmp_path: Path) -> None:
    windows = cycles({"wsgi": [100.0, 110, 90], AA: [101.0, 109, 91], "flask": [300.0, 330, 270]})
    probes = cycles({"wsgi": [80.0], AA: [80.0], "flask": [250.0]}, rate=0, rps=2000, load=0.95)
    plan = Plan(adapters=("flask",), servers=("waitress",), cycles=3)
    costs = [AppCost("flask", 60.0, 6.5, 40, 6.4, 6.6, 0.3),
             AppCost("wsgi", 9.25, 1.0, 40, 1.0, 1.0, 0.25)]  # fmt: skip
    rows = with_wrk(with_capacity(summarize(windows), probes), "waitress", "flask", 5000.0)
    report = Report(plan, {"cpu": "test"}, "not pinned", rows, [*probes, *windows],
                    ["a note"], "python -m loadtests", costs,
                    [overhead.Overhead("flask", 64.0, 58.0, 1.10, 1.08, 1.12)])  # fmt: skip
    markdown = write_report(report, tmp_path).read_text()
    assert "| flask | 64.0 | 58.0 | 1.10× [1.08–1.12] |" in markdown
    assert (
        "| waitress | flask | 300.0 [270.0–330.0] | 3.00× [3.00–3.00] | costs 3.00× raw" in markdown
    )
    assert "| waitress | wsgi (A/A) |" in markdown and "A/A control" in markdown
    assert "| waitress | flask | ≥ 2,000 (Locust's limit) | 5,000 |" in markdown
    assert "| flask | 60.0 | 6.50× [6.40–6.60] |" in markdown
    assert "Noise floor under waitress" in markdown and "No window was disturbed" in markdown
    assert "raw WSGI in-process took 9.2 µs per request" in markdown
    assert "25% of its batches ran within 5% of that" in markdown
    assert "Few in-process batches" not in markdown
    assert "How to read these numbers" in markdown and "a note" in markdown
    with (tmp_path / "results.csv").open() as file:
        assert [r["label"] for r in csv.DictReader(file)] == ["flask", "wsgi", AA]
    data = json.loads((tmp_path / "results.json").read_text())
    flask = data["rows"][0]
    assert {"server", "adapter", "cpu_us", "cpu_ratio", "limited", "cpu_ratio_low",
            "cpu_ratio_high", "cpu_us_low", "cpu_us_high"} <= set(flask)  # fmt: skip
    assert flask["limited"] is False and data["rows"][2]["control"] is True
    assert data["disturbed"] is False and len(data["windows"]) == 12
    assert {"adapter", "us_per_request"} <= set(data["in_process"][0])
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")
    page = (tmp_path / "report.html").read_text()
    assert 'src="chart.png"' in page and "<td>6.50× [6.40–6.60]</td>" in page
    assert "<td>58.0</td><td>1.10× [1.08–1.12]</td>" in page
    assert "<em>The A/A control</em>" in page and "**" not in page


def test_in_process_ratios_come_from_the_fastest_batches_so_slow_spells_do_not_move_them() -> None:
    """As measured on a shared host: in its slow spells raw WSGI took 30 µs, not 18, and the
    other side's ratio fell from 8 to 7; in one run only 8% of the cycles were fast."""
    base = [18.0 + 0.1 * (c % 3) for c in range(8)] + [30.0 + 0.2 * (c % 5) for c in range(92)]
    flask = [8 * b if b < 20 else 7 * b for b in base]
    ratio = fast_ratio(flask, base)
    assert ratio.median == pytest.approx(8, rel=0.01) and ratio.low <= 8 <= ratio.high
    assert statistics.median(f / b for f, b in zip(flask, base, strict=True)) == 7
    assert fast(base) == pytest.approx(18.0, abs=0.11)
    assert full_speed_share(base) == pytest.approx(0.08)
    assert fast_ratio(base, base).median == 1 and fast_ratio([], []) == NOTHING
    costs = [AppCost("wsgi", fast(base), 1.0, 100, 1.0, 1.0, full_speed_share(base))]
    report = Report(Plan(adapters=(), servers=()), {}, "", [], [], app_costs=costs)
    assert "**Few in-process batches ran at full speed**" in "\n".join(headline(report))


def test_in_process_blocks_spread_the_batches_over_the_run() -> None:
    batches = inprocess.mix_batches(discover(), None, cycles=5, blocks=2)
    taken = []
    for _ in range(3):  # the third block finds all taken: nothing more
        batches.take_block()
        taken.append({c.batches for c in inprocess.costs(batches)})
    assert taken == [{3}, {5}, {5}]
    costs = {c.adapter: c for c in inprocess.costs(batches)}
    assert {c.batches for c in costs.values()} == {5} and costs["wsgi"].ratio == 1
    assert all(0 < c.full_speed <= 1 for c in costs.values())


def test_in_process_cost_of_every_adapter() -> None:
    costs = {c.adapter: c for c in inprocess.measure(discover(), cpus=None, cycles=3)}
    assert set(costs) == {a.name for a in discover()}
    assert costs["wsgi"].ratio == 1.0
    assert all(c.us_per_request > 0 and c.batches == 3 for c in costs.values())


def test_every_adapter_is_timed_beside_its_frameworks_minimal_route() -> None:
    found = {o.adapter: o for o in overhead.measure(discover(), cycles=3, batch=5)}
    assert set(found) == {a.name for a in discover()}  # each has an impl_<name>/minimal.py
    assert all(o.adapter_us > 0 and o.minimal_us > 0 and o.ratio > 0 for o in found.values())
    assert "| flask |" in overhead.table(list(found.values()))


def test_a_minimal_route_that_answers_differently_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Timing a minimum that does less work would flatter the adapter."""
    monkeypatch.setattr(overhead, "PATH", "/sum/1/2")
    monkeypatch.setattr(overhead, "minimal_app", lambda adapter: Adapter("falcon").create_app())
    overhead.measure([Adapter("wsgi")], cycles=1, batch=1)  # the same answer: accepted

    def less_work(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b"{}"]

    monkeypatch.setattr(overhead, "minimal_app", lambda adapter: less_work)
    with pytest.raises(inprocess.WrongAnswer, match="minimal.py answers"):
        overhead.measure([Adapter("wsgi")], cycles=1, batch=1)


def test_in_process_mix_follows_the_weights() -> None:
    kinds = Counter(kind for probe in inprocess.mix(size=5000) for kind, probes in PROBES.items()
                    if probe in probes)  # fmt: skip
    assert kinds.most_common(1)[0][0] == "sum_path" and set(kinds) == set(WEIGHTS)


def test_in_process_refuses_a_wrong_answer() -> None:
    class Broken(Service):
        def echo(self, text: str) -> Reply:
            return super().echo(text.upper())

    with pytest.raises(inprocess.WrongAnswer, match=r"flask /echo/.* got 200"):
        inprocess.check(Adapter("flask").create_app(Broken()), inprocess.mix(), "flask")


WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:1/sum/42/117
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   415.39us  120.04us   4.12ms   88.00%
  52000 requests in 5.00s, 9.00MB read
  Socket errors: connect 0, read 3, write 0, timeout 0
  Non-2xx or 3xx responses: 7
Requests/sec:  10400.12
Transfer/sec:      1.80MB
"""


def test_wrk_output_is_parsed() -> None:
    result = wrk.parse(WRK_OUTPUT, "wrk")
    assert (result.rps, result.non_2xx) == (10400.12, 7)
    assert "read 3" in result.socket_errors
    with pytest.raises(ValueError):
        wrk.parse("nothing", "wrk")


def test_contract_check_refuses_a_wrong_server() -> None:
    with serve(Adapter("wsgi"), "waitress") as live:
        check_contract(live.url)
        with pytest.raises(ContractMismatch):
            check_contract(live.url + "/echo")  # every path now lands under /echo: wrong answers


@pytest.mark.live
def test_short_run_of_one_adapter(tmp_path: Path) -> None:
    plan = Plan(adapters=("wsgi",), servers=("waitress",), users=2, warmup=0.2, window=0.4,
                cycles=3, probe_cycles=1, restarts=2, wrk=False, output=tmp_path)  # fmt: skip
    report, folder = run(plan, "test", progress=lambda message: None)
    assert [r.label for r in report.rows] == ["wsgi", AA]
    measured = [w for w in report.windows if w.rate > 0]
    assert len([w for w in measured if not w.disturbed]) >= 3
    for window in report.windows:
        assert window.requests > 0 and window.failures == 0 and window.server_cpu_s > 0
        assert 0 < window.seconds < plan.window + 0.2  # the warm-up is not measured
        assert set(window.latency_ms) >= {"p50", "p95", "p99", "max"}
    rate = measured[0].rate
    assert all(w.rate == rate for w in measured) and rate > 0  # chosen by the probe
    for name in ("waitress-capacity/locust.log", "waitress-fixed-rate-1/schedule.json",
                 "waitress-fixed-rate-2/schedule.json",
                 "waitress-wsgi.log", "waitress-wsgi-control.log"):  # fmt: skip
        assert (folder / "runs" / name).is_file(), name


@pytest.mark.live
def test_windows_move_among_running_servers_and_notice_a_busy_core(tmp_path: Path) -> None:
    """A CPU hog on the servers' core: every window is flagged, and measured again."""
    cores = pinning()
    with serve(Adapter("wsgi"), "waitress", cpus=cores.server) as one, serve(
        Adapter("falcon"), "waitress", cpus=cores.server
    ) as two:  # fmt: skip
        found = tuple(Target(live.adapter.name, live.adapter.name, "waitress", live.url,
                             live.process.pid) for live in (one, two))  # fmt: skip
        quiet = Schedule(found, users=2, rate=100, warmup=0.1, settle=0.0, seconds=0.3, cycles=2,
                         retries=0,
                         server_cpus=tuple(cores.server) if cores.server else None,
                         load_cpus=tuple(cores.load) if cores.load else None)  # fmt: skip
        windows = run_schedule(quiet, tmp_path / "quiet", lambda window: None)
        assert [sorted(w.label for w in windows if w.cycle == c) for c in (0, 1)] == [
            ["falcon", "wsgi"], ["falcon", "wsgi"]]  # fmt: skip
        assert all(w.requests > 0 and w.server_cpu_s > 0 for w in windows)
        first = min(cores.server or {0})
        hog = f"import os\nos.sched_setaffinity(0, {{{first}}})\nprint(flush=True)\nwhile 1: pass"
        with subprocess.Popen([sys.executable, "-c", hog], stdout=subprocess.PIPE) as busy:
            assert busy.stdout is not None and busy.stdout.readline() == b"\n"  # it spins now
            try:
                disturbed = run_schedule(replace(quiet, retries=1), tmp_path / "busy",
                                         lambda window: None)  # fmt: skip
            finally:
                busy.kill()
    assert len(disturbed) == 8  # every window, and its one retry
    assert all("server's core" in w.disturbed for w in disturbed)
    assert [w.attempt for w in disturbed[:2]] == [0, 1]


@pytest.mark.live
def test_locustfile_runs_in_multiprocess_mode(tmp_path: Path) -> None:
    """Locust's --processes (a master and forked workers) with the same locustfile."""
    with serve(Adapter("falcon"), "waitress") as live:
        result = subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--host", live.url,
             "--headless", "--processes", "2", "-u", "4", "-r", "4", "-t", "3s",
             "--window-json", str(tmp_path / "window.json"), "--only-summary"],
            capture_output=True, text=True, timeout=90, check=False,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    window = json.loads((tmp_path / "window.json").read_text())
    assert window["requests"] > 0 and window["failures"] == 0


def test_cli_refuses_bad_settings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["--window", "0"])
    assert "must be above 0" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--adapters", "django"])
    with pytest.raises(SystemExit):
        main(["--workers", "2", "--servers", "waitress"])
    assert "waitress runs one process" in capsys.readouterr().err
    (tmp_path / "a-file").write_text("")
    with pytest.raises(SystemExit):
        main(["--output", str(tmp_path / "a-file" / "results")])
    assert "--output" in capsys.readouterr().err


def test_cli_reports_a_wrong_adapter_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def wrong(plan: Plan, command: str) -> None:
        raise ContractMismatch("http://127.0.0.1:1/sum/1/2 (sum_path): got 500")

    monkeypatch.setattr("loadtests.__main__.run", wrong)
    assert main(["--output", str(tmp_path)]) == 1
    assert capsys.readouterr().err == "error: http://127.0.0.1:1/sum/1/2 (sum_path): got 500\n"


def test_cli_help_names_every_option() -> None:
    text = parser().format_help()
    for option in ("--adapters", "--servers", "--users", "--window", "--cycles", "--rate",
                   "--warmup", "--retries", "--output", "Exit status"):  # fmt: skip
        assert option in text


def test_machine_facts_name_every_adapters_framework() -> None:
    """Found in the adapters' imports, so a fifth framework's version is reported too."""
    from loadtests.machine import adapter_packages

    assert {"flask", "bottle", "falcon"} <= set(adapter_packages())
    assert "three-frameworks-one-contract" not in adapter_packages()


def test_project_settings_name_the_locustfile() -> None:
    """``locust`` alone, from the project root, finds the locustfile through pyproject.toml."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["locust"]
    assert ROOT / settings["locustfile"] == LOCUSTFILE
    assert settings["host"].startswith("http://127.0.0.1:")
