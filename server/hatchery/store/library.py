"""What the web library keeps: one-time login codes and sessions."""

from __future__ import annotations

from .base import StoreBase, now


class Library(StoreBase):
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
