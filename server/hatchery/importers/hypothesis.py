"""Hypothesis' annotation export: `{"annotations": [...]}` from the client's
export, `{"rows": [...]}` from the search API, or a bare list."""

from __future__ import annotations

from ..store import HighlightRecord, ImportPage
from .common import (ParsedImport, fail, optional_int, page_url, stable_id, tag_list, text,
                     timestamp)

NAME = "hypothesis"


def _annotations(data: object) -> object:
    if isinstance(data, dict):
        return data.get("annotations", data.get("rows"))
    return data


def looks_like(data: object) -> bool:
    items = _annotations(data)
    return isinstance(items, list) and bool(items) and all(
        isinstance(a, dict) and "uri" in a and "target" in a for a in items)


def parse(data: object) -> ParsedImport:
    parsed = ParsedImport(NAME)
    pages: dict[str, ImportPage] = {}
    for i, item in enumerate(_annotations(data), start=1):
        record = f"annotation {i}"
        if isinstance(item.get("id"), str):
            record = f"annotation {i} ({item['id']})"
        if item.get("references"):
            parsed.skipped.append(f"{record}: a reply to another annotation")
            continue
        targets = item.get("target")
        if not isinstance(targets, list):
            raise fail(record, "`target` must be a list")
        target = targets[0] if targets else {}
        selectors = target.get("selector") if isinstance(target, dict) else None
        quote = next((s for s in selectors or [] if isinstance(s, dict)
                      and s.get("type") == "TextQuoteSelector"), None)
        if quote is None:
            parsed.skipped.append(f"{record}: a page note, with no highlighted text")
            continue
        exact = text(record, quote, "exact", required=True)
        position = next((s for s in selectors if isinstance(s, dict)
                         and s.get("type") == "TextPositionSelector"), {})
        url = page_url(record, item.get("uri"))
        title = _title(item)
        page = pages.setdefault(url, ImportPage(url=url, title=title))
        page.title = page.title or title
        page.highlights.append(HighlightRecord(
            id=stable_id("hypothesis", item.get("id") or f"{url}\x1f{exact}"),
            exact=exact, prefix=text(record, quote, "prefix"),
            suffix=text(record, quote, "suffix"),
            start=optional_int(record, position, "start"),
            end=optional_int(record, position, "end"),
            note=text(record, item, "text"), tags=tag_list(record, item.get("tags")),
            created_at=timestamp(record, item.get("created")),
            updated_at=timestamp(record, item.get("updated"))))
    parsed.pages = list(pages.values())
    return parsed


def _title(item: dict) -> str:
    """The page title: Hypothesis keeps `document.title` as a list."""
    document = item.get("document")
    titles = document.get("title") if isinstance(document, dict) else None
    if isinstance(titles, list):
        titles = next((t for t in titles if isinstance(t, str)), "")
    return titles if isinstance(titles, str) else ""
