"""The report and the command line: what a reader sees first, every file, and every refusal."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from loadtests.__main__ import DISTURBED
from loadtests.__main__ import main
from loadtests.__main__ import parser
from loadtests.__main__ import reproducing
from loadtests.report.costs import cost_markdown
from loadtests.report.document import headline
from loadtests.report.document import markdown
from loadtests.report.machine import adapter_packages
from loadtests.report.writing import write_report
from loadtests.results.counted import CostView
from loadtests.results.counted import Instructions
from loadtests.results.counted import Layers
from loadtests.results.counted import Memory
from loadtests.results.model import Cost
from loadtests.results.model import Estimate
from loadtests.results.model import Residency
from loadtests.results.model import Results
from loadtests.results.model import Setup
from loadtests.results.model import Window
from loadtests.results.model import load
from loadtests.results.plan import Plan
from loadtests.runs.verify import ContractMismatch
from loadtests.stats.rows import summarize
from loadtests.stats.rows import with_capacity
from loadtests.stats.rows import with_wrk
from loadtests.waiting import figures
from tests.benchmark_windows import AA
from tests.benchmark_windows import rounds
from tests.benchmark_windows import window

BUSY = "other programs used 60% of the server's core"


def test_report_files(tmp_path: Path) -> None:
    windows = rounds({"wsgi": [100.0, 110, 90], AA: [101.0, 109, 91], "flask": [300.0, 330, 270]})
    capacity = rounds({"wsgi": [80.0], AA: [80.0], "flask": [250.0]}, rate=0, rps=2000, load=0.95)
    plan = Plan(adapters=("flask",), servers=("waitress",), windows=3)
    mix = [Cost("flask", 60.0, Estimate(6.5, 6.4, 6.6), 40, 0.3, 9.25),
           Cost("wsgi", 9.25, Estimate(1.0, 1.0, 1.0), 40, 0.25, 9.25)]  # fmt: skip
    wiring = [Cost("flask", 64.0, Estimate(1.10, 1.08, 1.12), 40, 0.3, 58.0)]
    rows = with_wrk(with_capacity(summarize(windows), capacity), "waitress", "flask", 5000.0)
    report = Results(plan, {"cpu": "test"}, "not pinned", rows, [*capacity, *windows],
                    ["a note"], "python -m loadtests", mix, wiring)  # fmt: skip
    markdown = write_report(report, tmp_path).read_text()
    assert "| flask | 64.0 | 58.0 | 1.10× [1.08–1.12] |" in markdown
    assert (
        "| waitress | flask | 300.0 [233.8–385.0] | 3.00× [3.00–3.00] | costs 3.00× raw" in markdown
    )
    assert "| waitress | wsgi (A/A) |" in markdown and "A/A control" in markdown
    assert "| waitress | flask | ≥ 2,000 (Locust's limit) | 5,000 |" in markdown
    assert "| flask | 60.0 | raw WSGI | 6.50× [6.40–6.60] |" in markdown
    assert "Noise floor under waitress" in markdown and "No window was disturbed" in markdown
    assert "raw WSGI in-process took 9.2 µs per request" in markdown
    assert "25% of its batches ran within 5% of that" in markdown
    assert "Few in-process batches" not in markdown
    assert "How to read these numbers" in markdown and "a note" in markdown
    assert "median" not in markdown  # each ratio is one of totals, and says so
    with (tmp_path / "results.csv").open() as file:
        assert [r["label"] for r in csv.DictReader(file)] == ["flask", "wsgi", AA]
    data = json.loads((tmp_path / "results.json").read_text())
    flask = data["rows"][0]
    assert {"server", "adapter", "cpu_us", "cpu_ratio", "limited", "cpu_ratio_low",
            "cpu_ratio_high", "cpu_us_low", "cpu_us_high"} <= set(flask)  # fmt: skip
    assert flask["limited"] is False and data["rows"][2]["control"] is True
    assert data["disturbed"] is False and len(data["windows"]) == 12
    assert data["in_process"][0]["ratio"] == {"value": 6.5, "low": 6.4, "high": 6.6}
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")
    page = (tmp_path / "report.html").read_text()
    assert '<img src="chart.png"' in page and "<td>6.50× [6.40–6.60]</td>" in page
    assert "<td>58.0</td>\n<td>1.10× [1.08–1.12]</td>" in page
    assert "<em>The A/A control</em>" in page and "**" not in page
    assert "<title>Benchmark report</title>" in page and "<h2>Machine</h2>" in page


def test_the_report_renders_only_what_results_json_holds(tmp_path: Path) -> None:
    """Read back from results.json, every figure (the twins and the waiting scenario too)
    makes the same report: the guide can quote it without the run's objects."""
    windows = rounds({"wsgi": [100.0, 110, 90], AA: [101.0, 109, 91], "flask": [300.0, 330, 270]})
    sync, event_loop = Setup("falcon", "waitress", 4), Setup("falcon_asgi", "uvicorn")
    waited = [Window(setup.label, setup.adapter, setup.server, number, 1.0, requests, 0, 0.1,
                     0.1, {"p50": 50.0, "p99": 60.0})
              for number in range(3)
              for setup, requests in ((sync, 70), (event_loop, 1000))]  # fmt: skip
    twins = [Cost("falcon_asgi", 30.0, Estimate(1.4, 1.3, 1.5), 40, float("nan"), 21.0, "falcon")]
    report = Results(
        Plan(adapters=("flask",), servers=("waitress",), windows=3), {"cpu": "test"}, "",
        summarize(windows), windows, twins=twins, overhead_path="/sum/42/117",
        waited=figures((sync, event_loop), waited), wait_ms=50.0, wait_users=64,
    )  # fmt: skip
    written = write_report(report, tmp_path).read_text()
    assert "falcon_asgi" in written and "served 14.29× [14.29–14.29] falcon" in written
    assert markdown(load(tmp_path / "results.json")) == written


