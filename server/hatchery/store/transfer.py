"""Export in bulk: every page with its highlights, every hatch. (Import is
in `imports`.)"""

from __future__ import annotations

import json

from .base import hatch_dict, highlight_dict, page_dict
from .highlights import Highlights


# Page columns the store works out for itself: an export leaves them out
# and an import makes them again.
DERIVED_PAGE_COLUMNS = ("highlight_count", "last_highlight_at", "extraction")


class Transfer(Highlights):
    def export_pages(self) -> list[dict]:
        """Every page with its article and all its highlights (raw rows), in
        id order: what a lossless export needs."""
        pages = [page_dict(r) for r in self.conn.execute("SELECT * FROM pages ORDER BY id")]
        for page in pages:
            for column in DERIVED_PAGE_COLUMNS:
                page.pop(column, None)
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
