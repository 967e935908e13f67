"""Discovery, selection and the shared ``python -m impl_<name>`` command line."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

from harness.adapters import ROOT
from harness.adapters import Adapter
from harness.adapters import discover
from harness.adapters import select
from harness.servers.live import free_port
from harness.servers.live import serve
from harness.servers.live import stop
from harness.servers.live import wait_until_ready
from harness.servers.registry import SERVERS


def test_discovers_every_impl_folder() -> None:
    folders = sorted(p.parent.name for p in ROOT.glob("impl_*/app.py"))
    assert [a.package for a in discover()] == folders
    assert {"flask", "bottle", "falcon", "wsgi"} <= {a.name for a in discover()}


def test_mutation_testing_covers_core_every_adapter_and_the_grader() -> None:
    """mutmut takes no patterns; devtools.mutation adds the adapters as discovered."""
    from devtools.mutation import GRADER
    from devtools.mutation import source_paths

    found = source_paths(ROOT)
    assert found[: len(discover()) + 1] == [Path("core"), *(ROOT / a.package for a in discover())]
    grader = found[len(discover()) + 1 :]
    assert {"checks.py", "oracle.py", "results.py", "diagnosis.py"} <= {p.name for p in grader}
    assert all(p.parent == GRADER and (ROOT / p).is_file() for p in grader)
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    assert settings["source_paths"] == ["core"]


def test_a_new_folder_is_a_new_adapter(tmp_path: Path) -> None:
    (tmp_path / "impl_tiny").mkdir()
    (tmp_path / "impl_tiny" / "app.py").write_text("app = None\n")
    (tmp_path / "not_an_adapter").mkdir()
    assert discover(tmp_path) == [Adapter("tiny")]


def test_select_names_unknown_adapters() -> None:
    with pytest.raises(ValueError, match="unknown adapter.*nope.*known: asgi, bottle"):
        select(["flask", "nope"])
    assert [a.name for a in select(["flask"])] == ["flask"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "impl_bottle", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_help_lists_servers() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for name in SERVERS:
        assert name in result.stdout


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["--port", "0"], "--port: must be 1-65535, not 0"),
        (["--port", "http"], "--port: invalid port_number value"),
        (["--server", "nginx"], "invalid choice"),
        (["--workers", "2", "--server", "waitress"], "waitress runs one process"),
        (["--threads", "0"], "at least 1"),
    ],
)
def test_bad_options_are_refused(args: list[str], complaint: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert complaint in result.stderr


@pytest.mark.parametrize("command", ["impl_bottle", "client"])
def test_a_port_in_use_is_one_clear_line(command: str) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", command, "--port", str(port)],
            cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert result.returncode == 2
    assert f"error: cannot listen on 127.0.0.1:{port}: Address already in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_host_is_one_clear_line() -> None:
    result = run_cli("--host", "no-such-host.invalid")
    assert result.returncode == 2
    assert "cannot listen on no-such-host.invalid:8080" in result.stderr
    assert "(check --host)" in result.stderr


@pytest.mark.live
@pytest.mark.parametrize("server", sorted(SERVERS))
def test_every_server_serves_on_loopback(server: str) -> None:
    adapter = Adapter({"wsgi": "bottle", "asgi": "fastapi"}[SERVERS[server].interface])
    with serve(adapter, server) as live:
        assert live.url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(live.url + "/sum/1/2") as response:
            assert response.read() == b'{"number1":1.0,"number2":2.0,"total_sum":3.0,"status":200}'
    assert live.process.poll() is not None, "the server must be stopped after the block"


def _as_from_a_terminal() -> None:
    """A shell's background jobs ignore SIGINT; a terminal's foreground job does not."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.live
@pytest.mark.parametrize("server", sorted(SERVERS))
def test_ctrl_c_stops_the_server_cleanly(server: str) -> None:
    port = free_port()
    package = {"wsgi": "impl_falcon", "asgi": "impl_falcon_asgi"}[SERVERS[server].interface]
    with subprocess.Popen(
        [sys.executable, "-m", package, "--port", str(port), "--server", server],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        preexec_fn=_as_from_a_terminal, process_group=0,
    ) as process:  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}"
            assert wait_until_ready(url, process, time.monotonic() + 30), "never answered"
            # Pressed while idle, as a person does: wsgiref, still closing the request that
            # wait_until_ready sent, would answer Ctrl-C there as the app's error and serve on.
            time.sleep(1)
            process.send_signal(signal.SIGINT)
            assert process.wait(15) == 0
        finally:
            stop(process)
        assert process.stdout is not None
        output = process.stdout.read().decode(errors="replace")
    assert f"Serving {package} with {server} on {url}/" in output
    assert "Traceback" not in output


def test_every_known_gap_names_a_test_that_exists() -> None:
    """A gap whose test was renamed would mark nothing and hide nothing: each must match a
    case's name or a server test's name (``each_server("...")`` in tests/servers/)."""
    import re

    from conformance_tests.grader.cases import CASES
    from harness.servers.registry import SERVERS

    used = {case.name for case in CASES}
    for path in (ROOT / "tests" / "servers").glob("test_*.py"):
        used |= set(re.findall(r'each_server\("([^"]+)"', path.read_text()))
    gaps = [(name, gap.test) for name, server in SERVERS.items() for gap in server.gaps]
    assert gaps and all(test in used for _, test in gaps), gaps
    assert len(gaps) == len(set(gaps))


def test_every_row_of_the_servers_page_has_a_short_name() -> None:
    from harness.servers.measured import ROWS
    from harness.servers.measured import SHORT

    assert SHORT.keys() == ROWS.keys()


def test_a_case_s_head_twin_shares_its_gap_unless_the_gap_says_otherwise() -> None:
    """A long line is as long under HEAD; hypercorn takes only a GET as a websocket handshake
    (granian takes a HEAD too)."""
    from harness.servers.registry import SERVERS

    gunicorn, hypercorn = SERVERS["gunicorn"], SERVERS["hypercorn"]
    assert (
        gunicorn.gap("echo-long-unicode") is gunicorn.gap("echo-long-unicode-as-head") is not None
    )
    assert hypercorn.gap("headers-websocket-upgrade") is not None
    assert hypercorn.gap("headers-websocket-upgrade-as-head") is None
    assert SERVERS["granian-asgi"].gap("headers-websocket-upgrade-as-head") is not None
    assert gunicorn.gap("sum-path-ok") is gunicorn.gap("sum-path-ok-as-head") is None
