"""Export and import in bulk: every page with its highlights, every hatch,
and a batch of them written in one transaction."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace

from .base import hatch_dict, highlight_dict, now, page_dict
from .highlights import Highlights
from .records import IMPORT_PAGE_FIELDS, HighlightRecord, ImportPage

# Given a page's URL and its stored highlights (`id`, `exact`, `start`),
# the lookup that names the stored highlight an imported one is, or None.
KnownLookup = Callable[[str, list[dict]], Callable[[HighlightRecord], "str | None"]]


class Transfer(Highlights):
    def export_pages(self) -> list[dict]:
        """Every page with its article and all its highlights (raw rows), in
        id order: what a lossless export needs."""
        pages = [page_dict(r) for r in self.conn.execute("SELECT * FROM pages ORDER BY id")]
        by_page: dict[int, list[dict]] = {p["id"]: [] for p in pages}
        for row in self.conn.execute(
                "SELECT * FROM highlights ORDER BY page_id, start IS NULL, start,"
                " created_at, id"):
            by_page[row["page_id"]].append(highlight_dict(row))
        for page in pages:
            page["highlights"] = by_page[page["id"]]
        return pages

    def export_hatches(self) -> list[dict]:
        return [hatch_dict(r) for r in self.conn.execute("SELECT * FROM hatches ORDER BY id")]

    def import_batch(self, pages: Sequence[ImportPage], hatches: Sequence[dict] = (),
                     progress: Callable[[int], None] | None = None,
                     known: KnownLookup | None = None) -> dict[str, int]:
        """Add pages, highlights and hatches in one transaction: all or nothing.

        Idempotent: a page is matched by URL, a highlight by id (or, with
        `known`, by passage among its page's stored highlights), a hatch by
        its creation time, title and highlights. Blank fields of what is
        already there are filled in (a page's title and article, a
        highlight's note and tags), nothing is overwritten. A page keeps its
        exported id when that id is free, so a round trip into an empty
        store is exact.

        :param progress: called with the number of records just written
        :param known: makes, for a page already stored, the lookup that
            names the stored highlight an imported one with a new id is
        :returns: counts of what was added and what was already there
        """
        counts = {"pages": 0, "highlights": 0, "hatches": 0, "existing_highlights": 0,
                  "existing_hatches": 0}
        page_ids: dict[int, int] = {}
        stamp = now()
        with self.transaction():
            for page in pages:
                new_pages = counts["pages"]
                page_id = self._import_page(page, stamp, counts)
                if page.id is not None:
                    page_ids[page.id] = page_id
                same_as = None
                if known is not None and page.highlights and counts["pages"] == new_pages:
                    same_as = known(page.url, self._passages(page_id))
                for record in page.highlights:
                    if same_as is not None and not self._has_highlight(record.id):
                        record = replace(record, id=same_as(record) or record.id)
                    created = self._insert_highlight(page_id, record, stamp)
                    if not created:
                        self._fill_blanks(record)
                    counts["highlights" if created else "existing_highlights"] += 1
                if progress:
                    progress(1 + len(page.highlights))
            for hatch in hatches:
                self._import_hatch(hatch, page_ids, stamp, counts)
                if progress:
                    progress(1)
        return counts

    def _passages(self, page_id: int) -> list[dict]:
        """A page's stored highlights, as much as matching needs."""
        return [dict(r) for r in self.conn.execute(
            "SELECT id, exact, start FROM highlights WHERE page_id = ?", (page_id,))]

    def _has_highlight(self, highlight_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM highlights WHERE id = ?",
                                 (highlight_id,)).fetchone() is not None

    def _fill_blanks(self, record: HighlightRecord) -> None:
        """Give a stored highlight the imported note and tags it lacks."""
        tags = json.dumps(list(record.tags))
        self.conn.execute(
            "UPDATE highlights SET note = CASE WHEN note = '' THEN :note ELSE note END,"
            " tags = CASE WHEN tags = '[]' THEN :tags ELSE tags END"
            " WHERE id = :id AND ((note = '' AND :note != '') OR (tags = '[]' AND :tags != '[]'))",
            {"id": record.id, "note": record.note or "", "tags": tags})

    def _import_page(self, page: ImportPage, stamp: str, counts: dict[str, int]) -> int:
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
        result = remap_sources(hatch.get("result") or {}, page_ids)
        self.conn.execute(
            "INSERT INTO hatches (id, title, engine, length, page_ids, highlight_ids, result,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (hatch_id, hatch["title"], hatch.get("engine") or "local",
             hatch.get("length") or "short", json.dumps(mapped), highlight_ids,
             json.dumps(result), created_at))
        counts["hatches"] += 1


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
