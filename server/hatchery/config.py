"""Where Hatchery keeps its data, its token and its settings."""

from __future__ import annotations

import os
import secrets
import sys
import tomllib
from pathlib import Path

from platformdirs import user_data_dir

TOKEN_FILE = "token"
DATABASE_FILE = "hatchery.sqlite3"
CONFIG_FILE = "config.toml"

# Extracting a big page is fine; a body larger than this is a mistake or an
# attack on a server that any web page can reach.
DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def default_data_dir() -> Path:
    """HATCHERY_DATA_DIR, or the OS's per-user data folder."""
    configured = os.environ.get("HATCHERY_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    return Path(user_data_dir("hatchery", appauthor=False))


def load_settings(data_dir: Path) -> dict:
    """Settings from `config.toml` in the data dir, as Flask config keys.

    The file uses lower-case names (``max_body_bytes = 1048576``); they map to
    the upper-case config keys (``MAX_CONTENT_LENGTH`` for the body limit).
    """
    path = data_dir / CONFIG_FILE
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    settings = {key.upper(): value for key, value in raw.items()}
    if "MAX_BODY_BYTES" in settings:
        settings["MAX_CONTENT_LENGTH"] = settings.pop("MAX_BODY_BYTES")
    return settings


def read_token(data_dir: Path, *, rotate: bool = False) -> str:
    """The API token, created on first use; `rotate` replaces it."""
    path = data_dir / TOKEN_FILE
    if path.exists() and not rotate:
        token = path.read_text(encoding="utf-8").strip()
        if token:
            return token
    data_dir.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    # Create the file readable by the owner only before writing the secret.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(token + "\n")
    if sys.platform != "win32":
        os.chmod(path, 0o600)
    return token

