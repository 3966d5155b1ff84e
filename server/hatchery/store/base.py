"""The connection every part of the store shares, its transactions, and the
small conversions between SQLite rows and the dicts the rest of Hatchery
reads."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from ..errors import BusyError
from . import passages

# How long a writer waits for another writer before giving up. Captures are
# short transactions, so a few seconds covers any burst a browser makes.
BUSY_TIMEOUT_MS = 5000

# SQLite integers are 64-bit; a larger id in a URL names nothing.
MAX_ROWID = 2**63 - 1


def now() -> str:
    """The current UTC time as ISO 8601 with a Z, second precision."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# Held while a database file is made, so no connection of this process
# opens it before the descriptor that made it is closed.
_CREATING = threading.Lock()


def create_private(path: Path) -> None:
    """Make the database file 0600 when it does not exist yet: SQLite gives
    -wal and -shm the database file's mode, so all three stay private.

    An existing file is never opened here. Closing any descriptor of a file
    drops every POSIX lock this process holds on it, the locks of the other
    connections too (each server thread has its own): another process
    closing its connection then thinks it was the last, checkpoints and
    deletes the -wal and -shm files under ours ("disk I/O error", and a
    commit not yet checkpointed may be lost; SQLite's "How To Corrupt An
    SQLite Database File", 2.2).
    """
    with _CREATING:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return
        os.close(fd)


class StoreBase:
    """One SQLite connection in autocommit mode; every write goes through
    `transaction()`, so a statement is either part of an explicit
    transaction or committed on its own, never left pending.

    :param path: the database file; created with its folder when missing
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        create_private(self.path)
        self.conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
        self.conn.row_factory = sqlite3.Row
        # The schema's triggers call it on every write of an article.
        self.conn.create_function(passages.SQL_FUNCTION, 1, passages.spans_json,
                                  deterministic=True)
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # NORMAL is durable against a killed process in WAL mode; only a
        # power cut can lose the last commits, and it never corrupts.
        self.conn.execute("PRAGMA synchronous = NORMAL")

    def close(self) -> None:
        self.conn.close()

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def rollback(self) -> None:
        """Undo a transaction left open (the request's teardown calls this)."""
        self.conn.rollback()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; IMMEDIATE so two writers never deadlock.

        :raises BusyError: another writer kept the write lock past
            BUSY_TIMEOUT_MS (SQLite's "database is locked")
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise BusyError("The database is busy with a long write (an import); "
                                "nothing was saved, send it again in a moment.") from error
            raise
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")


def rowid(value: int) -> int:
    """An id as SQLite can bind it; out-of-range ids match no row (-1)."""
    return value if -MAX_ROWID <= value <= MAX_ROWID else -1


def page_dict(row: sqlite3.Row, *, with_article: bool = True) -> dict:
    page = dict(row)
    article = page.pop("article", None)
    if with_article:
        page["article"] = json.loads(article) if article else None
    else:
        page.pop("article_text", None)  # lists stay small
    return page


def highlight_dict(row: sqlite3.Row) -> dict:
    highlight = dict(row)
    highlight["tags"] = json.loads(highlight["tags"])
    context = highlight.get("context")
    highlight["context"] = json.loads(context) if context else None
    return highlight


def hatch_dict(row: sqlite3.Row, *, with_result: bool = True) -> dict:
    hatch = dict(row)
    hatch["page_ids"] = json.loads(hatch["page_ids"])
    hatch["highlight_ids"] = json.loads(hatch["highlight_ids"])
    result = hatch.pop("result")
    if with_result:
        hatch["result"] = json.loads(result)
    return hatch
