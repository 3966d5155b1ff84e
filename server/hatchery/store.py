"""SQLite store: schema, migrations and every query. No SQL lives elsewhere.

One `Store` wraps one connection. The connection runs in autocommit mode and
every write goes through `transaction()`, so a statement is either part of an
explicit transaction or committed on its own, never left pending.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import NotFoundError

# How long a writer waits for another writer before giving up. Captures are
# short transactions, so a few seconds covers any burst a browser makes.
BUSY_TIMEOUT_MS = 5000

# Numbered migrations; `PRAGMA user_version` records how many have run.
# Append only: never edit a released one and never DROP user data.
MIGRATIONS: list[tuple[str, str]] = [
    (
        "pages, highlights, hatches and full-text search",
        """
        CREATE TABLE pages (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            site_name TEXT,
            byline TEXT,
            lang TEXT,
            published TEXT,
            image TEXT,
            article_text TEXT NOT NULL DEFAULT '',
            article TEXT,              -- JSON of hatchery.extract.Article
            html_hash TEXT,            -- sha256 of the HTML last extracted
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE highlights (
            id TEXT PRIMARY KEY,       -- the client's UUID
            page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            exact TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            start INTEGER,
            "end" INTEGER,
            color TEXT NOT NULL DEFAULT 'yellow',
            note TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',   -- JSON list of strings
            context TEXT,                      -- JSON of HighlightContext
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX highlights_by_page ON highlights(page_id, start);
        CREATE TABLE hatches (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            engine TEXT NOT NULL,
            length TEXT NOT NULL,
            page_ids TEXT NOT NULL,        -- JSON list
            highlight_ids TEXT NOT NULL,   -- JSON list
            result TEXT NOT NULL,          -- JSON of Hatch.to_dict()
            created_at TEXT NOT NULL
        );

        CREATE VIRTUAL TABLE highlights_fts USING fts5(
            exact, note, content='highlights', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER highlights_ai AFTER INSERT ON highlights BEGIN
            INSERT INTO highlights_fts(rowid, exact, note)
            VALUES (new.rowid, new.exact, new.note);
        END;
        CREATE TRIGGER highlights_ad AFTER DELETE ON highlights BEGIN
            INSERT INTO highlights_fts(highlights_fts, rowid, exact, note)
            VALUES ('delete', old.rowid, old.exact, old.note);
        END;
        CREATE TRIGGER highlights_au AFTER UPDATE OF exact, note ON highlights BEGIN
            INSERT INTO highlights_fts(highlights_fts, rowid, exact, note)
            VALUES ('delete', old.rowid, old.exact, old.note);
            INSERT INTO highlights_fts(rowid, exact, note)
            VALUES (new.rowid, new.exact, new.note);
        END;

        CREATE VIRTUAL TABLE pages_fts USING fts5(
            title, article_text, content='pages', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER pages_ai AFTER INSERT ON pages BEGIN
            INSERT INTO pages_fts(rowid, title, article_text)
            VALUES (new.id, new.title, new.article_text);
        END;
        CREATE TRIGGER pages_ad AFTER DELETE ON pages BEGIN
            INSERT INTO pages_fts(pages_fts, rowid, title, article_text)
            VALUES ('delete', old.id, old.title, old.article_text);
        END;
        CREATE TRIGGER pages_au AFTER UPDATE OF title, article_text ON pages BEGIN
            INSERT INTO pages_fts(pages_fts, rowid, title, article_text)
            VALUES ('delete', old.id, old.title, old.article_text);
            INSERT INTO pages_fts(rowid, title, article_text)
            VALUES (new.id, new.title, new.article_text);
        END;
        """,
    ),
    (
        "tombstones: a deleted highlight stays deleted when a stale outbox resends it",
        """
        CREATE TABLE deleted_highlights (
            id TEXT PRIMARY KEY,
            deleted_at TEXT NOT NULL
        );
        """,
    ),
    (
        "library: login codes, sessions, and a trash for undoing deletes",
        """
        CREATE TABLE login_codes (
            code_hash TEXT PRIMARY KEY,    -- sha256 of the one-time code
            expires_at TEXT NOT NULL
        );
        CREATE TABLE library_sessions (
            id_hash TEXT PRIMARY KEY,      -- sha256 of the cookie's value
            csrf TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE TABLE trash (
            highlight_id TEXT PRIMARY KEY,
            data TEXT NOT NULL,            -- JSON of the deleted highlight row
            deleted_at TEXT NOT NULL
        );
        """,
    ),
]

# SQLite integers are 64-bit; a larger id in a URL names nothing.
MAX_ROWID = 2**63 - 1

PAGE_METADATA = ("title", "site_name", "byline", "lang", "published", "image")


def now() -> str:
    """The current UTC time as ISO 8601 with a Z, second precision."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class NewHighlight:
    """A highlight as a capture brings it."""

    id: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    color: str = "yellow"
    note: str = ""
    tags: Sequence[str] = ()
    context: dict | None = None


class Store:
    """All of Hatchery's data in one SQLite file.

    :param path: the database file; created with its folder when missing
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # NORMAL is durable against a killed process in WAL mode; only a
        # power cut can lose the last commits, and it never corrupts.
        self.conn.execute("PRAGMA synchronous = NORMAL")

    def close(self) -> None:
        self.conn.close()

    # -- schema -----------------------------------------------------------

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
                for statement in _split_sql(script):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number}")
            version = number
        return version

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; IMMEDIATE so two writers never deadlock."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    # -- pages ------------------------------------------------------------

    def page_by_url(self, url: str) -> dict | None:
        row = self.conn.execute("SELECT * FROM pages WHERE url = ?", (url,)).fetchone()
        return _page(row) if row else None

    def get_page(self, page_id: int) -> dict:
        row = self.conn.execute("SELECT * FROM pages WHERE id = ?",
                                (_rowid(page_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"page {page_id} does not exist")
        return _page(row)

    def save_page(self, url: str, *, title: str = "", article: dict | None = None,
                  html_hash: str | None = None) -> dict:
        """Create the page for `url` or update it.

        With `article` (an Article as a dict) the stored article, its
        metadata and `html_hash` are replaced; without it only an empty title
        is filled in, so a capture without HTML never erases an article.
        """
        stamp = now()
        with self.transaction():
            existing = self.conn.execute(
                "SELECT id, title FROM pages WHERE url = ?", (url,)).fetchone()
            if existing is None:
                self.conn.execute(
                    "INSERT INTO pages (url, title, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?)", (url, title, stamp, stamp))
            elif title and not existing["title"]:
                self.conn.execute("UPDATE pages SET title = ?, updated_at = ? WHERE url = ?",
                                  (title, stamp, url))
            if article is not None:
                meta = {k: article.get(k) or None for k in PAGE_METADATA}
                meta["title"] = title or article.get("title") or ""
                self.conn.execute(
                    "UPDATE pages SET title = :title, site_name = :site_name,"
                    " byline = :byline, lang = :lang, published = :published,"
                    " image = :image, article_text = :text, article = :article,"
                    " html_hash = :html_hash, updated_at = :stamp WHERE url = :url",
                    {**meta, "text": article.get("text") or "",
                     "article": json.dumps(article), "html_hash": html_hash,
                     "stamp": stamp, "url": url},
                )
        page = self.page_by_url(url)
        assert page is not None
        return page

    def list_pages(self, *, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        """Pages with their highlight counts, most recently active first."""
        rows = self.conn.execute(
            "SELECT p.*, COUNT(h.id) AS highlight_count,"
            " MAX(COALESCE(h.created_at, p.updated_at)) AS last_activity"
            " FROM pages p LEFT JOIN highlights h ON h.page_id = p.id"
            " GROUP BY p.id ORDER BY last_activity DESC, p.id DESC"
            " LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        total = self.conn.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
        return [_page(r, with_article=False) for r in rows], total

    def delete_page(self, page_id: int) -> None:
        with self.transaction():
            cur = self.conn.execute("DELETE FROM pages WHERE id = ?", (_rowid(page_id),))
        if cur.rowcount == 0:
            raise NotFoundError(f"page {page_id} does not exist")

    # -- highlights -------------------------------------------------------

    def add_highlight(self, page_id: int, new: NewHighlight) -> tuple[dict, bool]:
        """Store a highlight once; returns it and whether it is new.

        Idempotent on the client's id: a capture resent by the extension's
        outbox answers with what is already stored.
        """
        stamp = now()
        with self.transaction():
            cur = self.conn.execute(
                'INSERT INTO highlights (id, page_id, exact, prefix, suffix, start, "end",'
                " color, note, tags, context, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO NOTHING",
                (new.id, page_id, new.exact, new.prefix, new.suffix, new.start, new.end,
                 new.color, new.note, json.dumps(list(new.tags)),
                 json.dumps(new.context) if new.context is not None else None,
                 stamp, stamp))
        return self.get_highlight(new.id), cur.rowcount == 1

    def find_highlight(self, highlight_id: str) -> dict | None:
        row = self.conn.execute(
            "SELECT h.*, p.url, p.title AS page_title FROM highlights h"
            " JOIN pages p ON p.id = h.page_id WHERE h.id = ?", (highlight_id,)).fetchone()
        return _highlight(row) if row else None

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
        return [_highlight(r) for r in rows]

    def highlights_by_ids(self, ids: Sequence[str]) -> list[dict]:
        """The highlights with these ids; raises NotFoundError naming a missing one."""
        found = []
        for highlight_id in ids:
            found.append(self.get_highlight(highlight_id))
        return found

    def update_highlight(self, highlight_id: str, changes: dict[str, Any]) -> dict:
        """Change a highlight's color, note or tags."""
        allowed = {"color", "note", "tags"}
        values = {k: v for k, v in changes.items() if k in allowed}
        if "tags" in values:
            values["tags"] = json.dumps(list(values["tags"]))
        if values:
            assignments = ", ".join(f"{name} = :{name}" for name in sorted(values))
            with self.transaction():
                cur = self.conn.execute(
                    f"UPDATE highlights SET {assignments}, updated_at = :stamp"
                    " WHERE id = :id", {**values, "stamp": now(), "id": highlight_id})
            if cur.rowcount == 0:
                raise NotFoundError(f"highlight {highlight_id} does not exist")
        return self.get_highlight(highlight_id)

    def delete_highlight(self, highlight_id: str) -> None:
        """Delete a highlight and remember its id, so a resend of the
        original capture cannot bring it back."""
        with self.transaction():
            cur = self.conn.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,))
            if cur.rowcount:
                self.conn.execute(
                    "INSERT OR REPLACE INTO deleted_highlights (id, deleted_at) VALUES (?, ?)",
                    (highlight_id, now()))
        if cur.rowcount == 0:
            raise NotFoundError(f"highlight {highlight_id} does not exist")

    def was_deleted(self, highlight_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM deleted_highlights WHERE id = ?",
                                 (highlight_id,)).fetchone() is not None

    def count_highlights(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM highlights").fetchone()[0]

    # -- hatches ----------------------------------------------------------

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
                                (_rowid(hatch_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"hatch {hatch_id} does not exist")
        return _hatch(row)

    def list_hatches(self, *, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        rows = self.conn.execute(
            "SELECT * FROM hatches ORDER BY id DESC LIMIT ? OFFSET ?",
            (limit, offset)).fetchall()
        total = self.conn.execute("SELECT COUNT(*) FROM hatches").fetchone()[0]
        return [_hatch(r, with_result=False) for r in rows], total

    # -- search -----------------------------------------------------------

    def search(self, query: str, *, limit: int = 50) -> dict[str, list[dict]]:
        """Full-text search over highlights, notes, page titles and articles.

        :param query: words as a person types them; FTS syntax is neutralised
        """
        match = fts_query(query)
        if not match:
            return {"highlights": [], "pages": []}
        highlight_rows = self.conn.execute(
            "SELECT h.*, p.url, p.title AS page_title,"
            " snippet(highlights_fts, -1, '[', ']', '…', 12) AS snippet"
            " FROM highlights_fts JOIN highlights h ON h.rowid = highlights_fts.rowid"
            " JOIN pages p ON p.id = h.page_id"
            " WHERE highlights_fts MATCH ? ORDER BY rank LIMIT ?", (match, limit)).fetchall()
        page_rows = self.conn.execute(
            "SELECT p.id, p.url, p.title, p.site_name,"
            " snippet(pages_fts, -1, '[', ']', '…', 16) AS snippet"
            " FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid"
            " WHERE pages_fts MATCH ? ORDER BY rank LIMIT ?", (match, limit)).fetchall()
        return {
            "highlights": [{**_highlight(r), "snippet": r["snippet"]} for r in highlight_rows],
            "pages": [dict(r) for r in page_rows],
        }


    # == library, export and import ======================================
    # Queries for the web library's filters, its login and its undo, and the
    # bulk reads and writes behind export and import.

    def library_pages(self, filters: "LibraryFilters", *, limit: int = 50,
                      offset: int = 0) -> tuple[list[dict], int]:
        """Pages that have a highlight matching `filters` (every page when
        there are none), most recently active first, each with the matching
        highlights under `highlights`."""
        where, params = _filter_sql(filters)
        join = "JOIN" if where else "LEFT JOIN"
        clause = f" WHERE {where}" if where else ""
        rows = self.conn.execute(
            "SELECT p.*, COUNT(h.id) AS highlight_count,"
            " MAX(COALESCE(h.created_at, p.updated_at)) AS last_activity"
            f" FROM pages p {join} highlights h ON h.page_id = p.id{clause}"
            " GROUP BY p.id ORDER BY last_activity DESC, p.id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset)).fetchall()
        total = self.conn.execute(
            f"SELECT COUNT(DISTINCT p.id) FROM pages p {join} highlights h"
            f" ON h.page_id = p.id{clause}", params).fetchone()[0]
        pages = [_page(r, with_article=False) for r in rows]
        if not pages:
            return [], total
        marks = ", ".join("?" for _ in pages)
        highlight_where = f" AND {where}" if where else ""
        highlight_rows = self.conn.execute(
            "SELECT h.*, p.url, p.title AS page_title FROM highlights h"
            f" JOIN pages p ON p.id = h.page_id WHERE h.page_id IN ({marks}){highlight_where}"
            " ORDER BY h.start IS NULL, h.start, h.created_at",
            (*[p["id"] for p in pages], *params)).fetchall()
        by_page: dict[int, list[dict]] = {p["id"]: [] for p in pages}
        for row in highlight_rows:
            by_page[row["page_id"]].append(_highlight(row))
        for page in pages:
            page["highlights"] = by_page[page["id"]]
        return pages, total

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag in use with how many highlights carry it, by name."""
        rows = self.conn.execute(
            "SELECT t.value AS tag, COUNT(*) AS n FROM highlights h, json_each(h.tags) t"
            " GROUP BY t.value ORDER BY t.value COLLATE NOCASE").fetchall()
        return [(r["tag"], r["n"]) for r in rows]

    def page_urls(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT url FROM pages ORDER BY url")]

    def search_marked(self, query: str, *, limit: int = 50, open_mark: str = "[",
                      close_mark: str = "]") -> dict[str, list[dict]]:
        """`search`, with the matched words wrapped in the given marks so a
        view can escape the snippet first and mark the matches after."""
        match = fts_query(query)
        if not match:
            return {"highlights": [], "pages": []}
        marks = (open_mark, close_mark)
        highlight_rows = self.conn.execute(
            "SELECT h.*, p.url, p.title AS page_title,"
            " snippet(highlights_fts, 0, ?, ?, '…', 24) AS exact_snippet,"
            " snippet(highlights_fts, 1, ?, ?, '…', 24) AS note_snippet"
            " FROM highlights_fts JOIN highlights h ON h.rowid = highlights_fts.rowid"
            " JOIN pages p ON p.id = h.page_id"
            " WHERE highlights_fts MATCH ? ORDER BY rank LIMIT ?",
            (*marks, *marks, match, limit)).fetchall()
        page_rows = self.conn.execute(
            "SELECT p.id, p.url, p.title, p.site_name,"
            " snippet(pages_fts, 0, ?, ?, '…', 16) AS title_snippet,"
            " snippet(pages_fts, 1, ?, ?, '…', 24) AS text_snippet"
            " FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid"
            " WHERE pages_fts MATCH ? ORDER BY rank LIMIT ?",
            (*marks, *marks, match, limit)).fetchall()
        highlights = []
        for row in highlight_rows:
            found = _highlight(row)
            found["exact_snippet"] = row["exact_snippet"]
            found["note_snippet"] = row["note_snippet"]
            highlights.append(found)
        return {"highlights": highlights, "pages": [dict(r) for r in page_rows]}

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
            self.conn.execute(
                "INSERT OR REPLACE INTO deleted_highlights (id, deleted_at) VALUES (?, ?)",
                (highlight_id, now()))
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
            columns = ", ".join(f'"{c}"' for c in data)
            self.conn.execute(
                f"INSERT OR IGNORE INTO highlights ({columns}) VALUES"
                f" ({', '.join('?' for _ in data)})", tuple(data.values()))
            self.conn.execute("DELETE FROM trash WHERE highlight_id = ?", (highlight_id,))
            self.conn.execute("DELETE FROM deleted_highlights WHERE id = ?", (highlight_id,))
        return self.get_highlight(highlight_id)

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

    def add_session(self, id_hash: str, csrf: str, expires_at: str) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM library_sessions WHERE expires_at < ?", (now(),))
            self.conn.execute(
                "INSERT INTO library_sessions (id_hash, csrf, created_at, expires_at)"
                " VALUES (?, ?, ?, ?)", (id_hash, csrf, now(), expires_at))

    def find_session(self, id_hash: str) -> dict | None:
        row = self.conn.execute(
            "SELECT * FROM library_sessions WHERE id_hash = ? AND expires_at >= ?",
            (id_hash, now())).fetchone()
        return dict(row) if row else None

    def delete_session(self, id_hash: str) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM library_sessions WHERE id_hash = ?", (id_hash,))

    def export_pages(self) -> list[dict]:
        """Every page with its article and all its highlights (raw rows), in
        id order: what a lossless export needs."""
        pages = [_page(r) for r in self.conn.execute("SELECT * FROM pages ORDER BY id")]
        by_page: dict[int, list[dict]] = {p["id"]: [] for p in pages}
        for row in self.conn.execute(
                "SELECT * FROM highlights ORDER BY page_id, start IS NULL, start,"
                " created_at, id"):
            by_page[row["page_id"]].append(_highlight(row))
        for page in pages:
            page["highlights"] = by_page[page["id"]]
        return pages

    def export_hatches(self) -> list[dict]:
        return [_hatch(r) for r in self.conn.execute("SELECT * FROM hatches ORDER BY id")]

    def import_batch(self, pages: Sequence["ImportPage"], hatches: Sequence[dict] = (),
                     progress: Callable[[int], None] | None = None) -> dict[str, int]:
        """Add pages, highlights and hatches in one transaction: all or nothing.

        Idempotent: a page is matched by URL (blank fields are filled in,
        nothing is overwritten), a highlight by id, a hatch by its creation
        time, title and highlights. A page keeps its exported id when that id
        is free, so a round trip into an empty store is exact.

        :param progress: called with the number of records just written
        :returns: counts of what was added and what was already there
        """
        counts = {"pages": 0, "highlights": 0, "hatches": 0, "existing_highlights": 0,
                  "existing_hatches": 0}
        page_ids: dict[int, int] = {}
        stamp = now()
        with self.transaction():
            for page in pages:
                page_id = self._import_page(page, stamp, counts)
                if page.id is not None:
                    page_ids[page.id] = page_id
                for h in page.highlights:
                    cur = self.conn.execute(
                        'INSERT INTO highlights (id, page_id, exact, prefix, suffix, start, "end",'
                        " color, note, tags, context, created_at, updated_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        " ON CONFLICT(id) DO NOTHING",
                        (h.id, page_id, h.exact, h.prefix, h.suffix, h.start, h.end, h.color,
                         h.note, json.dumps(list(h.tags)),
                         json.dumps(h.context) if h.context is not None else None,
                         h.created_at or stamp, h.updated_at or h.created_at or stamp))
                    counts["highlights" if cur.rowcount == 1 else "existing_highlights"] += 1
                if progress:
                    progress(1 + len(page.highlights))
            for hatch in hatches:
                self._import_hatch(hatch, page_ids, stamp, counts)
                if progress:
                    progress(1)
        return counts

    def _import_page(self, page: "ImportPage", stamp: str, counts: dict[str, int]) -> int:
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
            columns = ", ".join(values)
            cur = self.conn.execute(
                f"INSERT INTO pages ({columns}) VALUES ({', '.join(':' + c for c in values)})",
                values)
            counts["pages"] += 1
            return cur.lastrowid
        if page.title and not row["title"]:
            self.conn.execute("UPDATE pages SET title = ? WHERE id = ?", (page.title, row["id"]))
        if article is not None and row["article"] is None:
            self.conn.execute(
                "UPDATE pages SET article = ?, article_text = ? WHERE id = ?",
                (fields["article"], fields["article_text"], row["id"]))
        return row["id"]

    def _import_hatch(self, hatch: dict, page_ids: dict[int, int], stamp: str,
                      counts: dict[str, int]) -> None:
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
        result = _remap_sources(hatch.get("result") or {}, page_ids)
        self.conn.execute(
            "INSERT INTO hatches (id, title, engine, length, page_ids, highlight_ids, result,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (hatch_id, hatch["title"], hatch.get("engine") or "local",
             hatch.get("length") or "short", json.dumps(mapped), highlight_ids,
             json.dumps(result), created_at))
        counts["hatches"] += 1


def fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query: every word must
    appear, a trailing * keeps prefix search, anything else is literal."""
    terms = []
    for word in text.split():
        prefix = word.endswith("*")
        word = word.rstrip("*").replace('"', '""')
        if word:
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms)


def _rowid(value: int) -> int:
    """An id as SQLite can bind it; out-of-range ids match no row (-1)."""
    return value if -MAX_ROWID <= value <= MAX_ROWID else -1


def _split_sql(script: str) -> list[str]:
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


def _page(row: sqlite3.Row, *, with_article: bool = True) -> dict:
    page = dict(row)
    article = page.pop("article", None)
    if with_article:
        page["article"] = json.loads(article) if article else None
    else:
        page.pop("article_text", None)  # lists stay small
    return page


def _highlight(row: sqlite3.Row) -> dict:
    highlight = dict(row)
    highlight["tags"] = json.loads(highlight["tags"])
    context = highlight.get("context")
    highlight["context"] = json.loads(context) if context else None
    highlight.pop("snippet", None)
    return highlight


def _hatch(row: sqlite3.Row, *, with_result: bool = True) -> dict:
    hatch = dict(row)
    hatch["page_ids"] = json.loads(hatch["page_ids"])
    hatch["highlight_ids"] = json.loads(hatch["highlight_ids"])
    result = hatch.pop("result")
    if with_result:
        hatch["result"] = json.loads(result)
    return hatch


# == library, export and import: the shapes they pass ====================

# Deleted highlights stay this long in the trash, for "undo".
TRASH_DAYS = 7

IMPORT_PAGE_FIELDS = ("site_name", "byline", "lang", "published", "image", "article_text",
                      "article", "html_hash", "created_at", "updated_at")


@dataclass
class LibraryFilters:
    """What the library's filter bar asks for; empty fields filter nothing.

    :param site: a host name, as in the page's URL
    :param date_from: first day (YYYY-MM-DD) a highlight was made, inclusive
    :param date_to: last day, inclusive
    """

    tag: str = ""
    color: str = ""
    site: str = ""
    date_from: str = ""
    date_to: str = ""


@dataclass
class ImportHighlight:
    """A highlight read from an import file, ready to store."""

    id: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    color: str = "yellow"
    note: str = ""
    tags: Sequence[str] = ()
    context: dict | None = None
    created_at: str | None = None
    updated_at: str | None = None


@dataclass
class ImportPage:
    """A page read from an import file, with its highlights.

    :param id: the page's id in the file (our own exports), kept when free
    :param fields: any of IMPORT_PAGE_FIELDS
    """

    url: str
    title: str = ""
    id: int | None = None
    fields: dict = field(default_factory=dict)
    highlights: list[ImportHighlight] = field(default_factory=list)


def _filter_sql(filters: LibraryFilters) -> tuple[str, list]:
    clauses, params = [], []
    if filters.tag:
        clauses.append("EXISTS (SELECT 1 FROM json_each(h.tags) WHERE value = ?)")
        params.append(filters.tag)
    if filters.color:
        clauses.append("h.color = ?")
        params.append(filters.color)
    if filters.site:
        # The host sits between '://' and the next '/' of a normalised URL.
        clauses.append("substr(p.url, instr(p.url, '://') + 3, length(?) + 1) = ? || '/'")
        params.extend([filters.site, filters.site])
    if filters.date_from:
        clauses.append("substr(h.created_at, 1, 10) >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        clauses.append("substr(h.created_at, 1, 10) <= ?")
        params.append(filters.date_to)
    return " AND ".join(clauses), params


def _remap_sources(result: dict, page_ids: dict[int, int]) -> dict:
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
