"""Glasp's highlight export: `results[]` of pages with `url`, `title`, `tags`
and `highlights[]` of `text`, `note`, `color`, `created_at`."""

from __future__ import annotations

from ..store import HighlightRecord, ImportPage
from .common import ParsedImport, color, fail, page_url, stable_id, tag_list, text, timestamp

NAME = "glasp"


def looks_like(data: object) -> bool:
    return isinstance(data, dict) and isinstance(data.get("results"), list) and all(
        isinstance(r, dict) and "highlights" in r for r in data["results"])


def parse(data: dict) -> ParsedImport:
    parsed = ParsedImport(NAME)
    pages: dict[str, ImportPage] = {}
    for i, result in enumerate(data["results"], start=1):
        record = f"result {i}"
        url = page_url(record, result.get("url"))
        record = f"result {i} ({url})"
        title = text(record, result, "title")
        page_tags = tag_list(record, result.get("tags"))
        highlights = result.get("highlights")
        if not isinstance(highlights, list):
            raise fail(record, "`highlights` must be a list")
        page = pages.setdefault(url, ImportPage(url=url, title=title))
        for j, h in enumerate(highlights, start=1):
            where = f"{record}, highlight {j}"
            if not isinstance(h, dict):
                raise fail(where, "it is not an object")
            exact = text(where, h, "text", required=True)
            created = timestamp(where, h.get("created_at") or h.get("createdAt"))
            own_id = h.get("id") or h.get("highlightId") or ""
            tags = list(dict.fromkeys(page_tags + tag_list(where, h.get("tags"))))
            page.highlights.append(HighlightRecord(
                id=stable_id("glasp", url, own_id, exact, created or ""),
                exact=exact, note=text(where, h, "note"), color=color(h.get("color")),
                tags=tags, created_at=created,
                updated_at=timestamp(where, h.get("updated_at") or h.get("updatedAt"))))
    parsed.pages = list(pages.values())
    return parsed
