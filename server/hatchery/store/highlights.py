"""Highlights: one row per client UUID, on one page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..errors import NotFoundError
from .base import StoreBase, highlight_dict, now
from .records import HighlightRecord

# Only these columns change after a highlight is made.
EDITABLE = frozenset({"color", "note", "tags"})


class Highlights(StoreBase):
    def add_highlight(self, page_id: int, record: HighlightRecord) -> tuple[dict, bool]:
        """Store a highlight once; returns it and whether it is new.

        Idempotent on the client's id: a capture resent by the extension's
        outbox answers with what is already stored.
        """
        with self.transaction():
            created = self._insert_highlight(page_id, record, now())
        return self.get_highlight(record.id), created

    def _insert_highlight(self, page_id: int, record: HighlightRecord, stamp: str) -> bool:
        """Insert inside the caller's transaction; False when the id is taken.

        :param stamp: the time for a record that brings none
        """
        created_at = record.created_at or stamp
        cur = self.conn.execute(
            'INSERT INTO highlights (id, page_id, exact, prefix, suffix, start, "end",'
            " color, note, tags, context, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO NOTHING",
            (record.id, page_id, record.exact, record.prefix, record.suffix, record.start,
             record.end, record.color, record.note, json.dumps(list(record.tags)),
             json.dumps(record.context) if record.context is not None else None,
             created_at, record.updated_at or created_at))
        return cur.rowcount == 1

    def _insert_highlights(self, page_id: int, records: Sequence[HighlightRecord],
                           stamp: str) -> None:
        """Insert new highlights together, inside the caller's transaction.
        Unlike `_insert_highlight` a taken id is an error (IntegrityError):
        the caller has checked, and a miscount would be worse.

        :param stamp: the time for a record that brings none
        """
        self.conn.executemany(
            'INSERT INTO highlights (id, page_id, exact, prefix, suffix, start, "end",'
            " color, note, tags, context, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.id, page_id, r.exact, r.prefix, r.suffix, r.start, r.end, r.color, r.note,
              json.dumps(list(r.tags)),
              json.dumps(r.context) if r.context is not None else None,
              r.created_at or stamp, r.updated_at or r.created_at or stamp) for r in records])

    def find_highlight(self, highlight_id: str) -> dict | None:
        row = self.conn.execute(
            "SELECT h.*, p.url, p.title AS page_title FROM highlights h"
            " JOIN pages p ON p.id = h.page_id WHERE h.id = ?", (highlight_id,)).fetchone()
        return highlight_dict(row) if row else None

    def get_highlight(self, highlight_id: str) -> dict:
        found = self.find_highlight(highlight_id)
        if found is None:
            raise NotFoundError(f"highlight {highlight_id} does not exist")
        return found

    def highlights_for_page(self, page_id: int) -> list[dict]:
        rows = self.conn.execute(
            "SELECT h.*, p.url, p.title AS page_title FROM highlights h"
            " JOIN pages p ON p.id = h.page_id WHERE h.page_id = ?"
            " ORDER BY h.start IS NULL, h.start, h.created_at", (page_id,)).fetchall()
        return [highlight_dict(r) for r in rows]

    def highlights_by_ids(self, ids: Sequence[str]) -> list[dict]:
        """The highlights with these ids, in their order, in one query.

        :raises NotFoundError: naming the first id that is not stored
        """
        rows = self.conn.execute(
            "SELECT h.*, p.url, p.title AS page_title FROM highlights h"
            " JOIN pages p ON p.id = h.page_id"
            " WHERE h.id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),))
        found = {row["id"]: highlight_dict(row) for row in rows}
        for highlight_id in ids:
            if highlight_id not in found:
                raise NotFoundError(f"highlight {highlight_id} does not exist")
        return [found[highlight_id] for highlight_id in ids]

    def update_highlight(self, highlight_id: str, changes: dict[str, Any]) -> dict:
        """Change a highlight's color, note or tags; other keys are ignored."""
        values = {k: v for k, v in changes.items() if k in EDITABLE}
        if "tags" in values:
            values["tags"] = json.dumps(list(values["tags"]))
        if values:
            # Column names come from EDITABLE, never from the caller.
            assignments = ", ".join(f"{name} = :{name}" for name in sorted(values))
            with self.transaction():
                cur = self.conn.execute(
                    f"UPDATE highlights SET {assignments}, updated_at = :stamp"
                    " WHERE id = :id", {**values, "stamp": now(), "id": highlight_id})
            if cur.rowcount == 0:
                raise NotFoundError(f"highlight {highlight_id} does not exist")
        return self.get_highlight(highlight_id)

    def _remember_deleted(self, highlight_id: str) -> None:
        """A tombstone: a resend of the original capture cannot bring the
        highlight back (restoring it from the trash lifts it)."""
        self.conn.execute(
            "INSERT OR REPLACE INTO deleted_highlights (id, deleted_at) VALUES (?, ?)",
            (highlight_id, now()))

    def was_deleted(self, highlight_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM deleted_highlights WHERE id = ?",
                                 (highlight_id,)).fetchone() is not None

    def count_highlights(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM highlights").fetchone()[0]
