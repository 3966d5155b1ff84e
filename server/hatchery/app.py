"""The Flask application factory."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from . import __version__, security
from .config import (DATABASE_FILE, DEFAULT_MAX_BODY_BYTES, LOOPBACK_HOSTS, TOKEN_FILE,
                     TokenFile, default_data_dir, load_settings, read_token, secure_data_dir)
from .errors import HatcheryError
from . import db
from .services.extraction import install_worker
from .services.hatches.read_ahead import read_ahead_pages
from .services.upkeep import QUIET_SECONDS, SearchIndexMerger, TrashPurger
from .store import Store

LOGGER = logging.getLogger(__name__)


class AsciiIntConverter(IntegerConverter):
    """`<int:id>` in a URL: ASCII digits only (the default also takes "١"),
    and few enough that SQLite can hold the number; anything else is a 404."""

    regex = r"[0-9]{1,19}"


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then the data dir's config.toml or the test
    config, then the data folder, the database schema and the blueprints."""
    app = Flask(__name__)
    data_dir = Path((test_config or {}).get("DATA_DIR") or default_data_dir())
    app.config.from_mapping(
        DATA_DIR=str(data_dir),
        MAX_CONTENT_LENGTH=DEFAULT_MAX_BODY_BYTES,
        ALLOWED_HOSTS=LOOPBACK_HOSTS,
        EXTENSION_IDS=[],
        VERSION=__version__,
        JSON_SORT_KEYS=False,
    )
    if test_config is None:
        app.config.update(load_settings(data_dir))
    else:
        app.config.update(test_config)
    app.config["ALLOWED_HOSTS"] = tuple(h.lower() for h in app.config["ALLOWED_HOSTS"])
    secure_data_dir(data_dir)
    app.config.setdefault("DATABASE", str(data_dir / DATABASE_FILE))
    if not app.config.get("TOKEN"):
        # The token at start; requests check the file's current one.
        app.config["TOKEN"] = read_token(data_dir)
        app.extensions[security.TOKEN_FILE_KEY] = TokenFile(data_dir / TOKEN_FILE)

    store = Store(app.config["DATABASE"])
    try:
        store.migrate()
        store.undo_unfinished_imports()
        store.purge_trash()
        queued = store.count_queued_extractions()
        app.config["LIBRARY_COOKIE"] = security.cookie_name(store.install_id())
    finally:
        store.close()

    app.url_map.converters["int"] = AsciiIntConverter
    security.install(app)
    _register_errors(app)
    db.init_app(app)
    _install_upkeep(app)
    worker = install_worker(app, read_ahead=read_ahead_pages)
    if queued:  # pages captured before the last stop, still to extract
        worker.wake()

    from .api import blueprint as api

    app.register_blueprint(api)

    from .library import blueprint as library

    app.register_blueprint(library)
    return app


def _install_upkeep(app: Flask) -> None:
    purger = app.extensions["hatchery.trash_purger"] = TrashPurger()

    @app.before_request
    def purge_expired_trash():
        purger.purge_if_due(db.get_store())

    merger = app.extensions["hatchery.search_merger"] = SearchIndexMerger(
        app.config["DATABASE"],
        quiet_seconds=float(app.config.get("SEARCH_MERGE_QUIET_SECONDS", QUIET_SECONDS)))
    app.teardown_request(merger.request_ended)


def error_response(status: int, code: str, message: str):
    response = jsonify(error={"code": code, "message": message})
    response.status_code = status
    return response


def _register_errors(app: Flask) -> None:
    @app.errorhandler(HatcheryError)
    def domain_error(error: HatcheryError):
        response = error_response(error.status, error.code, error.message)
        if getattr(error, "retry_after", None):
            response.headers["Retry-After"] = str(error.retry_after)
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = (error.name or "error").lower().replace(" ", "_")
        response = error_response(error.code or 500, code, error.description or error.name)
        if error.code == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="hatchery"'
        return response

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        # The trace goes to the server's log, never to the client.
        LOGGER.exception("unexpected error")
        return error_response(500, "internal_error",
                              "Something went wrong inside Hatchery; the server log has the details.")
