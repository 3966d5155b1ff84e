"""Where Hatchery keeps its data, its token and its settings."""

from __future__ import annotations

import ipaddress
import os
import secrets
import stat
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

# Files the server and the CLI create are the person's alone: 0600 files,
# 0700 folders, whatever the shell's umask says.
PRIVATE_UMASK = 0o077
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


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
    """The API token, created on first use; `rotate` replaces it.

    A new token is written to a temporary file and renamed over the old
    one, so a running server (see `TokenFile`) never reads half a token."""
    path = data_dir / TOKEN_FILE
    if path.exists() and not rotate:
        token = path.read_text(encoding="utf-8").strip()
        if token:
            return token
    make_private_dir(data_dir)
    token = secrets.token_urlsafe(32)
    fresh = path.with_name(f".{TOKEN_FILE}.{secrets.token_hex(4)}")
    fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(token + "\n")
    os.replace(fresh, path)
    return token


class TokenFile:
    """The token the token file holds now, re-read when the file changes
    (one `stat` per request), so `hatchery token --rotate` takes effect on
    the next request and the old token stops working at once.

    :param path: the data folder's token file
    """

    def __init__(self, path: Path):
        self.path = path
        self._seen: tuple[tuple[int, int, int], str] | None = None

    def current(self) -> str:
        """The token, or the last one read if the file has gone."""
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return self._seen[1] if self._seen else ""
        key = (info.st_ino, info.st_mtime_ns, info.st_size)
        seen = self._seen  # one read: another thread may replace it
        if seen is None or seen[0] != key:
            token = self.path.read_text(encoding="utf-8").strip()
            seen = self._seen = (key, token)
        return seen[1]


def make_private_dir(path: Path) -> None:
    """Create `path` (and its parents) 0700, and make it 0700 if it was not."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if stat.S_IMODE(path.stat().st_mode) != PRIVATE_DIR_MODE:
        path.chmod(PRIVATE_DIR_MODE)


def secure_data_dir(data_dir: Path) -> None:
    """Make the data folder private: the folder 0700 and the files in it
    (database, token, settings) readable by their owner only. Older
    versions left 0755 and 0644 behind; this fixes them on start. Only the
    folder's own files: it may be a folder the person chose, with more in it.

    :param data_dir: the data folder, created when missing
    """
    make_private_dir(data_dir)
    for path in data_dir.iterdir():
        info = path.lstat()
        if stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) & 0o077:
            path.chmod(PRIVATE_FILE_MODE)


def bind_refusal(host: str, allow_remote: bool) -> str | None:
    """Why `serve --host HOST` must not start, or None when it may.

    Anything but a loopback address lets other machines reach the API, so
    it needs the person's explicit `--allow-remote`.

    :param host: the address to listen on
    :param allow_remote: the person passed --allow-remote
    """
    if allow_remote or _is_loopback(host):
        return None
    return (f"Refusing to listen on {host}: other machines could reach your highlights. "
            "Use --host 127.0.0.1, or add --allow-remote if you mean it.")


def _is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it could resolve to anything


def extension_dir() -> Path | None:
    """The bundled extension's folder, when Hatchery runs from a checkout."""
    candidate = Path(__file__).resolve().parents[2] / "extension"
    return candidate if (candidate / "manifest.json").exists() else None
