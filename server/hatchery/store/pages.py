"""Pages: one row per URL, with the article extracted from it."""

from __future__ import annotations

import json

from ..errors import NotFoundError
from .base import StoreBase, highlight_dict, now, page_dict, rowid
from .records import PageFilters

PAGE_METADATA = ("title", "site_name", "byline", "lang", "published", "image")


class Pages(StoreBase):
    def page_by_url(self, url: str) -> dict | None:
        row = self.conn.execute("SELECT * FROM pages WHERE url = ?", (url,)).fetchone()
        return page_dict(row) if row else None

    def get_page(self, page_id: int) -> dict:
        row = self.conn.execute("SELECT * FROM pages WHERE id = ?",
                                (rowid(page_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"page {page_id} does not exist")
        return page_dict(row)

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

    def list_pages(self, filters: PageFilters | None = None, *, limit: int = 50,
                   offset: int = 0, with_highlights: bool = False) -> tuple[list[dict], int]:
        """Pages with their highlight counts, most recently active first, and
        how many there are in all.

        :param filters: keep only pages with a highlight that matches, and
            count only those highlights (no filters: every page)
        :param with_highlights: put the (matching) highlights of each page
            under `highlights`
        """
        where, params = _filter_sql(filters or PageFilters())
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
        pages = [page_dict(r, with_article=False) for r in rows]
        if with_highlights and pages:
            self._attach_highlights(pages, where, params)
        return pages, total

    def _attach_highlights(self, pages: list[dict], where: str, params: list) -> None:
        marks = ", ".join("?" for _ in pages)
        highlight_where = f" AND {where}" if where else ""
        rows = self.conn.execute(
            "SELECT h.*, p.url, p.title AS page_title FROM highlights h"
            f" JOIN pages p ON p.id = h.page_id WHERE h.page_id IN ({marks}){highlight_where}"
            " ORDER BY h.start IS NULL, h.start, h.created_at",
            (*[p["id"] for p in pages], *params)).fetchall()
        by_page: dict[int, list[dict]] = {p["id"]: [] for p in pages}
        for row in rows:
            by_page[row["page_id"]].append(highlight_dict(row))
        for page in pages:
            page["highlights"] = by_page[page["id"]]

    def page_urls(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT url FROM pages ORDER BY url")]

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag in use with how many highlights carry it, by name."""
        rows = self.conn.execute(
            "SELECT t.value AS tag, COUNT(*) AS n FROM highlights h, json_each(h.tags) t"
            " GROUP BY t.value ORDER BY t.value COLLATE NOCASE").fetchall()
        return [(r["tag"], r["n"]) for r in rows]

    def delete_page(self, page_id: int) -> None:
        with self.transaction():
            cur = self.conn.execute("DELETE FROM pages WHERE id = ?", (rowid(page_id),))
        if cur.rowcount == 0:
            raise NotFoundError(f"page {page_id} does not exist")


def _filter_sql(filters: PageFilters) -> tuple[str, list]:
    """The WHERE clause (over `h` highlights and `p` pages) and its parameters."""
    wanted = [
        (filters.tag, "EXISTS (SELECT 1 FROM json_each(h.tags) WHERE value = ?)", [filters.tag]),
        (filters.color, "h.color = ?", [filters.color]),
        # The host sits between '://' and the next '/' of a normalised URL.
        (filters.site, "substr(p.url, instr(p.url, '://') + 3, length(?) + 1) = ? || '/'",
         [filters.site, filters.site]),
        (filters.date_from, "substr(h.created_at, 1, 10) >= ?", [filters.date_from]),
        (filters.date_to, "substr(h.created_at, 1, 10) <= ?", [filters.date_to]),
    ]
    chosen = [(clause, params) for value, clause, params in wanted if value]
    return (" AND ".join(c for c, _ in chosen), [p for _, params in chosen for p in params])
