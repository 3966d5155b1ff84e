"""SQLite store: schema, migrations and every query. No SQL lives elsewhere.

One `Store` wraps one connection. The connection runs in autocommit mode and
every write goes through `transaction()`, so a statement is either part of an
explicit transaction or committed on its own, never left pending.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
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
]

# The highlight colours the extension offers.
COLORS = ("yellow", "green", "blue", "pink")

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
