"""The schema: the code that runs the numbered migrations (migrations.py)."""

from __future__ import annotations

import sqlite3

from .base import StoreBase
from .migrations import MIGRATIONS


class Schema(StoreBase):
    def migrate(self) -> int:
        """Bring the schema up to date; returns the schema version."""
        self.conn.execute("PRAGMA journal_mode = WAL")
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        for number, (_name, script) in enumerate(MIGRATIONS, start=1):
            if number <= version:
                continue
            # executescript would commit on its own; run the statements in
            # one explicit transaction so a failed migration leaves nothing.
            with self.transaction():
                for statement in split_sql(script):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number}")
            version = number
        return version

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]


def split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in script.splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current).strip())
    return statements
