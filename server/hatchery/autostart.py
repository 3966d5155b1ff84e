"""Starting the server at login: a systemd user unit on Linux, a launchd
agent on macOS, a Task Scheduler entry on Windows.

Each is built as text (or a command line) from the command that starts the
server, so tests can read what would be installed on any platform. The
server starts with `--service`: it logs to where each platform keeps logs
and never prints the token or a pairing code there.
"""

from __future__ import annotations

import plistlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_log_dir

SERVICE_NAME = "hatchery"
LAUNCHD_LABEL = "org.hatchery.server"
WINDOWS_TASK = "Hatchery server"


@dataclass
class Autostart:
    """What `hatchery service install` writes or runs on one platform."""

    platform: str  # linux | darwin | win32
    path: Path | None  # the file written, when the platform uses one
    text: str  # the file's text (unit, plist), or the command line (Windows)
    logs: str  # where the server's log goes, in words a person can follow
    install: list[list[str]]  # run after writing `path`: register and start
    uninstall: list[list[str]]  # run before removing `path`
    status: list[str]  # says whether it is registered


def serve_command(port: int, data_dir: Path | None, python: str | None = None) -> list[str]:
    """The command line that starts the server as a service.

    :param port: the port to listen on
    :param data_dir: a data folder other than the default, or None
    :param python: the interpreter (default: the one running now)
    """
    command = [python or sys.executable, "-m", "hatchery.cli", "serve", "--service",
               "--port", str(port)]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return command


def systemd_quote(word: str) -> str:
    """One word of a systemd ExecStart line (quoted when it needs it; `%`
    and `$` escaped so systemd does not expand them)."""
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%").replace(
        "$", "$$")
    return f'"{escaped}"' if any(c in word for c in " \t\"'\\") else escaped


def systemd_unit(command: list[str]) -> str:
    """A systemd user unit that runs `command` at login and restarts it when
    it fails; its output goes to the journal (`journalctl --user -u hatchery`)."""
    return "\n".join([
        "[Unit]",
        "Description=Hatchery companion server (your highlights, on your machine)",
        "After=network.target",
        "",
        "[Service]",
        "Type=simple",
        "ExecStart=" + " ".join(systemd_quote(w) for w in command),
        "Restart=on-failure",
        "RestartSec=5",
        "Environment=PYTHONUNBUFFERED=1",
        "",
        "[Install]",
        "WantedBy=default.target",
        "",
    ])


def launchd_plist(command: list[str], log_file: Path) -> str:
    """A launchd agent that runs `command` at login and keeps it alive,
    logging to `log_file` (under ~/Library/Logs)."""
    return plistlib.dumps({
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": command,
        "RunAtLoad": True,
        "KeepAlive": {"SuccessfulExit": False},
        "StandardOutPath": str(log_file),
        "StandardErrorPath": str(log_file),
        "ProcessType": "Background",
    }).decode("utf-8")


def windows_task_command(command: list[str], log_file: Path) -> list[str]:
    """The `schtasks` call that starts `command` at logon, logging to
    `log_file` (the task runs it through `--log-file`, since Task Scheduler
    keeps no output)."""
    run = subprocess.list2cmdline([*command, "--log-file", str(log_file)])
    return ["schtasks", "/Create", "/TN", WINDOWS_TASK, "/SC", "ONLOGON", "/RL", "LIMITED",
            "/TR", run, "/F"]


def plan(platform: str, command: list[str], home: Path) -> Autostart:
    """What to install on `platform` for `command`.

    :param platform: ``sys.platform``'s value (linux, darwin, win32)
    :param home: the user's home folder
    """
    if platform == "darwin":
        log_file = home / "Library" / "Logs" / "Hatchery" / "server.log"
        agent = home / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
        return Autostart(
            "darwin", agent, launchd_plist(command, log_file), str(log_file),
            install=[["launchctl", "unload", str(agent)],
                     ["launchctl", "load", "-w", str(agent)]],
            uninstall=[["launchctl", "unload", "-w", str(agent)]],
            status=["launchctl", "list", LAUNCHD_LABEL])
    if platform == "win32":
        log_file = Path(user_log_dir("hatchery", appauthor=False)) / "server.log"
        create = windows_task_command(command, log_file)
        return Autostart(
            "win32", None, subprocess.list2cmdline(create), str(log_file),
            install=[create, ["schtasks", "/Run", "/TN", WINDOWS_TASK]],
            uninstall=[["schtasks", "/End", "/TN", WINDOWS_TASK],
                       ["schtasks", "/Delete", "/TN", WINDOWS_TASK, "/F"]],
            status=["schtasks", "/Query", "/TN", WINDOWS_TASK])
    unit = home / ".config" / "systemd" / "user" / f"{SERVICE_NAME}.service"
    name = f"{SERVICE_NAME}.service"
    return Autostart(
        "linux", unit, systemd_unit(command), f"journalctl --user -u {SERVICE_NAME}",
        install=[["systemctl", "--user", "daemon-reload"],
                 ["systemctl", "--user", "enable", "--now", name]],
        uninstall=[["systemctl", "--user", "disable", "--now", name]],
        status=["systemctl", "--user", "is-enabled", name])
