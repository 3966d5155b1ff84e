"""`hatchery serve`: start the server, say where it runs, how to connect
the extension (a one-time pairing code, never the token), and record it so
every other command finds it."""

from __future__ import annotations

import errno
import logging
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..config import bind_refusal, default_data_dir
from ..extension_files import extension_dir
from .common import DEFAULT_PORT, SERVER_URL_FILE, data_dir_option, is_up
from .llm import llm_config, llm_flags, llm_options

# Windows reports a port in use with its own number.
ADDRESS_IN_USE = {errno.EADDRINUSE, 10048}


# Waitress reads requests in its event loop, so a slow client costs a
# socket, not a thread: what locks the extension out is the connection limit
# (100 by default; ~98 trickling sockets reach it). A browser page can hold
# a few hundred sockets at most, so a limit well past that keeps captures
# flowing; poll() because select() stops at 1024 descriptors; idle sockets
# are closed after 30 s instead of 120, checked every 10 s.
WAITRESS_SETTINGS = {
    "connection_limit": 2000,
    "asyncore_use_poll": True,
    "channel_timeout": 30,
    "cleanup_interval": 10,
    "backlog": 2048,
}


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Keep it on loopback: the API is for this machine.")
@click.option("--allow-remote", is_flag=True,
              help="Allow a --host other machines can reach (the token is all that guards it).")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int,
              help="Port to listen on; 0 picks a free one.")
@click.option("--threads", default=8, show_default=True, type=int)
@data_dir_option
@llm_flags
@click.option("--service", is_flag=True,
              help="Run as a login service: log only, never a pairing code (`hatchery "
                   "service install` uses this).")
@click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the log to this file instead of the terminal.")
def serve(host: str, allow_remote: bool, port: int, threads: int, data_dir: Path | None,
          service: bool, log_file: Path | None, **llm_settings) -> None:
    """Start the companion server (waitress, a production WSGI server)."""
    if refusal := bind_refusal(host, allow_remote):
        raise click.UsageError(refusal)
    from waitress.server import create_server

    from ..app import create_app
    from ..config import load_settings

    _set_up_logging(log_file)
    data_dir = data_dir or default_data_dir()
    # config.toml first, then the command line's llm options over it.
    config = llm_config({**load_settings(data_dir), "DATA_DIR": str(data_dir)}, **llm_settings)
    # A model the server does not list stops the start, naming the ones it has.
    llm = llm_options(config, check=True)
    app = create_app(config)
    try:
        _allow_open_files(WAITRESS_SETTINGS["connection_limit"] + 64)
        server = create_server(app, host=host, port=port, threads=threads,
                               max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 1024,
                               **WAITRESS_SETTINGS)
    except OSError as error:
        raise click.ClickException(_listen_failure(error, host, port)) from None
    url = f"http://{host}:{server.effective_port}"
    # Recorded before the first line is printed: whoever reads "listening
    # on" can already find it.
    with _recorded(url, Path(app.config["DATA_DIR"]), service=service):
        _announce(app, url, llm, service=service)
        _warm_up_in_background(app.config["DATABASE"])
        _run(server)


def _warm_up_in_background(database: str) -> None:
    """Load what the first hatch would load (the part-of-speech tagger's
    lexicon, the word frequencies: see `hatch.warm`), then read the latest
    pages ahead for it, while the person is still connecting the
    extension."""
    import threading

    from ..hatch.warm import warm_up
    from ..services.hatches.read_ahead import read_ahead_latest

    def warm() -> None:
        warm_up()
        try:
            read_ahead_latest(database)
        except Exception:  # a slow first Hatch, never a server that fails to start
            logging.getLogger(__name__).exception("reading the latest pages ahead failed")

    threading.Thread(target=warm, name="hatch-warm-up", daemon=True).start()


def _allow_open_files(wanted: int) -> None:
    """Raise this process's open-file limit (often 1024) toward `wanted`."""
    try:
        import resource
    except ImportError:  # not on Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def _set_up_logging(log_file: Path | None) -> None:
    options = {"level": logging.INFO,
               "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        options["filename"] = str(log_file)
    logging.basicConfig(**options)


def _listen_failure(error: OSError, host: str, port: int) -> str:
    """One line for a port that cannot be had."""
    if error.errno in ADDRESS_IN_USE:
        url = f"http://{host}:{port}"
        if is_up(url):
            return (f"Hatchery already runs at {url}: `hatchery status` says more; to run "
                    f"a second one, pick another port with --port {port + 1}.")
        return (f"Port {port} is in use by another program: start Hatchery on another with "
                f"`hatchery serve --port {port + 1}` (and put that address in the "
                "extension's options).")
    if error.errno == errno.EACCES:
        return f"Not allowed to listen on port {port}: choose one above 1023 with --port."
    return f"Cannot listen on {host}:{port}: {error.strerror or error}."


def _announce(app, url: str, llm, *, service: bool) -> None:
    """Say where the server runs and how to connect the extension. As a
    service (its output goes to a log), no pairing code: a secret never
    lands in a log."""
    from ..db import get_store
    from ..extension_files import is_packaged
    from ..services.pairing import PAIRING_CODE_SECONDS, new_pairing_code

    click.echo(f"Hatchery is listening on {url}")
    click.echo(f"Data folder: {app.config['DATA_DIR']}")
    if llm is not None:
        key = "with an API key" if llm.api_key else "without an API key"
        fallback = "on" if llm.fallback else "off"
        click.echo(f"Language model: {llm.model} at {llm.display_url}, {key}; "
                   f"fallback to the offline engine {fallback}")
    if service:
        click.echo("Running as a service; `hatchery pair` shows a code to connect the extension.")
        return
    ext = extension_dir()
    if ext:
        where = "installed with the package" if is_packaged(ext) else "this checkout's"
        click.echo(f"Extension folder ({where}): {ext}")
        click.echo("  Chromium: chrome://extensions -> Developer mode -> Load unpacked -> "
                   "that folder")
        click.echo("  Firefox: about:debugging -> This Firefox -> Load Temporary Add-on -> "
                   "manifest.json")
    with app.app_context():
        code = new_pairing_code(get_store())
    click.echo(f"Pairing code: {code}")
    click.echo(f"  Enter it in the extension's options (it works once, within "
               f"{PAIRING_CODE_SECONDS // 60} minutes; `hatchery pair` makes another).")
    click.echo("Open your library with `hatchery open`. Press Ctrl+C to stop.")


@contextmanager
def _recorded(url: str, data_dir: Path, *, service: bool) -> Iterator[None]:
    """Record the server in the state folder (and its data folder) while it runs."""
    from datetime import datetime, timezone

    from ..runtime import ServerRecord, forget_record, write_record

    url_file = data_dir / SERVER_URL_FILE
    url_file.write_text(url + "\n", encoding="utf-8")
    started = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    write_record(ServerRecord(url=url, data_dir=str(data_dir), pid=os.getpid(),
                              started_at=started, service=service))
    try:
        yield
    finally:
        url_file.unlink(missing_ok=True)
        forget_record(os.getpid())


def _run(server) -> None:
    """Serve until Ctrl+C or SIGTERM."""
    # SIGTERM (systemd, launchd, a test) ends the loop like Ctrl+C, so the
    # record is removed on the way out.
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
