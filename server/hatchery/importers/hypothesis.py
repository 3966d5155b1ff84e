"""Hypothesis' annotation export: `{"annotations": [...]}` from the client's
export, `{"rows": [...]}` from the search API, or a bare list. Its JSON-LD
form is read by `jsonld`, to the same ids (see `matching.foreign_id`)."""

from __future__ import annotations

from .common import (ParsedImport, fail, new_highlight, optional_int, page_url, tag_list,
                     text, timestamp)
from .matching import foreign_id

NAME = "hypothesis"


def _annotations(data: object) -> object:
    if isinstance(data, dict):
        return data.get("annotations", data.get("rows"))
    return data


def looks_like(data: object) -> bool:
    items = _annotations(data)
    return isinstance(items, list) and bool(items) and all(
        isinstance(a, dict) and "uri" in a and "target" in a for a in items[:100])


def parse(data: object) -> ParsedImport:
    parsed = ParsedImport(NAME)
    for i, item in enumerate(_annotations(data), start=1):
        with parsed.reading(f"annotation {i}"):
            _annotation(parsed, i, item)
    return parsed


def _annotation(parsed: ParsedImport, i: int, item: object) -> None:
    record = f"annotation {i}"
    if not isinstance(item, dict):
        raise fail(record, "it is not an object")
    if isinstance(item.get("id"), str):
        record = f"annotation {i} ({item['id'][:80]})"
    if item.get("references"):
        raise fail(record, "a reply to another annotation")
    targets = item.get("target")
    if not isinstance(targets, list):
        raise fail(record, "`target` must be a list")
    target = targets[0] if targets else {}
    selectors = target.get("selector") if isinstance(target, dict) else None
    selectors = selectors if isinstance(selectors, list) else []
    quote = next((s for s in selectors if isinstance(s, dict)
                  and s.get("type") == "TextQuoteSelector"), None)
    if quote is None:
        raise fail(record, "a page note, with no highlighted text")
    exact = text(record, quote, "exact", required=True)
    position = next((s for s in selectors if isinstance(s, dict)
                     and s.get("type") == "TextPositionSelector"), {})
    url = page_url(record, item.get("uri"))
    own_id = item.get("id") if isinstance(item.get("id"), str) else f"{url}\x1f{exact}"
    page = parsed.page(url, _title(item))
    parsed.add(page, new_highlight(
        id=foreign_id("hypothesis", own_id),
        exact=exact, prefix=text(record, quote, "prefix"),
        suffix=text(record, quote, "suffix"),
        start=optional_int(record, position, "start"),
        end=optional_int(record, position, "end"),
        note=text(record, item, "text"), tags=tag_list(record, item.get("tags")),
        created_at=timestamp(item.get("created")),
        updated_at=timestamp(item.get("updated"))))


def _title(item: dict) -> str:
    """The page title: Hypothesis keeps `document.title` as a list."""
    document = item.get("document")
    titles = document.get("title") if isinstance(document, dict) else None
    if isinstance(titles, list):
        titles = next((t for t in titles if isinstance(t, str)), "")
    return titles if isinstance(titles, str) else ""
