"""The command line as a new user meets it: one server found by every
command, a pairing code instead of a token, and one line for every failure."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import RunningServer, make_capture
from hatchery.cli import main
from hatchery.runtime import record_path


@pytest.fixture
def state(tmp_path, monkeypatch):
    """A state folder of this test's own, and a default data folder nobody uses."""
    monkeypatch.setenv("HATCHERY_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("HATCHERY_DATA_DIR", str(tmp_path / "default-data"))
    return tmp_path / "state"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def serve_lines(port: int, data_dir: Path) -> subprocess.CompletedProcess:
    server_dir = str(Path(__file__).resolve().parents[1] / "server")
    return subprocess.run(
        [sys.executable, "-m", "hatchery.cli", "serve", "--port", str(port), "--data-dir",
         str(data_dir)], capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": server_dir})


def test_every_command_finds_the_running_servers_data_and_says_so(state, tmp_path):
    server = RunningServer(tmp_path / "elsewhere").start()
    try:
        record = json.loads(record_path().read_text())
        assert record["url"] == server.url and record["pid"] == server.process.pid
        if os.name == "posix":
            assert stat.S_IMODE(record_path().stat().st_mode) == 0o600
        assert server.request("POST", "/api/captures", json=make_capture()).status_code == 201

        token = run("token")
        assert token.stdout.strip() == server.token
        assert f"the server's at {server.url}" in token.stderr

        exported = run("export", "--format", "json", "--out", "-")
        assert json.loads(exported.stdout)["pages"][0]["url"] == make_capture()["url"]

        status = run("status")
        assert status.exit_code == 0, status.output
        assert f"Hatchery runs at {server.url}" in status.stdout
        assert "1 pages, 1 highlights" in status.stdout
        assert "not connected yet" in status.stdout

        pair = run("pair")
        assert pair.stdout.startswith("Pairing code: ")
        code = pair.stdout.split(": ")[1].strip()
        paired = server.request("POST", "/api/pair", json={"code": code}, headers={})
        assert paired.json()["token"] == server.token

        other = run("token", "--data-dir", str(tmp_path / "mine"))
        assert other.stdout.strip() != server.token, "--data-dir still wins"
    finally:
        server.stop()
    assert not record_path().exists(), "a stopped server leaves no record"
    stopped = run("status")
    assert stopped.exit_code == 3
    assert "No Hatchery server is running" in stopped.stdout


def test_serve_shows_a_pairing_code_and_never_the_token(state, tmp_path):
    server = RunningServer(tmp_path / "data")
    server.start()
    server.stop()
    # RunningServer drained the log; start once more and read it whole.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "hatchery.cli", "serve", "--port", str(port), "--data-dir",
         str(tmp_path / "data")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "server")})
    lines = []
    for line in process.stdout:
        lines.append(line)
        if line.startswith("Open your library"):
            break
    process.terminate()
    process.wait(timeout=10)
    process.stdout.close()
    text = "".join(lines)
    assert server.token not in text
    assert "Pairing code: " in text
    assert "Extension folder" in text


def test_a_port_in_use_is_one_line_naming_the_port_and_the_option(state, tmp_path):
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        result = serve_lines(port, tmp_path / "data")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"Error: Port {port} is in use by another program: start Hatchery on another with "
        f"`hatchery serve --port {port + 1}` (and put that address in the extension's options)."]


def test_a_second_serve_on_the_same_port_says_hatchery_already_runs_there(state, tmp_path):
    server = RunningServer(tmp_path / "data").start()
    try:
        result = serve_lines(server.port, tmp_path / "data")
    finally:
        server.stop()
    assert result.returncode == 1
    assert f"Hatchery already runs at {server.url}" in result.stderr
    assert "Traceback" not in result.stderr


def test_commands_without_a_library_say_how_to_get_one(state, tmp_path):
    result = run("export", "--format", "json", "--out", str(tmp_path / "x.json"))
    assert result.exit_code == 1
    assert "There is no library in" in result.output and "--data-dir" in result.output
    assert not (tmp_path / "default-data").exists(), "nothing is created by asking"
    hatch = run("hatch", "--pages", "1")
    assert "There is no library in" in hatch.output


def test_an_unexpected_error_is_one_line_not_a_traceback(state, tmp_path):
    data = tmp_path / "data"
    run("import", str(Path(__file__).parent / "resources" / "imports" / "glasp.json"),
        "--data-dir", str(data))
    blocked = tmp_path / "file"
    blocked.write_text("x")
    result = run("export", "--format", "json", "--out", str(blocked / "sub" / "x.json"),
                 "--data-dir", str(data))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("Error: ") and "HATCHERY_DEBUG=1" in lines[-1]
    assert "Traceback" not in result.output


def test_the_extension_folder_and_its_zip(tmp_path):
    folder = run("extension")
    assert Path(folder.stdout.strip(), "manifest.json").is_file()
    copied = run("extension", "--out", str(tmp_path / "ext"))
    assert (tmp_path / "ext" / "manifest.json").is_file()
    assert (tmp_path / "ext" / "src" / "welcome" / "welcome.html").is_file()
    assert copied.exit_code == 0
    zipped = run("extension", "--out", str(tmp_path / "dist"), "--zip")
    assert zipped.stdout.strip().endswith(".zip") and Path(zipped.stdout.strip()).is_file()
