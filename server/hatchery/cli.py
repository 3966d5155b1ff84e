"""The `hatchery` command: serve, token, open, export, import."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from .config import (DATABASE_FILE, PRIVATE_UMASK, bind_refusal, default_data_dir,
                     extension_dir, read_token)

# `serve` writes its address here so `open` finds a server on any port.
SERVER_URL_FILE = "server-url"

DEFAULT_PORT = 8765

data_dir_option = click.option(
    "--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Where the database and token live (default: your OS's per-user data folder, "
         "or $HATCHERY_DATA_DIR).")


@click.group()
@click.version_option(package_name="hatchery")
def main() -> None:
    """Hatchery: your highlights, on your machine."""
    # Everything a command writes (database, token, exports) is the person's alone.
    os.umask(PRIVATE_UMASK)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Keep it on loopback: the API is for this machine.")
@click.option("--allow-remote", is_flag=True,
              help="Allow a --host other machines can reach (the token is all that guards it).")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int,
              help="Port to listen on; 0 picks a free one.")
@click.option("--threads", default=8, show_default=True, type=int)
@data_dir_option
@click.option("--llm-url", default=None, metavar="URL",
              help="An OpenAI-compatible endpoint to hatch with, e.g. http://127.0.0.1:11434/v1 "
                   "(Ollama). The API key, if it needs one, is read from $HATCHERY_LLM_API_KEY.")
@click.option("--llm-model", default=None, metavar="NAME", help="The model to ask, e.g. llama3.1:8b.")
@click.option("--llm-context-tokens", default=None, type=click.IntRange(min=512), metavar="N",
              help="The model's context window; highlights are packed to fit it (default 4096).")
@click.option("--llm-fallback/--no-llm-fallback", default=None,
              help="When the model fails, hatch with the offline engine instead (default on).")
def serve(host: str, allow_remote: bool, port: int, threads: int, data_dir: Path | None,
          llm_url: str | None, llm_model: str | None, llm_context_tokens: int | None,
          llm_fallback: bool | None) -> None:
    """Start the companion server (waitress, a production WSGI server)."""
    if refusal := bind_refusal(host, allow_remote):
        raise click.UsageError(refusal)
    from waitress.server import create_server

    from .app import create_app
    from .config import load_settings
    from .hatch.llm import options_from_config

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    data_dir = data_dir or default_data_dir()
    # config.toml first, then the command line's llm options over it.
    config = {**load_settings(data_dir), "DATA_DIR": str(data_dir)}
    overrides = {"LLM_URL": llm_url, "LLM_MODEL": llm_model,
                 "LLM_CONTEXT_TOKENS": llm_context_tokens, "LLM_FALLBACK": llm_fallback}
    config.update({k: v for k, v in overrides.items() if v is not None})
    try:
        llm = options_from_config(config)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if bool(config.get("LLM_URL")) != bool(config.get("LLM_MODEL")):
        raise click.ClickException("Give both --llm-url and --llm-model (or llm_url and "
                                   "llm_model in config.toml) to hatch with a language model.")
    app = create_app(config)
    server = create_server(app, host=host, port=port, threads=threads,
                           max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 1024)
    url = f"http://{host}:{server.effective_port}"
    url_file = Path(app.config["DATA_DIR"]) / SERVER_URL_FILE
    url_file.write_text(url + "\n", encoding="utf-8")
    ext = extension_dir()
    click.echo(f"Hatchery is listening on {url}")
    click.echo(f"Data folder: {app.config['DATA_DIR']}")
    click.echo(f"Token: {app.config['TOKEN']}")
    if llm is not None:
        key = "with an API key" if llm.api_key else "without an API key"
        fallback = "on" if llm.fallback else "off"
        click.echo(f"Language model: {llm.model} at {llm.display_url}, {key}; "
                   f"fallback to the offline engine {fallback}")
    if ext:
        click.echo(f"Load the extension from: {ext}")
        click.echo("  Chromium: chrome://extensions -> Developer mode -> Load unpacked -> that folder")
        click.echo("  Firefox: about:debugging -> This Firefox -> Load Temporary Add-on -> manifest.json")
    click.echo(f"Then open the extension's options and paste the URL {url} and the token.",
               nl=True)
    click.echo("Open your library with `hatchery open`.")
    click.echo("Press Ctrl+C to stop.", err=False)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        url_file.unlink(missing_ok=True)


@main.command()
@click.option("--rotate", is_flag=True, help="Make a new token; the old one stops working.")
@data_dir_option
def token(rotate: bool, data_dir: Path | None) -> None:
    """Print the API token the extension needs."""
    click.echo(read_token(data_dir or default_data_dir(), rotate=rotate))
    if rotate:
        click.echo("The old token stops working now, also on a running server; paste the "
                   "new one in the extension's options.", err=True)


def _open_store(data_dir: Path | None):
    from .store import Store

    store = Store((data_dir or default_data_dir()) / DATABASE_FILE)
    store.migrate()
    return store


@main.command("open")
@click.option("--url", default=None,
              help="The server's address (default: the one `hatchery serve` is running on, "
                   f"else http://127.0.0.1:{DEFAULT_PORT}).")
@click.option("--no-browser", is_flag=True, help="Only print the link.")
@data_dir_option
def open_library(url: str | None, no_browser: bool, data_dir: Path | None) -> None:
    """Open the library in your browser, logged in by a one-time link."""
    import webbrowser

    from .services.logins import LOGIN_CODE_SECONDS, new_login_code

    data_dir = data_dir or default_data_dir()
    if url is None:
        url_file = data_dir / SERVER_URL_FILE
        url = url_file.read_text(encoding="utf-8").strip() if url_file.exists() else \
            f"http://127.0.0.1:{DEFAULT_PORT}"
    if not _is_up(url):
        click.echo(f"No Hatchery server answers at {url}: start it with `hatchery serve`, "
                   "then run `hatchery open` again.", err=True)
        raise SystemExit(1)
    store = _open_store(data_dir)
    try:
        code = new_login_code(store)
    finally:
        store.close()
    link = f"{url.rstrip('/')}/login?code={code}"
    click.echo(f"Your library: {link}")
    click.echo(f"(the link logs you in once, within {LOGIN_CODE_SECONDS // 60} minutes)", err=True)
    if not no_browser:
        webbrowser.open(link)


def _is_up(url: str) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(url.rstrip("/") + "/api/health", timeout=3) as response:
            return response.status == 200
    except OSError:
        return False


@main.command("export")
@click.option("--format", "fmt", required=True,
              type=click.Choice(["json", "markdown", "csv", "jsonld", "hatch"]),
              help="json: everything, lossless; markdown: one file per page (a folder, or a "
                   "zip when PATH ends in .zip); csv: one row per highlight; jsonld: W3C Web "
                   "Annotation; hatch: one hatch as Markdown (with --hatch).")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="The file (or, for markdown, the folder or .zip) to write; - for stdout.")
@click.option("--hatch", "hatch_id", type=int, default=None, help="The hatch to export.")
@data_dir_option
def export_command(fmt: str, out: Path, hatch_id: int | None, data_dir: Path | None) -> None:
    """Export your library, or one hatch."""
    from .errors import HatcheryError
    from .services import exports

    if fmt == "hatch" and hatch_id is None:
        raise click.UsageError("--format hatch needs --hatch ID (see the library's "
                               "hatch history).")
    store = _open_store(data_dir)
    try:
        if fmt == "markdown" and str(out) != "-" and out.suffix.lower() != ".zip":
            out.mkdir(parents=True, exist_ok=True)
            files = exports.markdown_files(store)
            for name, text in files.items():
                (out / name).write_text(text, encoding="utf-8")
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


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_dir_option
def import_command(file: Path, data_dir: Path | None) -> None:
    """Import highlights: Glasp or Hypothesis JSON, Kindle's My Clippings.txt, or
    Hatchery's own JSON or JSON-LD export. The format is detected; importing
    the same file twice adds nothing; a bad file imports nothing."""
    from .importers import ImportFailed, parse
    from .services.imports import describe_import, import_bytes

    raw = file.read_bytes()
    try:
        parsed = parse(raw)
    except ImportFailed as error:
        raise click.ClickException(f"{file}: {error.message}") from None
    store = _open_store(data_dir)
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


@main.command("hatch")
@click.option("--pages", "page_ids", type=int, multiple=True, required=True,
              help="A page id to hatch; repeat for several (ids are in the library and /api/pages).")
@click.option("--length", type=click.Choice(["short", "medium", "long"]), default="short",
              show_default=True)
@click.option("--engine", type=click.Choice(["local", "llm"]), default="local", show_default=True,
              help="llm uses the model set in the data folder's config.toml (llm_url, llm_model).")
@data_dir_option
def hatch_command(page_ids: tuple[int, ...], length: str, engine: str,
                  data_dir: Path | None) -> None:
    """Hatch stored pages and print the Markdown (it is kept in the history too)."""
    from .config import load_settings
    from .errors import HatcheryError
    from .hatch import NothingToHatch
    from .services.hatches import create_hatch, engine_options

    folder = data_dir or default_data_dir()
    store = _open_store(folder)
    try:
        options = engine_options(load_settings(folder), engine)
        stored = create_hatch(store, page_ids=page_ids, length=length, engine=engine,
                              options=options)
    except (HatcheryError, NothingToHatch) as error:
        raise click.ClickException(getattr(error, "message", str(error))) from None
    finally:
        store.close()
    click.echo(stored["result"]["markdown"])


if __name__ == "__main__":
    main()
