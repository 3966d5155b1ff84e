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
def serve(host: str, port: int, threads: int, data_dir: Path | None) -> None:
    """Start the companion server (waitress, a production WSGI server)."""
    from waitress.server import create_server

    from .app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app({"DATA_DIR": str(data_dir)} if data_dir else None)
    server = create_server(app, host=host, port=port, threads=threads,
                           max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 1024)
    url = f"http://{host}:{server.effective_port}"
    ext = extension_dir()
    click.echo(f"Hatchery is listening on {url}")
    click.echo(f"Data folder: {app.config['DATA_DIR']}")
    click.echo(f"Token: {app.config['TOKEN']}")
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
@data_dir_option
def hatch_command(page_ids: tuple[int, ...], length: str, data_dir: Path | None) -> None:
    """Hatch stored pages and print the Markdown (it is kept in the history too)."""
    from .config import DATABASE_FILE
    from .errors import HatcheryError
    from .hatch import NothingToHatch
    from .hatching import create_hatch
    from .store import Store

    store = Store((data_dir or default_data_dir()) / DATABASE_FILE)
    try:
        store.migrate()
        stored = create_hatch(store, page_ids=page_ids, length=length)
    except (HatcheryError, NothingToHatch) as error:
        raise click.ClickException(getattr(error, "message", str(error))) from None
    finally:
        store.close()
    click.echo(stored["result"]["markdown"])


if __name__ == "__main__":
    main()
