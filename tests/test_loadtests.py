"""The benchmark's parts: the load mix, one short real run, parsing and the report.

No timing assertions: speeds are the benchmark's business, not the tests'.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from conformance_tests.clients import call_wsgi
from core import Reply
from core import Service
from harness.adapters import ROOT
from harness.adapters import Adapter
from harness.adapters import discover
from harness.live import serve
from loadtests import inprocess
from loadtests import wrk
from loadtests.__main__ import main
from loadtests.__main__ import parser
from loadtests.benchmark import notes_for
from loadtests.benchmark import run
from loadtests.inprocess import AppCost
from loadtests.latency import latency_summary
from loadtests.plan import Plan
from loadtests.probes import PROBES
from loadtests.probes import WEIGHTS
from loadtests.report import Report
from loadtests.report import write_report
from loadtests.summary import summarize
from loadtests.verify import ContractMismatch
from loadtests.verify import check_contract
from loadtests.window import LOCUSTFILE
from loadtests.window import Window

ALL_PROBES = [probe for probes in PROBES.values() for probe in probes]


@pytest.mark.parametrize("adapter", discover(), ids=lambda a: a.name)
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


def window(adapter: str, rps: float, cpu_us: float, load: float, round_: int = 1) -> Window:
    seconds = 2.0
    requests = int(rps * seconds)
    return Window(
        adapter=adapter, server="waitress", round=round_, seconds=seconds, requests=requests,
        failures=0, server_cpu_s=cpu_us * requests / 1e6, load_cpu_s=load * seconds,
        latency_ms={"p50": 1.0, "p95": 2.0, "p99": 3.0, "max": 9.0},
    )  # fmt: skip


def test_summary_takes_medians_and_ratios_to_raw_wsgi() -> None:
    windows = [
        window("wsgi", 1000, 100, 0.5, 1), window("flask", 400, 300, 0.3, 1),
        window("wsgi", 1200, 110, 0.5, 2), window("flask", 500, 320, 0.3, 2),
        window("wsgi", 9000, 90, 0.99, 3), window("flask", 450, 310, 0.3, 3),
    ]  # fmt: skip
    rows = {row.adapter: row for row in summarize(windows)}
    assert rows["wsgi"].rps == 1200 and rows["wsgi"].rps_min == 1000
    assert rows["flask"].rps == 450
    assert rows["flask"].rps_ratio == pytest.approx(450 / 1200)
    assert rows["flask"].cpu_us == pytest.approx(310)
    assert rows["flask"].cpu_ratio == pytest.approx(310 / 100)
    assert not rows["wsgi"].limited  # median load 0.5: one saturated round is not enough
    assert summarize([window("x", 1, 1, 0.95)])[0].limited


def test_notes_name_limited_rows_and_a_rate_not_kept_up() -> None:
    rows = summarize([window("wsgi", 1000, 100, 0.95), window("flask", 300, 300, 0.3)])
    open_model = Plan(adapters=(), servers=("waitress",), users=4, pacing=100.0, wrk=False)
    notes = "\n".join(notes_for(open_model, rows))
    assert "bottleneck for waitress/wsgi:" in notes
    assert "could not sustain the open model's 400 req/s: waitress/flask (300)" in notes
    assert "skipped (--no-wrk)" in notes
    closed = Plan(adapters=(), servers=("waitress",), wrk=False)
    assert "could not sustain" not in "\n".join(notes_for(closed, rows))


def test_report_files(tmp_path: Path) -> None:
    windows = [window("wsgi", 1000, 100, 0.95), window("flask", 400, 300, 0.3)]
    plan = Plan(adapters=("wsgi", "flask"), servers=("waitress",))
    costs = [AppCost("flask", 60.0, 6.5, 40), AppCost("wsgi", 9.25, 1.0, 40)]
    report = Report(plan, {"cpu": "test"}, "not pinned", summarize(windows), windows,
                    ["a note"], "python -m loadtests", costs)  # fmt: skip
    markdown = write_report(report, tmp_path).read_text()
    assert "| waitress | wsgi | 1,000 **LIMITED** |" in markdown
    assert "| waitress | flask | 400 |" in markdown and "3.00×" in markdown
    assert "| flask | 60.0 | 6.50× |" in markdown and "| wsgi | 9.2 | 1.00× |" in markdown
    assert "| 10% | 95% |" in markdown and "| 12% | 30% |" in markdown  # server, load gen CPU
    assert "How to read these numbers" in markdown and "a note" in markdown
    with (tmp_path / "results.csv").open() as file:
        assert [r["adapter"] for r in csv.DictReader(file)] == ["wsgi", "flask"]
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["rows"][0]["limited"] is True and len(data["windows"]) == 2
    assert data["in_process"][0] == {"adapter": "flask", "us_per_request": 60.0, "ratio": 6.5,
                                     "batches": 40}  # fmt: skip
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")
    page = (tmp_path / "report.html").read_text()
    assert 'src="chart.png"' in page and "<td>6.50×</td>" in page
    assert "<strong>LIMITED</strong>" in page and "<em>In-process µs per request</em>" in page
    assert "**" not in page and "16 users (closed model)" in page


def test_in_process_cost_of_every_adapter() -> None:
    costs = {c.adapter: c for c in inprocess.measure(discover(), cpus=None, cycles=3)}
    assert set(costs) == {a.name for a in discover()}
    assert costs["wsgi"].ratio == 1.0
    assert all(c.us_per_request > 0 and c.batches == 3 for c in costs.values())


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
    plan = Plan(adapters=("wsgi",), servers=("waitress",), users=2, spawn_rate=2,
                warmup=0.5, duration=1.5, rounds=1, wrk=False, output=tmp_path)  # fmt: skip
    report, folder = run(plan, "test", progress=lambda message: None)
    [only] = report.windows
    assert only.requests > 0 and only.failures == 0
    assert only.server_cpu_s > 0
    assert 0 < only.seconds < plan.warmup + plan.duration  # the warm-up is not measured
    assert set(only.latency_ms) >= {"p50", "p95", "p99", "max"}
    runs = folder / "runs" / "waitress-wsgi-r1"
    for name in ("locust_stats.csv", "locust.html", "locust.log", "server.log"):
        assert (runs / name).is_file(), name


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
        main(["--duration", "0"])
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
    for option in ("--adapters", "--servers", "--users", "--duration", "--rounds", "--rate",
                   "--warmup", "--output"):  # fmt: skip
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
