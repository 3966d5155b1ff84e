"""Where the running server is: `hatchery serve` records its URL, data
folder and process id in the per-user state folder, so every other command
finds the server (and its data) without being told.

The record is a small JSON file readable by the user only. A record whose
process is gone is stale and ignored: a killed server leaves one behind.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from platformdirs import user_state_dir

RECORD_FILE = "server.json"


@dataclass
class ServerRecord:
    """A running `hatchery serve`: where it listens and what it serves."""

    url: str
    data_dir: str
    pid: int
    started_at: str
    service: bool = False


def state_dir() -> Path:
    """HATCHERY_STATE_DIR, or the OS's per-user state folder."""
    configured = os.environ.get("HATCHERY_STATE_DIR")
    if configured:
        return Path(configured).expanduser()
    return Path(user_state_dir("hatchery", appauthor=False))


def record_path() -> Path:
    return state_dir() / RECORD_FILE


def write_record(record: ServerRecord) -> Path:
    """Record the running server (0600 in a 0700 folder).

    :param record: this process's server
    """
    folder = state_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / RECORD_FILE
    partial = folder / f".{RECORD_FILE}.{os.getpid()}"
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(asdict(record), handle)
    os.replace(partial, path)  # a reader never sees half a record
    return path


def read_record() -> ServerRecord | None:
    """The recorded server if its process still runs, else None."""
    try:
        raw = json.loads(record_path().read_text(encoding="utf-8"))
        record = ServerRecord(**raw)
    except (OSError, ValueError, TypeError):
        return None
    return record if process_alive(record.pid) else None


def forget_record(pid: int) -> None:
    """Remove the record when it is this process's (a newer server may have
    replaced it)."""
    path = record_path()
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == pid:
            path.unlink()
    except (OSError, ValueError, AttributeError):
        pass


def process_alive(pid: int) -> bool:
    """True when a process with this id exists."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        # os.kill(pid, 0) would terminate it on Windows; the caller checks the
        # URL answers instead.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, belongs to someone else
    return True
