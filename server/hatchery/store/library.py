"""What the web library keeps: one-time login codes, sessions, and a trash
that makes deleting a highlight undoable."""

from __future__ import annotations

import json

from ..errors import NotFoundError
from .base import now
from .highlights import Highlights

# Deleted highlights stay this long in the trash, for "undo".
TRASH_DAYS = 7


class Library(Highlights):
    def add_login_code(self, code_hash: str, expires_at: str) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM login_codes WHERE expires_at < ?", (now(),))
            self.conn.execute("INSERT INTO login_codes (code_hash, expires_at) VALUES (?, ?)",
                              (code_hash, expires_at))

    def use_login_code(self, code_hash: str) -> bool:
        """True once for a code that exists and has not expired; the code is
        gone after this call either way."""
        with self.transaction():
            row = self.conn.execute(
                "DELETE FROM login_codes WHERE code_hash = ? RETURNING expires_at",
                (code_hash,)).fetchone()
        return row is not None and row["expires_at"] >= now()

    def add_session(self, id_hash: str, port: int, expires_at: str) -> None:
        """Keep a new session, made for the server listening on `port`."""
        with self.transaction():
            self.conn.execute("DELETE FROM library_sessions WHERE expires_at < ?", (now(),))
            self.conn.execute(
                "INSERT INTO library_sessions (id_hash, port, created_at, expires_at)"
                " VALUES (?, ?, ?, ?)", (id_hash, port, now(), expires_at))

    def find_session(self, id_hash: str, port: int) -> dict | None:
        """The live session with this hash made for `port`, or None."""
        row = self.conn.execute(
            "SELECT * FROM library_sessions WHERE id_hash = ? AND port = ? AND expires_at >= ?",
            (id_hash, port, now())).fetchone()
        return dict(row) if row else None

    def install_id(self) -> str:
        """This install's random id (made by the migration that added it)."""
        return self.conn.execute("SELECT id FROM install").fetchone()["id"]

    def delete_session(self, id_hash: str) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM library_sessions WHERE id_hash = ?", (id_hash,))

    def trash_highlight(self, highlight_id: str) -> dict:
        """Delete a highlight but keep it in the trash so it can come back;
        returns the deleted highlight. Trash older than TRASH_DAYS goes."""
        highlight = self.get_highlight(highlight_id)
        with self.transaction():
            row = self.conn.execute(
                "SELECT * FROM highlights WHERE id = ?", (highlight_id,)).fetchone()
            self.conn.execute(
                "INSERT OR REPLACE INTO trash (highlight_id, data, deleted_at) VALUES (?, ?, ?)",
                (highlight_id, json.dumps(dict(row)), now()))
            self.conn.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,))
            self._remember_deleted(highlight_id)
            self.conn.execute(
                "DELETE FROM trash WHERE deleted_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?)",
                (f"-{TRASH_DAYS} days",))
        return highlight

    def restore_highlight(self, highlight_id: str) -> dict:
        """Bring a trashed highlight back, as it was."""
        with self.transaction():
            row = self.conn.execute(
                "SELECT data FROM trash WHERE highlight_id = ?", (highlight_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"highlight {highlight_id} is not in the trash")
            data = json.loads(row["data"])
            if self.conn.execute("SELECT 1 FROM pages WHERE id = ?",
                                 (data["page_id"],)).fetchone() is None:
                raise NotFoundError(f"the page of highlight {highlight_id} was deleted")
            # The column names are the ones trash_highlight read from the table.
            columns = ", ".join(f'"{c}"' for c in data)
            self.conn.execute(
                f"INSERT OR IGNORE INTO highlights ({columns}) VALUES"
                f" ({', '.join('?' for _ in data)})", tuple(data.values()))
            self.conn.execute("DELETE FROM trash WHERE highlight_id = ?", (highlight_id,))
            self.conn.execute("DELETE FROM deleted_highlights WHERE id = ?", (highlight_id,))
        return self.get_highlight(highlight_id)