def test_disturbed_windows_are_said_at_the_top() -> None:
    clean = rounds({"wsgi": [100.0] * 6, AA: [100.0] * 6, "flask": [300.0] * 6})
    redone = [window("flask", 2, 900, disturbed=BUSY), window("flask", 4, 800, disturbed=BUSY)]
    report = Results(Plan(adapters=("flask",), servers=("waitress",), windows=6), {}, "",
                    summarize([*redone, *clean]), [*redone, *clean])  # fmt: skip
    assert "2 windows were disturbed by other programs and measured again (0 stayed" in "\n".join(
        headline(report))  # fmt: skip


def test_a_run_without_enough_clean_windows_says_so_at_the_top(tmp_path: Path) -> None:
    windows = rounds({"wsgi": [100.0] * 6, AA: [100.0] * 6, "flask": [300.0] * 6})
    windows += [window("flask", n, 900, disturbed=BUSY, attempt=3) for n in range(5)]
    plan = Plan(adapters=("flask",), servers=("waitress",), windows=6, wrk=False)
    report = Results(plan, {}, "not pinned", summarize(windows), windows)
    assert [r.label for r in report.unsettled] == ["flask"]
    top = "\n".join(headline(report))
    assert "**DISTURBED RUN**" in top and "waitress/flask (1 clean)" in top
    assert "Noise floor under waitress" in top
    assert main_exit_status(report, tmp_path) == DISTURBED


def test_few_batches_at_full_speed_are_said_at_the_top() -> None:
    mix = [Cost("wsgi", 18.0, Estimate(1.0, 1.0, 1.0), 100, 0.08, 18.0)]
    report = Results(Plan(adapters=(), servers=()), {}, "", [], [], in_process=mix)
    assert "**Few in-process batches ran at full speed**" in "\n".join(headline(report))


def main_exit_status(report: Results, tmp_path: Path) -> int:
    """What ``python -m loadtests`` exits with for this report."""
    import loadtests.__main__ as cli

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "run", lambda plan, command: (report, tmp_path))
        return cli.main(["--output", str(tmp_path)])


def test_cli_refuses_bad_settings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["--window", "0"])
    assert "must be above 0" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--windows", "2"])
    assert "must be at least 3" in capsys.readouterr().err
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


