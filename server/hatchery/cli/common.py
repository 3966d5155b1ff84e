"""What the commands share: which data folder to use (the running server's
unless told), opening its store, and asking a server whether it is up."""

from __future__ import annotations

from pathlib import Path

import click

from ..config import DATABASE_FILE, default_data_dir
from ..runtime import ServerRecord, read_record

DEFAULT_PORT = 8765
DEFAULT_URL = f"http://127.0.0.1:{DEFAULT_PORT}"
# `serve` also writes its address into its data folder, so `open --data-dir`
# finds a server that is not the one the state folder records.
SERVER_URL_FILE = "server-url"

data_dir_option = click.option(
    "--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Where the database and token live (default: the running server's, else your "
         "OS's per-user data folder, or $HATCHERY_DATA_DIR).")


def running_server() -> ServerRecord | None:
    """The server `hatchery serve` recorded, when it still answers."""
    record = read_record()
    return record if record is not None and is_up(record.url) else None


def resolve_data_dir(given: Path | None, *, quiet: bool = False) -> Path:
    """The data folder a command works on, said on stderr: `--data-dir`
    when given, else the running server's, else the default one.

    :param given: the --data-dir option's value
    :param quiet: do not say which folder
    """
    if given is not None:
        folder, why = given, "from --data-dir"
    elif (record := running_server()) is not None:
        folder, why = Path(record.data_dir), f"the server's at {record.url}"
    else:
        folder, why = default_data_dir(), "the default; no server is running"
    if not quiet:
        click.echo(f"Data folder: {folder} ({why})", err=True)
    return folder


def server_url_for(data_dir: Path) -> str:
    """The address of the server that serves `data_dir`, as best known."""
    record = read_record()
    if record is not None and Path(record.data_dir) == data_dir:
        return record.url
    url_file = data_dir / SERVER_URL_FILE
    if url_file.exists():
        return url_file.read_text(encoding="utf-8").strip()
    return DEFAULT_URL


def open_store(data_dir: Path, *, must_exist: bool = False):
    """The store in `data_dir`, migrated.

    :param must_exist: fail with a one-line hint when there is no library
        there yet (instead of creating an empty one)
    """
    from ..store import Store

    database = data_dir / DATABASE_FILE
    if must_exist and not database.exists():
        raise click.ClickException(
            f"There is no library in {data_dir}: start `hatchery serve` and highlight "
            "something, or pass the --data-dir of your library.")
    store = Store(database)
    store.migrate()
    return store


def is_up(url: str) -> bool:
    """True when a Hatchery server answers /api/health at `url`."""
    import json
    import urllib.request

    try:
        with urllib.request.urlopen(url.rstrip("/") + "/api/health", timeout=3) as response:
            return response.status == 200 and json.load(response).get("status") == "ok"
    except (OSError, ValueError, AttributeError):
        return False
