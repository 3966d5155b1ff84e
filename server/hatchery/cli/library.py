"""`hatchery status` (is a server running, where, with what) and `hatchery
open` (the library in a browser, logged in by a one-time link)."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

import click

from ..config import DATABASE_FILE
from .common import (data_dir_option, is_up, open_store, resolve_data_dir, running_server,
                     server_url_for)

# `status` exits with this when no server runs (the LSB's "not running").
NOT_RUNNING = 3


@click.command()
@data_dir_option
def status(data_dir: Path | None) -> None:
    """Say whether a server runs, where, what its library holds, and when
    the extension last connected."""
    from ..autostart import plan, serve_command
    from ..services.pairing import extension_seen_at

    record = running_server()
    if record is not None:
        kind = " as a login service" if record.service else ""
        click.echo(f"Hatchery runs at {record.url}{kind} (process {record.pid}, "
                   f"since {record.started_at}).")
    else:
        click.echo("No Hatchery server is running: start it with `hatchery serve`, or "
                   "`hatchery service install` to start it at every login.")
    folder = resolve_data_dir(data_dir, quiet=True)
    if not (folder / DATABASE_FILE).exists():
        click.echo(f"Library: none yet in {folder}.")
    else:
        store = open_store(folder)
        try:
            counts, seen = store.library_counts(), extension_seen_at(store)
        finally:
            store.close()
        click.echo(f"Library: {counts['pages']} pages, {counts['highlights']} highlights "
                   f"in {folder}.")
        click.echo(f"Extension: last connected {_ago(seen)}." if seen else
                   "Extension: not connected yet; pair it with the code `hatchery pair` shows.")
    unit = plan(sys.platform, serve_command(0, None), Path.home()).path
    if unit is not None:
        click.echo("Starts at login: " + ("yes" if unit.exists() else
                                          "no (`hatchery service install`)") + ".")
    if record is None:
        raise SystemExit(NOT_RUNNING)


def _ago(stamp: str) -> str:
    try:
        then = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return stamp
    minutes = int((datetime.now(timezone.utc) - then).total_seconds() // 60)
    if minutes < 2:
        return "just now"
    if minutes < 120:
        return f"{minutes} minutes ago"
    if minutes < 48 * 60:
        return f"{minutes // 60} hours ago"
    return f"on {stamp[:10]}"


@click.command("open")
@click.option("--url", default=None,
              help="The server's address (default: the one `hatchery serve` is running on).")
@click.option("--no-browser", is_flag=True, help="Only print the link.")
@data_dir_option
def open_library(url: str | None, no_browser: bool, data_dir: Path | None) -> None:
    """Open the library in your browser, logged in by a one-time link."""
    import webbrowser

    from ..services.logins import LOGIN_CODE_SECONDS, new_login_code

    folder = resolve_data_dir(data_dir)
    url = url or server_url_for(folder)
    if not is_up(url):
        raise click.ClickException(
            f"No Hatchery server answers at {url}: start it with `hatchery serve`"
            + (f" --data-dir {folder}" if data_dir else "") + ", then run `hatchery open` again.")
    store = open_store(folder)
    try:
        code = new_login_code(store)
    finally:
        store.close()
    link = f"{url.rstrip('/')}/login?code={code}"
    click.echo(f"Your library: {link}")
    click.echo(f"(the link logs you in once, within {LOGIN_CODE_SECONDS // 60} minutes)", err=True)
    if not no_browser:
        webbrowser.open(link)
