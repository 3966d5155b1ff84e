"""Pairing the extension: one-time codes (hashed), the failed attempts that
limit guessing, and the facts `hatchery status` reports (when the extension
last spoke to the server, how much the library holds)."""

from __future__ import annotations

from .base import StoreBase, now

EXTENSION_SEEN = "extension_seen_at"


class Pairing(StoreBase):
    def add_pairing_code(self, code_hash: str, expires_at: str) -> None:
        """Keep a new code's hash; expired codes go."""
        with self.transaction():
            self.conn.execute("DELETE FROM pairing_codes WHERE expires_at < ?", (now(),))
            self.conn.execute(
                "INSERT OR REPLACE INTO pairing_codes (code_hash, expires_at) VALUES (?, ?)",
                (code_hash, expires_at))

    def use_pairing_code(self, code_hash: str) -> bool:
        """True once for a live code; the code is gone after this call."""
        with self.transaction():
            row = self.conn.execute(
                "DELETE FROM pairing_codes WHERE code_hash = ? RETURNING expires_at",
                (code_hash,)).fetchone()
        return row is not None and row["expires_at"] >= now()

    def add_pairing_failure(self, *, keep_since: str) -> None:
        """Count one wrong code; failures before `keep_since` are forgotten."""
        with self.transaction():
            self.conn.execute("DELETE FROM pairing_failures WHERE at < ?", (keep_since,))
            self.conn.execute("INSERT INTO pairing_failures (at) VALUES (?)", (now(),))

    def pairing_failures_since(self, since: str) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM pairing_failures WHERE at >= ?",
                                 (since,)).fetchone()[0]

    def drop_pairing_codes(self) -> None:
        """Burn every outstanding code (after too many wrong guesses)."""
        with self.transaction():
            self.conn.execute("DELETE FROM pairing_codes")

    def fact(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM server_facts WHERE key = ?",
                                (key,)).fetchone()
        return row["value"] if row else None

    def set_fact(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO server_facts (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def library_counts(self) -> dict:
        """How many pages and highlights the library holds."""
        row = self.conn.execute(
            "SELECT (SELECT COUNT(*) FROM pages) AS pages,"
            " (SELECT COUNT(*) FROM highlights) AS highlights").fetchone()
        return {"pages": row["pages"], "highlights": row["highlights"]}
