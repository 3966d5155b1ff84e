"""`hatchery pair` (a one-time code for the extension) and `hatchery token`
(the token itself, for those who paste it)."""

from __future__ import annotations

from pathlib import Path

import click

from ..config import read_token
from .common import data_dir_option, open_store, resolve_data_dir


@click.command()
@data_dir_option
def pair(data_dir: Path | None) -> None:
    """Show a one-time code that connects the extension to the server."""
    from ..services.pairing import PAIRING_CODE_SECONDS, new_pairing_code

    folder = resolve_data_dir(data_dir)
    store = open_store(folder)
    try:
        code = new_pairing_code(store)
    finally:
        store.close()
    click.echo(f"Pairing code: {code}")
    click.echo(f"Enter it in the extension's options; it works once, within "
               f"{PAIRING_CODE_SECONDS // 60} minutes.", err=True)


@click.command()
@click.option("--rotate", is_flag=True, help="Make a new token; the old one stops working.")
@data_dir_option
def token(rotate: bool, data_dir: Path | None) -> None:
    """Print the API token (pairing with `hatchery pair` needs no copying)."""
    folder = resolve_data_dir(data_dir)
    click.echo(read_token(folder, rotate=rotate))
    if rotate:
        click.echo("The old token stops working now, also on a running server; pair the "
                   "extension again (`hatchery pair`) or paste the new token in its options.",
                   err=True)
