"""Import in bulk, all or nothing, in short transactions.

One transaction for a whole file would hold SQLite's write lock for as long
as the file takes (seconds for tens of thousands of highlights, longer than
a capture waits: `BUSY_TIMEOUT_MS`). So an import commits after
IMPORT_BATCH_RECORDS records or IMPORT_TRANSACTION_SECONDS, whichever comes
first (on a busy machine the time is what a capture feels), and notes in
`import_undo` every row it added and
every blank it filled in; if it fails, that list is undone, and an import a
crash cut short is undone the next time the store is opened for serving.
While it runs, what it has written so far is visible.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from .base import now
from .highlights import Highlights
from .records import IMPORT_PAGE_FIELDS, HighlightRecord, ImportPage

# Given a page's URL and its stored highlights (`id`, `exact`, `start`),
# the lookup that names the stored highlight an imported one is, or None.
KnownLookup = Callable[[str, list[dict]], Callable[[HighlightRecord], "str | None"]]

# Records (pages, highlights, hatches) written per transaction: each commit
# takes tens of milliseconds, so a capture never waits long for the lock.
IMPORT_BATCH_RECORDS = 500
# ... and at most this long, so a capture waiting for the lock is answered
# quickly even when the machine is busy or the pages carry long articles.
IMPORT_TRANSACTION_SECONDS = 0.1
# The importing connection copies the write-ahead log into the database
# after this many pages (SQLite's default is 1000, for every connection):
# the import, not the capture whose commit crosses the mark, pays for
# checkpointing what the import wrote.
IMPORT_CHECKPOINT_PAGES = 200

# How each kind of note in `import_undo` is undone, newest first. A page the
# import added goes only once nothing else is on it (a capture made during
# the import keeps its page).
UNDO = {
    "highlight": ["DELETE FROM highlights WHERE id = :key"],
    "hatch": ["DELETE FROM hatches WHERE id = :key"],
    "page": ["DELETE FROM pages WHERE id = :key AND NOT EXISTS"
             " (SELECT 1 FROM highlights WHERE page_id = :key)"],
    "page_title": ["UPDATE pages SET title = '' WHERE id = :key"],
    "page_article": ["UPDATE pages SET article = NULL, article_text = '' WHERE id = :key"],
    "highlight_note": ["UPDATE highlights SET note = '' WHERE id = :key"],
    "highlight_tags": ["UPDATE highlights SET tags = '[]' WHERE id = :key"],
}


class Imports(Highlights):
    def import_batch(self, pages: Sequence[ImportPage], hatches: Sequence[dict] = (),
                     progress: Callable[[int], None] | None = None,
                     known: KnownLookup | None = None) -> dict[str, int]:
        """Add pages, highlights and hatches: all or nothing.

        Idempotent: a page is matched by URL (blank fields are filled in,
        nothing is overwritten), a highlight by id (or, with `known`, by
        passage among its page's stored highlights; a match gets the
        imported note and tags it lacks), a hatch by its creation
        time, title and highlights. A page keeps its exported id when that id
        is free, so a round trip into an empty store is exact. A highlight
        the person deleted stays deleted (`deleted_highlights` counts them).

        :param progress: called with the number of records just written
        :param known: makes, for a page already stored, the lookup that
            names the stored highlight an imported one with a new id is
        :returns: counts of what was added and what was already there
        """
        counts = {"pages": 0, "highlights": 0, "hatches": 0, "existing_highlights": 0,
                  "existing_hatches": 0, "deleted_highlights": 0}
        page_ids: dict[int, int] = {}
        stamp = now()
        with self.transaction():
            import_id = self.conn.execute("INSERT INTO imports (pid, started_at) VALUES (?, ?)",
                                          (os.getpid(), stamp)).lastrowid

        def write_page(page: ImportPage) -> int:
            self._import_page_and_highlights(import_id, page, page_ids, stamp, counts, known)
            return 1 + len(page.highlights)

        def write_hatch(hatch: dict) -> int:
            self._import_hatch(import_id, hatch, page_ids, stamp, counts)
            return 1

        usual = self.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        self.conn.execute(f"PRAGMA wal_autocheckpoint = {IMPORT_CHECKPOINT_PAGES}")
        try:
            self._in_short_transactions(pages, write_page, progress)
            self._in_short_transactions(hatches, write_hatch, progress)
        except BaseException:
            self.undo_import(import_id)
            raise
        finally:
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {int(usual)}")
        with self.transaction():
            self.conn.execute("DELETE FROM imports WHERE id = ?", (import_id,))
        return counts

    def _in_short_transactions(self, items: Sequence, write: Callable[[object], int],
                               progress: Callable[[int], None] | None) -> None:
        """`write` each item, committing every IMPORT_BATCH_RECORDS records
        or IMPORT_TRANSACTION_SECONDS.

        :param write: stores one item, returns how many records it was
        """
        position = 0
        while position < len(items):
            records, started = 0, time.monotonic()
            with self.transaction():
                while position < len(items) and records < IMPORT_BATCH_RECORDS and (
                        time.monotonic() - started < IMPORT_TRANSACTION_SECONDS):
                    written = write(items[position])
                    position += 1
                    records += written
                    if progress:
                        progress(written)

    def undo_unfinished_imports(self) -> int:
        """Undo every import a crash or a kill cut short (its process is
        gone); returns how many."""
        rows = self.conn.execute("SELECT id, pid FROM imports ORDER BY id DESC").fetchall()
        ids = [r["id"] for r in rows if not _alive(r["pid"])]
        for import_id in ids:
            self.undo_import(import_id)
        return len(ids)

    def undo_import(self, import_id: int) -> None:
        """Take back what one import wrote, newest first, in short transactions."""
        while True:
            with self.transaction():
                notes = self.conn.execute(
                    "SELECT rowid, kind, key FROM import_undo WHERE import_id = ?"
                    " ORDER BY rowid DESC LIMIT ?", (import_id, IMPORT_BATCH_RECORDS)).fetchall()
                for note in notes:
                    for statement in UNDO[note["kind"]]:
                        self.conn.execute(statement, {"key": note["key"]})
                self.conn.executemany("DELETE FROM import_undo WHERE rowid = ?",
                                      [(n["rowid"],) for n in notes])
                if not notes:
                    self.conn.execute("DELETE FROM imports WHERE id = ?", (import_id,))
                    return

    def _note(self, import_id: int, kind: str, key: object) -> None:
        self.conn.execute("INSERT INTO import_undo (import_id, kind, key) VALUES (?, ?, ?)",
                          (import_id, kind, str(key)))

    def _import_page_and_highlights(self, import_id: int, page: ImportPage,
                                    page_ids: dict[int, int], stamp: str,
                                    counts: dict[str, int],
                                    known: KnownLookup | None = None) -> None:
        """One page and its highlights, in a few statements per page: which
        ids are stored or deleted is asked once, the new highlights are
        inserted together (the transaction holds the write lock, so what
        was asked stays true until they are)."""
        new_pages = counts["pages"]
        page_id = self._import_page(import_id, page, stamp, counts)
        if page.id is not None:
            page_ids[page.id] = page_id
        records = page.highlights
        taken = self._among("highlights", [r.id for r in records])
        deleted = self._among("deleted_highlights", [r.id for r in records])
        if known is not None and records and counts["pages"] == new_pages:
            same_as = known(page.url, self._passages(page_id))
            records = [r if r.id in taken or r.id in deleted else replace(r, id=same_as(r) or r.id)
                       for r in records]
            taken |= self._among("highlights", [r.id for r in records])
        fresh: dict[str, HighlightRecord] = {}
        for record in records:
            if record.id in deleted:
                counts["deleted_highlights"] += 1
            elif record.id in taken or record.id in fresh:
                counts["existing_highlights"] += 1
                self._fill_blanks(import_id, record)
            else:
                fresh[record.id] = record
        self._insert_highlights(page_id, list(fresh.values()), stamp)
        self.conn.executemany(
            "INSERT INTO import_undo (import_id, kind, key) VALUES (?, 'highlight', ?)",
            [(import_id, highlight_id) for highlight_id in fresh])
        counts["highlights"] += len(fresh)

    def _among(self, table: str, ids: list[str]) -> set[str]:
        """Which of `ids` are in `table` (highlights or deleted_highlights)."""
        if not ids:
            return set()
        # The table name is one of two constants of ours, never the file's.
        return {row[0] for row in self.conn.execute(
            f"SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),))}

    def _passages(self, page_id: int) -> list[dict]:
        """A page's stored highlights, as much as matching needs."""
        return [dict(r) for r in self.conn.execute(
            "SELECT id, exact, start FROM highlights WHERE page_id = ?", (page_id,))]

    def _fill_blanks(self, import_id: int, record: HighlightRecord) -> None:
        """Give a stored highlight the imported note and tags it lacks (and
        note it, so a failed import takes them back)."""
        row = self.conn.execute("SELECT note, tags FROM highlights WHERE id = ?",
                                (record.id,)).fetchone()
        if row is None:
            return
        if row["note"] == "" and record.note:
            self.conn.execute("UPDATE highlights SET note = ? WHERE id = ?",
                              (record.note, record.id))
            self._note(import_id, "highlight_note", record.id)
        if row["tags"] == "[]" and record.tags:
            self.conn.execute("UPDATE highlights SET tags = ? WHERE id = ?",
                              (json.dumps(list(record.tags)), record.id))
            self._note(import_id, "highlight_tags", record.id)

    def _import_page(self, import_id: int, page: ImportPage, stamp: str,
                     counts: dict[str, int]) -> int:
        row = self.conn.execute(
            "SELECT id, title, article_text, article FROM pages WHERE url = ?",
            (page.url,)).fetchone()
        fields = {k: page.fields.get(k) for k in IMPORT_PAGE_FIELDS}
        article = fields.pop("article")
        fields["article"] = json.dumps(article) if article is not None else None
        fields["article_text"] = fields["article_text"] or ""
        if row is None:
            taken = page.id is None or self.conn.execute(
                "SELECT 1 FROM pages WHERE id = ?", (page.id,)).fetchone() is not None
            values = {**fields, "url": page.url, "title": page.title,
                      "created_at": fields["created_at"] or stamp,
                      "updated_at": fields["updated_at"] or fields["created_at"] or stamp,
                      "id": None if taken else page.id}
            # The column names are IMPORT_PAGE_FIELDS and ours, never the file's.
            columns = ", ".join(values)
            cur = self.conn.execute(
                f"INSERT INTO pages ({columns}) VALUES ({', '.join(':' + c for c in values)})",
                values)
            counts["pages"] += 1
            self._note(import_id, "page", cur.lastrowid)
            return cur.lastrowid
        if page.title and not row["title"]:
            self.conn.execute("UPDATE pages SET title = ? WHERE id = ?", (page.title, row["id"]))
            self._note(import_id, "page_title", row["id"])
        if article is not None and row["article"] is None:
            self.conn.execute(
                "UPDATE pages SET article = ?, article_text = ? WHERE id = ?",
                (fields["article"], fields["article_text"], row["id"]))
            self._note(import_id, "page_article", row["id"])
        return row["id"]

    def _import_hatch(self, import_id: int, hatch: dict, page_ids: dict[int, int],
                      stamp: str, counts: dict[str, int]) -> None:
        highlight_ids = json.dumps(list(hatch.get("highlight_ids") or []))
        created_at = hatch.get("created_at") or stamp
        if self.conn.execute(
                "SELECT 1 FROM hatches WHERE created_at = ? AND title = ? AND highlight_ids = ?",
                (created_at, hatch["title"], highlight_ids)).fetchone():
            counts["existing_hatches"] += 1
            return
        hatch_id = hatch.get("id")
        if hatch_id is not None and self.conn.execute(
                "SELECT 1 FROM hatches WHERE id = ?", (hatch_id,)).fetchone():
            hatch_id = None
        mapped = [page_ids.get(i, i) for i in hatch.get("page_ids") or []]
        result = remap_sources(hatch.get("result") or {}, page_ids)
        cur = self.conn.execute(
            "INSERT INTO hatches (id, title, engine, length, page_ids, highlight_ids, result,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (hatch_id, hatch["title"], hatch.get("engine") or "local",
             hatch.get("length") or "short", json.dumps(mapped), highlight_ids,
             json.dumps(result), created_at))
        counts["hatches"] += 1
        self._note(import_id, "hatch", cur.lastrowid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid != os.getpid()  # an import of ours that is not running is over


def remap_sources(result: dict, page_ids: dict[int, int]) -> dict:
    """A hatch's stored result with its page ids moved to where an import put
    the pages (sections and citations name their page as `source_id`)."""
    if not page_ids or not isinstance(result, dict):
        return result
    result = json.loads(json.dumps(result))
    for key in ("sections", "citations"):
        for item in result.get(key) or []:
            if isinstance(item, dict) and item.get("source_id") in page_ids:
                item["source_id"] = page_ids[item["source_id"]]
    for thread in result.get("threads") or []:
        if isinstance(thread, dict) and isinstance(thread.get("source_ids"), list):
            thread["source_ids"] = [page_ids.get(i, i) for i in thread["source_ids"]]
    return result
