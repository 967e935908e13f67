"""The server runs: the rate, the rounds, what the cores did, wrk, and real short runs.

No timing assertions: a shared machine decides how fast things go; these tests
check that every window is measured, flagged and kept as it should be.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from harness.adapters import Adapter
from harness.servers.live import serve
from loadtests.benchmark import notes_for
from loadtests.benchmark import run
from loadtests.report.async_pays import waiting_markdown
from loadtests.results.model import Residency
from loadtests.results.model import Setup
from loadtests.results.model import Window
from loadtests.results.plan import Plan
from loadtests.runs import wrk
from loadtests.runs.per_server import chosen_rate
from loadtests.runs.per_server import residency
from loadtests.runs.pinning import pinning
from loadtests.runs.sampling import CoreTimes
from loadtests.runs.sampling import interference
from loadtests.runs.sampling import process_cpu
from loadtests.runs.schedule import Schedule
from loadtests.runs.schedule import Target
from loadtests.runs.schedule import shares
from loadtests.runs.verify import ContractMismatch
from loadtests.runs.verify import check_contract
from loadtests.runs.windows import run_schedule
from loadtests.stats.rows import final
from loadtests.stats.rows import summarize
from loadtests.waiting import figures
from loadtests.waiting import measure
from tests.benchmark_windows import AA
from tests.benchmark_windows import rounds
from tests.benchmark_windows import window


def test_the_rate_leaves_room_for_the_slowest_and_the_rounds_spread_over_starts() -> None:
    capacity = [window("wsgi", n, 100, rps=r, rate=0) for n, r in enumerate((2400, 2500, 2300))]
    capacity += [window("flask", n, 100, rps=r, rate=0) for n, r in enumerate((1190, 1234, 1100))]
    assert chosen_rate(capacity) == 300  # the same rate in every run, when all have room for it
    slow = [window("flask", n, 100, rps=r, rate=0) for n, r in enumerate((600, 640, 700))]
    assert chosen_rate(slow) == 200  # 40% of the median 640 is 256: down to 1, 2, 3, 5, 7 × 10ⁿ
    assert shares(40, 4) == [10] * 4 and shares(10, 4) == [3, 3, 2, 2] and shares(2, 4) == [1, 1]


def test_rows_that_fall_behind_the_rate_or_saturate_locust_are_limited() -> None:
    windows = rounds({"wsgi": [100.0] * 3, "flask": [300.0] * 3}, rate=1000, rps=990)
    windows += [window("bottle", n, 200, rate=1000, rps=800) for n in range(3)]
    windows += [window("falcon", n, 150, rate=1000, rps=1000, load=0.9) for n in range(3)]
    rows = {r.label: r for r in summarize(windows)}
    assert not rows["flask"].limited and rows["bottle"].limited and rows["falcon"].limited
    plan = Plan(adapters=(), servers=("waitress",), wrk=False)
    notes = "\n".join(notes_for(plan, list(rows.values()), windows, []))
    assert "waitress/bottle (800 of 1,000)" in notes and "skipped (--no-wrk)" in notes


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


def test_wrk_output_is_parsed_and_its_errors_reported() -> None:
    result = wrk.parse(WRK_OUTPUT, "wrk")
    assert (result.rps, result.non_2xx) == (10400.12, 7)
    assert result.problems == ["7 answers were not 2xx",
                               "Socket errors: connect 0, read 3, write 0, timeout 0"]  # fmt: skip
    quiet = [
        line for line in WRK_OUTPUT.splitlines() if "errors" not in line and "Non-2xx" not in line
    ]
    assert wrk.parse("\n".join(quiet), "wrk").problems == []
    with pytest.raises(ValueError):
        wrk.parse("nothing", "wrk")
    plan = Plan(adapters=(), servers=("waitress",), wrk=True)
    notes = notes_for(plan, [], [], ["wrk, waitress flask: 7 answers were not 2xx"])
    assert "WARNING: wrk saw errors, so its figures count them: wrk, waitress flask: 7" in notes[0]


def test_contract_check_refuses_a_wrong_server() -> None:
    with serve(Adapter("wsgi"), "waitress") as live:
        check_contract(live.url)
        with pytest.raises(ContractMismatch):
            check_contract(live.url + "/echo")  # every path now lands under /echo: wrong answers


@pytest.mark.live
def test_short_run_of_one_adapter(tmp_path: Path) -> None:
    """Every round gives each server its final window, clean or flagged: which of them the
    machine disturbed is its business, not the test's."""
    plan = Plan(adapters=("wsgi",), servers=("waitress",), users=2, warmup=1.0, window=0.4,
                windows=3, capacity_windows=1, starts=2, wrk=False, waiting=False,
                output=tmp_path)  # fmt: skip
    report, folder = run(plan, "test", progress=lambda message: None)
    assert [r.label for r in report.rows] == ["wsgi", AA]
    measured = [w for w in report.windows if w.rate > 0]
    assert sorted((w.label, w.round) for w in final(measured)) == sorted(
        (label, n) for label in ("wsgi", AA) for n in range(3))  # fmt: skip
    assert {w.start for w in measured} == {1, 2}
    for each in report.windows:
        assert each.requests > 0 and each.failures == 0 and each.server_cpu_s > 0
        # the warm-up is not measured; a busy machine may answer the last requests late
        assert 0 < each.seconds < plan.window + plan.warmup / 2
        assert set(each.latency_ms) >= {"p50", "p95", "p99", "max"}
        assert bool(each.disturbed) == (max(each.others_server_core, each.others_load_core) > 0.1
                                        or each.steal > 0.05)  # fmt: skip
    rate = measured[0].rate
    assert all(w.rate == rate for w in measured) and rate > 0  # chosen from the capacity
    # memory is compared from a start's first window to its last, retries included: start 1
    # has two rounds, start 2 one (and more only where a disturbed window was measured again)
    windows_per_start = Counter((w.label, w.start) for w in measured)
    assert {(r.label, r.start) for r in report.residency} == {
        key for key, count in windows_per_start.items() if count > 1}  # fmt: skip
    assert {("wsgi", 1), (AA, 1)} <= {(r.label, r.start) for r in report.residency}
    assert all(r.before > 0 and r.after > 0 and r.requests > 0 for r in report.residency)

    def pids(name: str) -> set[int]:
        text = (folder / "runs" / name / "schedule.json").read_text()
        return {target.pid for target in Schedule.from_json(text).targets}

    fixed = pids("waitress-fixed-rate-1") | pids("waitress-fixed-rate-2")
    assert not pids("waitress-capacity") & fixed  # capacity in a start of its own
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
        quiet = Schedule(found, users=2, rate=100, warmup=0.1, settle=0.0, seconds=0.3, rounds=2,
                         retries=0,
                         server_cpus=tuple(cores.server) if cores.server else None,
                         load_cpus=tuple(cores.load) if cores.load else None)  # fmt: skip
        windows = run_schedule(quiet, tmp_path / "quiet", lambda window: None)
        assert [sorted(w.label for w in windows if w.round == n) for n in (0, 1)] == [
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
def test_the_wait_is_served_in_front_of_the_app_and_bounds_a_sync_server(tmp_path: Path) -> None:
    """Bounds, not speeds: each answer comes after the wait, and a sync server with two
    threads can never pass two waits at a time, however fast the machine."""
    setups = (Setup("wsgi", "waitress", 2), Setup("asgi", "uvicorn"))
    windows = measure(tmp_path, lambda message: None, wait_ms=40, users=8, windows=3,
                      setups=setups)  # fmt: skip
    assert {w.label for w in windows} == {s.label for s in setups}
    assert all(w.requests > 0 and w.failures == 0 for w in windows)
    assert all(w.latency_ms["p50"] >= 40 for w in windows)
    sync = [w for w in windows if w.label == setups[0].label]
    assert all(w.rps <= 1.05 * setups[0].ceiling(40) for w in sync)
    section = waiting_markdown(figures(setups, windows), 40, 8)
    assert "| wsgi (waitress, 2 threads) |" in section and "| 50 |" in section


def test_memory_growth_counts_from_the_first_window_not_the_start() -> None:
    """A fresh process grows while it warms up; only what it keeps growing after is a leak."""

    def window(label: str, rss: int, requests: int = 300) -> Window:
        return Window(label, label, "waitress", 0, 1.0, requests, 0, 0.1, 0.1, {}, rss_bytes=rss)

    measured = [window("flask", 30_000_000), window("wsgi", 15_000_000),
                window("flask", 30_000_000), window("wsgi", 15_001_000, 200),
                window("flask", 30_000_000, 500), window("wsgi", 0)]  # fmt: skip
    found = {r.label: r for r in residency("waitress", 2, measured)}
    assert found["flask"] == Residency("waitress", "flask", 2, 30_000_000, 30_000_000, 800)
    assert found["flask"].growth_per_10k == 0
    assert found["wsgi"] == Residency("waitress", "wsgi", 2, 15_000_000, 15_001_000, 200)
    assert found["wsgi"].growth_per_10k == 50_000
    assert residency("waitress", 1, measured[:2]) == []  # one window each: nothing to compare


def test_the_waiting_table_says_how_much_of_a_core_each_setup_used() -> None:
    """70 req/s at 500 µs each is 3.5% of a core: the sync server's limit is not its CPU."""
    sync, event_loop = Setup("falcon", "waitress", 4), Setup("falcon_asgi", "uvicorn")
    windows = [Window(setup.label, setup.adapter, setup.server, number, 1.0, requests, 0,
                      cpu, 0.1, {"p50": 50.0, "p99": 60.0})
               for number in range(3)
               for setup, requests, cpu in ((sync, 70, 0.035), (event_loop, 1000, 0.4))
               ]  # fmt: skip
    section = waiting_markdown(figures((sync, event_loop), windows), 50, 64)
    assert (
        "| falcon (waitress, 4 threads) | 70 [70–70] | 80 | 50 | 60 | 500.0 [500.0–500.0] | 4% |"
        in section
    )
    assert "| 400.0 [400.0–400.0] | 40% |" in section
    assert "served 14.29× [14.29–14.29] falcon (waitress, 4 threads)'s req/s" in section
