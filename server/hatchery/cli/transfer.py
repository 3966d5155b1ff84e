"""`hatchery export`, `hatchery import` and `hatchery hatch`: the library
in and out, and a hatch from the command line. Each works on the running
server's data folder unless --data-dir says another."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import data_dir_option, open_store, resolve_data_dir
from .llm import llm_config, llm_flags, llm_options


@click.command("export")
@click.option("--format", "fmt", required=True,
              type=click.Choice(["json", "markdown", "csv", "jsonld", "hatch"]),
              help="json: everything, lossless; markdown: one file per page (a folder, or a "
                   "zip when PATH ends in .zip); csv: one row per highlight; jsonld: W3C Web "
                   "Annotation; hatch: one hatch as Markdown (with --hatch).")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="The file (or, for markdown, the folder or .zip) to write; - for stdout.")
@click.option("--hatch", "hatch_id", type=int, default=None, help="The hatch to export.")
@click.option("--overwrite", is_flag=True, default=False,
              help="markdown into a folder: replace notes of the same name (without it a "
                   "note that is already there is kept and the new one is named "
                   "`Title (2).md`).")
@data_dir_option
def export_command(fmt: str, out: Path, hatch_id: int | None, overwrite: bool,
                   data_dir: Path | None) -> None:
    """Export your library, or one hatch."""
    from ..errors import HatcheryError
    from ..services import exports

    if fmt == "hatch" and hatch_id is None:
        raise click.UsageError("--format hatch needs --hatch ID (see the library's "
                               "hatch history).")
    store = open_store(resolve_data_dir(data_dir), must_exist=True)
    try:
        if fmt == "markdown" and str(out) != "-" and out.suffix.lower() != ".zip":
            files = exports.write_markdown_folder(store, out, overwrite=overwrite)
            click.echo(f"Wrote {len(files)} Markdown files to {out}", err=True)
            return
        try:
            body = exports.download(store, fmt, hatch_id).body
        except HatcheryError as error:
            raise click.ClickException(error.message) from None
    finally:
        store.close()
    if str(out) == "-":
        click.echo(body, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(body)
    click.echo(f"Wrote {out}", err=True)


# Below this many records an import is quick enough to need no progress bar.
PROGRESS_BAR_MIN_RECORDS = 200


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_dir_option
def import_command(file: Path, data_dir: Path | None) -> None:
    """Import highlights: Glasp or Hypothesis JSON, Kindle's My Clippings.txt, or
    Hatchery's own JSON or JSON-LD export. The format is detected; importing
    the same file twice adds nothing; a bad file imports nothing."""
    from ..importers import ImportFailed, parse
    from ..services.imports import describe_import, import_bytes

    raw = file.read_bytes()
    try:
        parsed = parse(raw)
    except ImportFailed as error:
        raise click.ClickException(f"{file}: {error.message}") from None
    store = open_store(resolve_data_dir(data_dir))
    try:
        if parsed.records >= PROGRESS_BAR_MIN_RECORDS:
            with click.progressbar(length=parsed.records, label=f"Importing {file.name}",
                                   file=sys.stderr) as bar:
                report = import_bytes(store, raw, parsed=parsed, progress=bar.update)
        else:
            report = import_bytes(store, raw, parsed=parsed)
    finally:
        store.close()
    click.echo(describe_import(report))
    for reason in report["skipped"]:
        click.echo(f"  skipped {reason}", err=True)


@click.command("hatch")
@click.option("--pages", "page_ids", type=int, multiple=True, required=True,
              help="A page id to hatch; repeat for several (ids are in the library and /api/pages).")
@click.option("--length", type=click.Choice(["short", "medium", "long"]), default="short",
              show_default=True)
@click.option("--engine", type=click.Choice(["local", "llm"]), default="local", show_default=True,
              help="llm uses the model of the --llm flags below, as `serve` takes them, "
                   "else the data folder's config.toml (llm_url, llm_model).")
@data_dir_option
@llm_flags
def hatch_command(page_ids: tuple[int, ...], length: str, engine: str,
                  data_dir: Path | None, **llm_settings) -> None:
    """Hatch stored pages and print the Markdown (it is kept in the history too)."""
    from ..config import load_settings
    from ..errors import HatcheryError
    from ..hatch import NothingToHatch
    from ..services.hatches import create_hatch

    folder = resolve_data_dir(data_dir)
    options = None
    if engine == "llm":
        # The same settings the server reads: config.toml, the same flags over it.
        options = llm_options(llm_config(load_settings(folder), **llm_settings), check=False)
        if options is None:
            raise click.ClickException(
                "No language model is set: pass --llm-url URL --llm-model NAME (or --llm "
                f"auto) to this command, or set llm_url and llm_model in {folder / 'config.toml'}"
                "; `hatchery models` lists the models on this machine.")
    store = open_store(folder, must_exist=True)
    try:
        stored = create_hatch(store, page_ids=page_ids, length=length, engine=engine,
                              options=options)
    except (HatcheryError, NothingToHatch) as error:
        raise click.ClickException(getattr(error, "message", str(error))) from None
    finally:
        store.close()
    click.echo(stored["result"]["markdown"])
