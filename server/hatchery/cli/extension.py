"""`hatchery extension [--out DIR] [--zip]`: where the bundled browser
extension is, or a copy of it (and the zip a store takes)."""

from __future__ import annotations

from pathlib import Path

import click

from ..extension_files import ExtensionProblem, build_zip, copy_extension, extension_dir


@click.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Copy the extension into this folder (to load it unpacked from there).")
@click.option("--zip", "as_zip", is_flag=True,
              help="With --out: write the zip a browser store takes there instead.")
def extension(out: Path | None, as_zip: bool) -> None:
    """Print the browser extension's folder, or write a copy of it."""
    folder = extension_dir()
    if folder is None:
        raise click.ClickException("This installation has no extension folder: reinstall "
                                   "Hatchery from its wheel or checkout.")
    if out is None:
        if as_zip:
            raise click.UsageError("--zip needs --out DIR, the folder to write the zip to.")
        click.echo(folder)
        return
    try:
        target = build_zip(folder, out) if as_zip else copy_extension(folder, out)
    except ExtensionProblem as error:
        raise click.ClickException(str(error)) from None
    click.echo(target)
