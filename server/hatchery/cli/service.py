"""`hatchery service install | uninstall | status`: start the server at
every login (systemd user unit, launchd agent, Task Scheduler entry)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click

from ..autostart import Autostart, plan, serve_command
from .common import DEFAULT_PORT, data_dir_option


def _plan(port: int, data_dir: Path | None) -> Autostart:
    return plan(sys.platform, serve_command(port, data_dir), Path.home())


def _run(commands: list[list[str]], *, check: bool) -> None:
    for command in commands:
        if shutil.which(command[0]) is None:
            raise click.ClickException(
                f"`{command[0]}` is not available here, so Hatchery cannot register itself; "
                "start it by hand with `hatchery serve`.")
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if check and done.returncode != 0:
            why = (done.stderr or done.stdout).strip().splitlines()
            raise click.ClickException(
                f"`{' '.join(command)}` failed: {why[-1] if why else done.returncode}.")


@click.group()
def service() -> None:
    """Start the server at every login, or stop doing so."""


@service.command()
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int)
@data_dir_option
@click.option("--print", "only_print", is_flag=True,
              help="Only print what would be installed.")
def install(port: int, data_dir: Path | None, only_print: bool) -> None:
    """Register the server to start at login, and start it now."""
    autostart = _plan(port, data_dir)
    if only_print:
        click.echo(autostart.text)
        return
    if autostart.path is not None:
        autostart.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(autostart.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(autostart.text)
    _run(autostart.install, check=autostart.platform != "darwin")
    where = f" ({autostart.path})" if autostart.path else ""
    click.echo(f"Hatchery now starts at every login{where}.")
    click.echo(f"Logs: {autostart.logs}. Connect the extension with the code `hatchery pair` "
               "shows.")


@service.command()
def uninstall() -> None:
    """Stop starting the server at login (and stop it)."""
    autostart = _plan(DEFAULT_PORT, None)
    if autostart.path is not None and not autostart.path.exists():
        click.echo("Hatchery was not registered to start at login.")
        return
    _run(autostart.uninstall, check=False)
    if autostart.path is not None:
        autostart.path.unlink(missing_ok=True)
    click.echo("Hatchery no longer starts at login.")


@service.command("status")
def service_status() -> None:
    """Say whether the server is registered to start at login."""
    autostart = _plan(DEFAULT_PORT, None)
    if autostart.path is not None:
        registered = autostart.path.exists()
    else:
        registered = subprocess.run(autostart.status, capture_output=True,
                                    check=False).returncode == 0
    if registered:
        click.echo(f"Hatchery starts at login{f' ({autostart.path})' if autostart.path else ''}."
                   f" Logs: {autostart.logs}.")
    else:
        click.echo("Hatchery does not start at login: `hatchery service install` makes it.")
