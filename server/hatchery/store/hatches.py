"""Hatches: the history of written pieces, each with the ids it was made from."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..errors import NotFoundError
from .base import StoreBase, hatch_dict, now, rowid


class Hatches(StoreBase):
    def add_hatch(self, *, title: str, engine: str, length: str, page_ids: Sequence[int],
                  highlight_ids: Sequence[str], result: dict) -> dict:
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO hatches (title, engine, length, page_ids, highlight_ids,"
                " result, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (title, engine, length, json.dumps(list(page_ids)),
                 json.dumps(list(highlight_ids)), json.dumps(result), now()))
        return self.get_hatch(cur.lastrowid)

    def get_hatch(self, hatch_id: int) -> dict:
        row = self.conn.execute("SELECT * FROM hatches WHERE id = ?",
                                (rowid(hatch_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"hatch {hatch_id} does not exist")
        return hatch_dict(row)

    def list_hatches(self, *, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        """The newest hatches first, without their results, and how many there are."""
        rows = self.conn.execute(
            "SELECT * FROM hatches ORDER BY id DESC LIMIT ? OFFSET ?",
            (limit, offset)).fetchall()
        total = self.conn.execute("SELECT COUNT(*) FROM hatches").fetchone()[0]
        return [hatch_dict(r, with_result=False) for r in rows], total
