"""Glasp's highlight export: `results[]` of pages with `url`, `title`,
`author`, `tags`, `document_note`, `summary` and `highlights[]` of `text`,
`note`, `color`, `highlighted_at`, `created_at`, `updated_at`.

The store has no page note or summary column yet: both are kept as the
page's article text (labelled), which is searched and shown with the page.
"""

from __future__ import annotations

from .common import (ParsedImport, color, fail, new_highlight, page_url, stable_id, tag_list,
                     text, timestamp)

NAME = "glasp"


def looks_like(data: object) -> bool:
    return isinstance(data, dict) and isinstance(data.get("results"), list) and all(
        isinstance(r, dict) and "highlights" in r for r in data["results"][:100])


def parse(data: dict) -> ParsedImport:
    parsed = ParsedImport(NAME)
    for i, result in enumerate(data["results"], start=1):
        with parsed.reading(f"result {i}", group=True):
            _result(parsed, i, result)
    return parsed


def _result(parsed: ParsedImport, i: int, result: object) -> None:
    record = f"result {i}"
    if not isinstance(result, dict):
        raise fail(record, "it is not an object")
    url = page_url(record, result.get("url"))
    record = f"result {i} ({url})"
    highlights = result.get("highlights")
    if not isinstance(highlights, list):
        raise fail(record, "`highlights` must be a list")
    page_tags = tag_list(record, result.get("tags"))
    page = parsed.page(url, _first(result, "title"), byline=_first(result, "author") or None,
                       article_text=_about(result) or None)
    for j, h in enumerate(highlights, start=1):
        with parsed.reading(f"{record}, highlight {j}"):
            _highlight(parsed, page, page_tags, f"{record}, highlight {j}", h)


def _highlight(parsed: ParsedImport, page, page_tags: list[str], where: str, h: object) -> None:
    if not isinstance(h, dict):
        raise fail(where, "it is not an object")
    exact = text(where, h, "text", required=True)
    highlighted = timestamp(h.get("highlighted_at") or h.get("highlightedAt"))
    created = highlighted or timestamp(h.get("created_at") or h.get("createdAt"))
    own_id = h.get("id") or h.get("highlightId") or ""
    parsed.add(page, new_highlight(
        id=stable_id("glasp", page.url, own_id, exact, created or ""),
        exact=exact, note=text(where, h, "note"), color=color(h.get("color")),
        tags=list(dict.fromkeys(page_tags + tag_list(where, h.get("tags")))),
        created_at=created,
        updated_at=timestamp(h.get("updated_at") or h.get("updatedAt"))))


def _first(result: dict, name: str) -> str:
    value = result.get(name)
    return value.strip() if isinstance(value, str) else ""


def _about(result: dict) -> str:
    """Glasp's document note and summary, labelled, as one text."""
    parts = [(label, _first(result, key)) for label, key in
             (("Summary", "summary"), ("Note", "document_note"))]
    return "\n\n".join(f"{label}: {value}" for label, value in parts if value)
