"""Pages: one row per URL, with the article extracted from it."""

from __future__ import annotations

import json

from ..errors import NotFoundError
from .base import MAX_ROWID, StoreBase, highlight_dict, now, page_dict, rowid
from .records import PageFilters

PAGE_METADATA = ("title", "site_name", "byline", "lang", "published", "image")

# What a page list shows of each page: never the article, which can be large.
SUMMARY_COLUMNS = ", ".join(f"p.{c}" for c in (
    "id", "url", *PAGE_METADATA, "html_hash", "extraction", "created_at", "updated_at"))
# The newest highlight's time, or the page's own for a page without any;
# the index pages_by_activity is on this expression.
LAST_ACTIVITY = "COALESCE(p.last_highlight_at, p.updated_at)"


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

    def page_count(self) -> int:
        """How many pages the library holds."""
        return self.conn.execute("SELECT COUNT(*) FROM pages").fetchone()[0]

    def list_pages(self, filters: PageFilters | None = None, *, limit: int = 50,
                   offset: int = 0, with_highlights: bool = False,
                   highlights_per_page: int | None = None) -> tuple[list[dict], int]:
        """Pages with their highlight counts, most recently active first, and
        how many there are in all.

        :param filters: keep only pages with a highlight that matches, and
            count only those highlights (no filters: every page)
        :param with_highlights: put the (matching) highlights of each page
            under `highlights`, in the order they have on the page
        :param highlights_per_page: only the first this many of them (the
            page's `highlight_count` still counts all)
        """
        where, params = _filter_sql(filters or PageFilters())
        if where:
            rows = self.conn.execute(
                f"SELECT {SUMMARY_COLUMNS}, COUNT(h.id) AS highlight_count,"
                " MAX(h.created_at) AS last_activity"
                f" FROM pages p JOIN highlights h ON h.page_id = p.id WHERE {where}"
                " GROUP BY p.id ORDER BY last_activity DESC, p.id DESC LIMIT ? OFFSET ?",
                (*params, limit, offset)).fetchall()
            total = self.conn.execute(
                "SELECT COUNT(DISTINCT p.id) FROM pages p JOIN highlights h"
                f" ON h.page_id = p.id WHERE {where}", params).fetchone()[0]
        else:
            # The summary columns the triggers keep: no article, no grouping.
            rows = self.conn.execute(
                f"SELECT {SUMMARY_COLUMNS}, p.highlight_count, {LAST_ACTIVITY} AS last_activity"
                f" FROM pages p ORDER BY {LAST_ACTIVITY} DESC, p.id DESC LIMIT ? OFFSET ?",
                (limit, offset)).fetchall()
            total = self.conn.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
        pages = [dict(r) for r in rows]
        if with_highlights and pages:
            self._attach_highlights(pages, where, params, highlights_per_page)
        return pages, total

    def _attach_highlights(self, pages: list[dict], where: str, params: list,
                           per_page: int | None) -> None:
        marks = ", ".join("?" for _ in pages)
        highlight_where = f" AND {where}" if where else ""
        # Numbered in page order within each page, from the few columns the
        # order needs; only the first `per_page` of each are read whole.
        rows = self.conn.execute(
            "SELECT h.*, p.url, p.title AS page_title FROM (SELECT h.rowid AS chosen,"
            " ROW_NUMBER() OVER (PARTITION BY h.page_id"
            "                    ORDER BY h.start IS NULL, h.start, h.created_at) AS place"
            " FROM highlights h JOIN pages p ON p.id = h.page_id"
            f" WHERE h.page_id IN ({marks}){highlight_where}) numbered"
            " JOIN highlights h ON h.rowid = numbered.chosen JOIN pages p ON p.id = h.page_id"
            " WHERE numbered.place <= ? ORDER BY numbered.place",
            (*[p["id"] for p in pages], *params,
             MAX_ROWID if per_page is None else per_page)).fetchall()
        by_page: dict[int, list[dict]] = {p["id"]: [] for p in pages}
        for row in rows:
            by_page[row["page_id"]].append(highlight_dict(row))
        for page in pages:
            page["highlights"] = by_page[page["id"]]

    def page_sites(self) -> list[str]:
        """The host of every web page in the library, once each, sorted."""
        # The triggers keep site_counts (schema.HOST is the host).
        rows = self.conn.execute(
            "SELECT site FROM site_counts WHERE site != '' ORDER BY site").fetchall()
        return [r["site"] for r in rows]

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag in use with how many highlights carry it, by name."""
        rows = self.conn.execute(
            "SELECT tag, n FROM tag_counts ORDER BY tag COLLATE NOCASE").fetchall()
        return [(r["tag"], r["n"]) for r in rows]


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
