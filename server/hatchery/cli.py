"""The `hatchery` command: serve, token, hatch."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from .config import default_data_dir, extension_dir, read_token

DEFAULT_PORT = 8765

data_dir_option = click.option(
    "--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Where the database and token live (default: your OS's per-user data folder, "
         "or $HATCHERY_DATA_DIR).")


@click.group()
@click.version_option(package_name="hatchery")
def main() -> None:
    """Hatchery: your highlights, on your machine."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Keep it on loopback: the API is for this machine.")
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
def serve(host: str, port: int, threads: int, data_dir: Path | None, llm_url: str | None,
          llm_model: str | None, llm_context_tokens: int | None,
          llm_fallback: bool | None) -> None:
    """Start the companion server (waitress, a production WSGI server)."""
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
    click.echo("Press Ctrl+C to stop.", err=False)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


@main.command()
@click.option("--rotate", is_flag=True, help="Make a new token; the old one stops working.")
@data_dir_option
def token(rotate: bool, data_dir: Path | None) -> None:
    """Print the API token the extension needs."""
    click.echo(read_token(data_dir or default_data_dir(), rotate=rotate))
    if rotate:
        click.echo("Restart `hatchery serve` and paste the new token in the extension's options.",
                   err=True)


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
    from .config import DATABASE_FILE, load_settings
    from .errors import HatcheryError
    from .hatch import NothingToHatch
    from .hatching import create_hatch, engine_options
    from .store import Store

    folder = data_dir or default_data_dir()
    store = Store(folder / DATABASE_FILE)
    try:
        store.migrate()
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