def test_the_report_quotes_the_command_without_where_its_results_went() -> None:
    """A calibration run's ``--output /tmp/...`` is no part of what a reader reruns."""
    assert reproducing(["--starts", "5", "--output", "/tmp/a b", "--no-wrk"]) == (
        "python -m loadtests --starts 5 --no-wrk"
    )
    assert reproducing(["--out=/tmp/x", "--windows", "9"]) == "python -m loadtests --windows 9"
    assert reproducing([]) == "python -m loadtests"


def test_cli_help_names_every_option() -> None:
    text = parser().format_help()
    for option in ("--adapters", "--servers", "--users", "--window", "--windows", "--starts",
                   "--capacity-windows", "--rate", "--warmup", "--retries", "--output",
                   "Exit status"):  # fmt: skip
        assert option in text


def test_machine_facts_name_every_adapters_framework() -> None:
    """Found in the adapters' imports, so a fifth framework's version is reported too."""
    assert {"flask", "bottle", "falcon"} <= set(adapter_packages())
    assert "three-frameworks-one-contract" not in adapter_packages()


def test_the_cost_section_shows_counts_beside_times_layers_and_memory(tmp_path: Path) -> None:
    view = CostView(
        instructions=[Instructions("flask", (460_000.0, 462_000.0, 461_000.0)),
                      Instructions("wsgi", (86_000.0, 86_000.0, 86_000.0))],
        layers=[Layers("flask", 100.0, {"routing": 60.0, "core (this project's logic)": 40.0},
                       [("werkzeug/routing/matcher.py:match", 50.0)]),
                Layers("wsgi", 30.0, {"core (this project's logic)": 30.0,
                                      "the event loop (a server's part)": 0.2}, [])],
        memory=[Memory("flask", 5120.0, 102.4)],
    )  # fmt: skip
    mix = [Cost("flask", 60.0, Estimate(8.0, 7.9, 8.1), 40, 0.3, 7.5)]
    residency = [Residency("waitress", "flask", 1, 40 * 2**20, 41 * 2**20, 20_480),
                 Residency("waitress", "flask", 2, 40 * 2**20, 40 * 2**20, 10_000)]  # fmt: skip
    text = cost_markdown(view, mix, residency)
    assert "| flask | 461,000 | raw WSGI | 5.36× | ±0.22% | 8.00× [7.90–8.10] |" in text
    assert "| wsgi | 86,000 | raw WSGI | 1.00× | ±0.00% | – |" in text
    assert "| routing | 60 | 0 |" in text and "event loop" not in text  # no whole bytecode
    assert "| **all** | **100** | **30** |" in text
    assert "- flask: `werkzeug/routing/matcher.py:match` 50" in text and "- wsgi" not in text
    assert "| flask | 5.0 | 0.1 |" in text
    assert "| waitress | flask | 40.0 | 40.0 | +250.0 | 2 |" in text  # the median of 500 and 0
    report = Results(Plan(adapters=("flask",), servers=("waitress",)), {}, "", [], [],
                    in_process=mix, cost=view, residency=residency)  # fmt: skip
    write_report(report, tmp_path)
    assert (tmp_path / "cost.png").read_bytes().startswith(b"\x89PNG")
    assert "## Where the cost goes" in (tmp_path / "report.md").read_text()
    skipped = cost_markdown(CostView(note="instruction counts skipped: valgrind is not installed "
                                          "(apt-get install valgrind)."), [])  # fmt: skip
    assert "- instruction counts skipped: valgrind is not installed" in skipped


def test_one_disturbed_window_is_said_in_the_singular() -> None:
    clean = rounds({"wsgi": [100.0] * 6, AA: [100.0] * 6, "flask": [300.0] * 6})
    redone = [window("flask", 2, 900, disturbed=BUSY)]
    report = Results(Plan(adapters=("flask",), servers=("waitress",), windows=6), {}, "",
                    summarize([*redone, *clean]), [*redone, *clean])  # fmt: skip
    assert "1 window was disturbed by other programs and measured again (0 stayed disturbed and " \
        "are left out)" in "\n".join(headline(report))  # fmt: skip
