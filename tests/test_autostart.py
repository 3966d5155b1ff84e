"""`hatchery service install`: what each platform would get, read as text."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hatchery.autostart import plan, serve_command, systemd_quote

HOME = Path("/home/ada")


def command(data_dir=None):
    return serve_command(8765, data_dir, python="/opt/py env/bin/python")


def test_the_linux_unit_starts_the_server_at_login_and_logs_to_the_journal():
    unit = plan("linux", command(Path("/data/my notes")), HOME)
    assert unit.path == HOME / ".config/systemd/user/hatchery.service"
    assert 'ExecStart="/opt/py env/bin/python" -m hatchery.cli serve --service --port 8765 ' \
           '--data-dir "/data/my notes"' in unit.text
    assert "WantedBy=default.target" in unit.text
    assert unit.logs == "journalctl --user -u hatchery"
    assert ["systemctl", "--user", "enable", "--now", "hatchery.service"] in unit.install


def test_systemd_words_are_quoted_and_never_expanded():
    assert systemd_quote("plain") == "plain"
    assert systemd_quote("100%") == "100%%"
    assert systemd_quote("$HOME") == "$$HOME"
    assert systemd_quote('a "b"') == '"a \\"b\\""'


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_systemd_analyze_verifies_the_unit(tmp_path):
    def problems(text: str) -> list[str]:
        # System mode: --user needs a login session's runtime folder, which a
        # CI container lacks; the unit's syntax is checked the same way.
        path = tmp_path / "hatchery.service"
        path.write_text(text)
        done = subprocess.run(["systemd-analyze", "verify", str(path)],
                              capture_output=True, text=True, timeout=60)
        return [line for line in done.stderr.splitlines() if "hatchery.service" in line]

    unit = plan("linux", serve_command(8765, tmp_path / "data"), HOME)
    assert problems(unit.text) == []
    assert problems(unit.text.replace("Restart=on-failure", "Restart=sometimes")), \
        "the check sees a broken unit"


def test_the_macos_agent_runs_at_load_and_logs_under_library_logs():
    agent = plan("darwin", command(), HOME)
    assert agent.path == HOME / "Library/LaunchAgents/org.hatchery.server.plist"
    parsed = plistlib.loads(agent.text.encode())
    assert parsed["ProgramArguments"][:4] == ["/opt/py env/bin/python", "-m", "hatchery.cli",
                                              "serve"]
    assert parsed["RunAtLoad"] is True
    assert parsed["StandardOutPath"] == str(HOME / "Library/Logs/Hatchery/server.log")


@pytest.mark.skipif(shutil.which("plutil") is None, reason="plutil is macOS's")
def test_plutil_lints_the_agent(tmp_path):
    path = tmp_path / "agent.plist"
    path.write_text(plan("darwin", command(), HOME).text)
    subprocess.run(["plutil", "-lint", str(path)], check=True)


def test_the_windows_task_runs_at_logon_with_a_log_file():
    task = plan("win32", command(Path("C:/Users/Ada/My Data")), HOME)
    assert task.path is None
    assert task.text.startswith("schtasks /Create /TN \"Hatchery server\" /SC ONLOGON")
    assert '/TR "\\"/opt/py env/bin/python\\" -m hatchery.cli serve --service' in task.text
    assert "--log-file" in task.text and task.logs.endswith("server.log")


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_no_secret_goes_into_a_service_definition(platform):
    text = plan(platform, command(), HOME).text
    assert "token" not in text.lower()
    assert "--service" in text, "the server started as a service prints no pairing code"


def test_service_install_print_shows_this_platforms_definition():
    from click.testing import CliRunner

    from hatchery.cli import main

    result = CliRunner().invoke(main, ["service", "install", "--print", "--port", "9000"])
    assert result.exit_code == 0
    assert "--port 9000" in result.stdout.replace('"', "")
    assert sys.executable in result.stdout.replace('\\"', "").replace('"', "")
