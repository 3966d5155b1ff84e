"""Captures and the extraction queue: a capture stores its page, its
highlight and the page's HTML in one short transaction; the extraction
worker takes the HTML from the queue later and writes the article back."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .base import now
from .highlights import Highlights
from .pages import PAGE_METADATA

# A page's `extraction` column: no value means no HTML was ever sent.
PENDING, DONE, TIMED_OUT, FAILED = "pending", "done", "timed_out", "failed"


@dataclass
class QueuedExtraction:
    """One page's HTML waiting for the worker, with the page's highlights
    (id, exact, prefix, suffix) at the time it was taken."""

    page_id: int
    url: str
    html: str
    html_hash: str
    highlights: list[dict]


class Extractions(Highlights):
    def add_capture(self, url: str, title: str, record, *, html: str | None = None,
                    html_hash: str | None = None) -> tuple[dict, bool, bool]:
        """Store a highlight on the page at `url` (made when missing) and
        queue the page's HTML when it is new; one transaction.

        :param record: the HighlightRecord to store
        :returns: the stored highlight, whether it is new, whether HTML was queued
        """
        stamp = now()
        queued = False
        with self.transaction():
            page = self.conn.execute(
                "SELECT p.id, p.title, p.html_hash, q.html_hash AS queued_hash FROM pages p"
                " LEFT JOIN extraction_queue q ON q.page_id = p.id WHERE p.url = ?",
                (url,)).fetchone()
            if page is None:
                page_id = self.conn.execute(
                    "INSERT INTO pages (url, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
                    (url, title, stamp, stamp)).lastrowid
            else:
                page_id = page["id"]
                if title and not page["title"]:
                    self.conn.execute("UPDATE pages SET title = ? WHERE id = ?", (title, page_id))
            created = self._insert_highlight(page_id, record, stamp)
            known = (page["html_hash"], page["queued_hash"]) if page else ()
            if created and html and html_hash not in known:
                self.conn.execute(
                    "INSERT OR REPLACE INTO extraction_queue (page_id, html, html_hash, queued_at)"
                    " VALUES (?, ?, ?, ?)", (page_id, html, html_hash, stamp))
                self.conn.execute("UPDATE pages SET extraction = ? WHERE id = ?",
                                  (PENDING, page_id))
                queued = True
        return self.get_highlight(record.id), created, queued

    def next_extraction(self) -> QueuedExtraction | None:
        """The oldest queued page, or None when the queue is empty."""
        row = self.conn.execute(
            "SELECT q.page_id, q.html, q.html_hash, p.url FROM extraction_queue q"
            " JOIN pages p ON p.id = q.page_id ORDER BY q.queued_at, q.page_id LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return QueuedExtraction(row["page_id"], row["url"], row["html"], row["html_hash"],
                                self._quotes(row["page_id"]))

    def count_queued_extractions(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM extraction_queue").fetchone()[0]

    def _quotes(self, page_id: int, *, without: set[str] = frozenset()) -> list[dict]:
        rows = self.conn.execute(
            "SELECT id, exact, prefix, suffix FROM highlights WHERE page_id = ?", (page_id,))
        return [dict(r) for r in rows if r["id"] not in without]

    def finish_extraction(self, job: QueuedExtraction, *, state: str, article: dict | None,
                          text: str = "", contexts: dict[str, dict] | None = None) -> list[dict]:
        """Write what the worker made of a queued page, unless newer HTML
        replaced it meanwhile, and take it off the queue.

        :param article: the Article as a dict; None when extraction failed or
            ran over its time budget
        :param text: the page's plain text, kept when there is no article
        :param contexts: highlight id -> its located context in `article`
        :returns: the highlights (quotes) made since the job was taken, whose
            context is still to find
        """
        contexts = contexts or {}
        stamp = now()
        with self.transaction():
            queued = self.conn.execute(
                "SELECT html_hash FROM extraction_queue WHERE page_id = ?",
                (job.page_id,)).fetchone()
            if queued is None or queued["html_hash"] != job.html_hash:
                return []
            self.conn.execute("DELETE FROM extraction_queue WHERE page_id = ?", (job.page_id,))
            if article is not None:
                meta = {k: article.get(k) or None for k in PAGE_METADATA}
                self.conn.execute(
                    "UPDATE pages SET title = COALESCE(NULLIF(title, ''), :title, ''),"
                    " site_name = :site_name, byline = :byline, lang = :lang,"
                    " published = :published, image = :image, article_text = :text,"
                    " article = :article, html_hash = :html_hash, extraction = :state,"
                    " updated_at = :stamp WHERE id = :id",
                    {**meta, "text": article.get("text") or "", "article": json.dumps(article),
                     "html_hash": job.html_hash, "state": state, "stamp": stamp,
                     "id": job.page_id})
            else:
                # Keep an article extracted before; a page that never had one
                # keeps its plain text, so search still finds it.
                self.conn.execute(
                    "UPDATE pages SET article_text = CASE WHEN article IS NULL THEN ?"
                    " ELSE article_text END, html_hash = ?, extraction = ?, updated_at = ?"
                    " WHERE id = ?", (text, job.html_hash, state, stamp, job.page_id))
            self._set_contexts(job.page_id, contexts)
            if article is None:
                return []
            return self._quotes(job.page_id, without={h["id"] for h in job.highlights})

    def save_contexts(self, page_id: int, contexts: dict[str, dict]) -> None:
        """Replace the located context of highlights on one page.

        :param contexts: highlight id -> HighlightContext as a dict
        """
        with self.transaction():
            self._set_contexts(page_id, contexts)

    def _set_contexts(self, page_id: int, contexts: dict[str, dict]) -> None:
        self.conn.executemany(
            "UPDATE highlights SET context = ? WHERE id = ? AND page_id = ?",
            [(json.dumps(c), i, page_id) for i, c in contexts.items()])
