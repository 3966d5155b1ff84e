"""The trash: the one way a highlight or a page is deleted.

A deleted highlight waits here TRASH_DAYS days and can come back as it was;
its id is remembered for good (a tombstone), so a stale resend from the
extension's outbox is refused rather than stored again. A page goes to the
trash with its last highlight, article included, so nothing about a page
without highlights stays in the library.
"""

from __future__ import annotations

import json
import sqlite3

from ..errors import NotFoundError
from .base import now, rowid
from .highlights import Highlights

# Deleted highlights and pages stay this long in the trash, for "undo".
TRASH_DAYS = 7

# Page columns a restored page starts afresh with: the triggers count its
# highlights again as they come back, and a queued extraction is gone.
FRESH_PAGE = {"highlight_count": 0, "last_highlight_at": None}


class Trash(Highlights):
    def trash_highlight(self, highlight_id: str) -> dict:
        """Move a highlight to the trash (its page too, when it was the
        page's last); returns the highlight as it was.

        :raises NotFoundError: no such highlight
        """
        highlight = self.get_highlight(highlight_id)
        with self.transaction():
            self._trash_highlights("h.id = ?", (highlight_id,))
        return highlight

    def trash_page(self, page_id: int) -> int:
        """Move a page and all its highlights to the trash; returns how many
        highlights went with it.

        :raises NotFoundError: no such page
        """
        with self.transaction():
            page = self.conn.execute("SELECT * FROM pages WHERE id = ?",
                                     (rowid(page_id),)).fetchone()
            if page is None:
                raise NotFoundError(f"page {page_id} does not exist")
            count = self._trash_highlights("h.page_id = ?", (page["id"],))
            if count == 0:  # a page without highlights has nothing to wait for
                self._trash_page_row(page, now())
        return count

    def _trash_highlights(self, where: str, params: tuple) -> int:
        """Inside the caller's transaction: trash the highlights `where`
        picks (over `h`), then any page left without highlights."""
        stamp = now()
        rows = self.conn.execute(
            f"SELECT h.*, p.url AS page_url FROM highlights h JOIN pages p ON p.id = h.page_id"
            f" WHERE {where}", params).fetchall()
        for row in rows:
            data = dict(row)
            page_url = data.pop("page_url")
            self.conn.execute(
                "INSERT OR REPLACE INTO trash (highlight_id, data, deleted_at, page_url)"
                " VALUES (?, ?, ?, ?)", (data["id"], json.dumps(data), stamp, page_url))
            self.conn.execute("DELETE FROM highlights WHERE id = ?", (data["id"],))
            self._remember_deleted(data["id"])
        for page_id in {row["page_id"] for row in rows}:
            page = self.conn.execute(
                "SELECT * FROM pages WHERE id = ? AND highlight_count = 0", (page_id,)).fetchone()
            if page is not None:
                self._trash_page_row(page, stamp)
        return len(rows)

    def _trash_page_row(self, page: sqlite3.Row, stamp: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO trashed_pages (url, data, deleted_at) VALUES (?, ?, ?)",
            (page["url"], json.dumps(dict(page)), stamp))
        self.conn.execute("DELETE FROM pages WHERE id = ?", (page["id"],))

    def in_trash(self, highlight_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM trash WHERE highlight_id = ?",
                                 (highlight_id,)).fetchone() is not None

    def restore_highlight(self, highlight_id: str) -> dict:
        """Bring a trashed highlight back as it was, with its page (a page
        trashed with it comes back too, article and all).

        :raises NotFoundError: the highlight is not in the trash
        """
        with self.transaction():
            row = self.conn.execute(
                "SELECT data, page_url FROM trash WHERE highlight_id = ?",
                (highlight_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"highlight {highlight_id} is not in the trash")
            data = json.loads(row["data"])
            data["page_id"] = self._restore_page(data["page_id"], row["page_url"])
            self._insert_row("highlights", data)
            self.conn.execute("DELETE FROM trash WHERE highlight_id = ?", (highlight_id,))
            self.conn.execute("DELETE FROM deleted_highlights WHERE id = ?", (highlight_id,))
        return self.get_highlight(highlight_id)

    def _restore_page(self, page_id: int, url: str | None) -> int:
        """The id of the page a restored highlight goes back to."""
        if url is None:  # trashed before pages went to the trash with it
            if self.conn.execute("SELECT 1 FROM pages WHERE id = ?", (page_id,)).fetchone():
                return page_id
            raise NotFoundError("the page of that highlight was deleted")
        found = self.conn.execute("SELECT id FROM pages WHERE url = ?", (url,)).fetchone()
        if found is not None:
            return found["id"]
        saved = self.conn.execute("SELECT data FROM trashed_pages WHERE url = ?",
                                  (url,)).fetchone()
        stamp = now()
        page = json.loads(saved["data"]) if saved else {
            "id": page_id, "url": url, "created_at": stamp, "updated_at": stamp}
        page.update(FRESH_PAGE)
        if page.get("extraction") == "pending":
            page["extraction"] = None
        if self.conn.execute("SELECT 1 FROM pages WHERE id = ?", (page["id"],)).fetchone():
            page["id"] = None
        self.conn.execute("DELETE FROM trashed_pages WHERE url = ?", (url,))
        return self._insert_row("pages", page)

    def _insert_row(self, table: str, data: dict) -> int:
        # The column names are the ones the trash read from our own tables.
        columns = ", ".join(f'"{c}"' for c in data)
        cur = self.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' for _ in data)})",
            tuple(data.values()))
        return cur.lastrowid

    def purge_trash(self, days: int = TRASH_DAYS) -> int:
        """Delete for good what has been in the trash longer than `days`;
        returns how many highlights went. Their tombstones stay."""
        cutoff = ("strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?)", f"-{days} days")
        with self.transaction():
            cur = self.conn.execute(f"DELETE FROM trash WHERE deleted_at < {cutoff[0]}",
                                    (cutoff[1],))
            self.conn.execute(
                f"DELETE FROM trashed_pages WHERE deleted_at < {cutoff[0]}"
                " AND url NOT IN (SELECT page_url FROM trash WHERE page_url IS NOT NULL)",
                (cutoff[1],))
        return cur.rowcount
