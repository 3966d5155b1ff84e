"""W3C Web Annotation JSON-LD: an AnnotationCollection (ours or another
tool's), an AnnotationPage, one Annotation or a list of them."""

from __future__ import annotations

from ..store import HighlightRecord, ImportPage
from . import ours
from .common import (COLORS, ParsedImport, fail, optional_int, page_url, stable_id,
                     tag_list, timestamp)

NAME = "web-annotation"


def looks_like(data: object) -> bool:
    if isinstance(data, list):
        return bool(data) and all(isinstance(a, dict) and a.get("type") == "Annotation"
                                  for a in data)
    if not isinstance(data, dict):
        return False
    context = data.get("@context")
    contexts = context if isinstance(context, list) else [context]
    return any(isinstance(c, str) and "w3.org/ns/anno" in c for c in contexts) or \
        data.get("type") in ("AnnotationCollection", "AnnotationPage", "Annotation")


def _items(data: object) -> list:
    if isinstance(data, list):
        return data
    kind = data.get("type")
    if kind == "Annotation":
        return [data]
    if kind == "AnnotationPage":
        return data.get("items") or []
    first = data.get("first")
    if isinstance(first, dict):
        items = list(first.get("items") or [])
        # Our exports hold one page; a paged collection embeds the rest as `next`.
        page = first
        while isinstance(page.get("next"), dict):
            page = page["next"]
            items.extend(page.get("items") or [])
        return items
    return data.get("items") or []


def parse(data: object) -> ParsedImport:
    items = _items(data)
    if not isinstance(items, list):
        raise fail("the file", "the annotations must be a list")
    parsed = ParsedImport(NAME)
    pages = _our_pages(data)
    for i, item in enumerate(items, start=1):
        record = f"annotation {i}"
        if not isinstance(item, dict) or item.get("type") != "Annotation":
            raise fail(record, "it is not an Annotation")
        if isinstance(item.get("id"), str):
            record = f"annotation {i} ({item['id']})"
        target = item.get("target")
        if isinstance(target, list):
            target = target[0] if target else None
        if isinstance(target, str):
            parsed.skipped.append(f"{record}: it annotates a whole page, not a passage")
            continue
        if not isinstance(target, dict):
            raise fail(record, "`target` is missing")
        source = target.get("source")
        title = ""
        if isinstance(source, dict):
            title = source.get("title") if isinstance(source.get("title"), str) else ""
            source = source.get("id")
        url = page_url(record, source)
        selectors = target.get("selector") or []
        if isinstance(selectors, dict):
            selectors = [selectors]
        quote = next((s for s in selectors if isinstance(s, dict)
                      and s.get("type") == "TextQuoteSelector"), None)
        if quote is None or not isinstance(quote.get("exact"), str) or not quote["exact"]:
            parsed.skipped.append(f"{record}: it has no TextQuoteSelector with text")
            continue
        # Kept as given: the W3C unit (code points) is the one we store. A
        # tool counting UTF-16 units (Hypothesis) differs only after emoji,
        # and a position is only a hint the extension checks against the quote.
        position = next((s for s in selectors if isinstance(s, dict)
                         and s.get("type") == "TextPositionSelector"), {})
        note, tags = _bodies(record, item.get("body"))
        style = target.get("styleClass")
        page = pages.setdefault(url, ImportPage(url=url, title=title))
        page.title = page.title or title
        page.highlights.append(HighlightRecord(
            id=_highlight_id(item.get("id"), url, quote["exact"]),
            exact=quote["exact"],
            prefix=quote.get("prefix") if isinstance(quote.get("prefix"), str) else "",
            suffix=quote.get("suffix") if isinstance(quote.get("suffix"), str) else "",
            start=optional_int(record, position, "start"),
            end=optional_int(record, position, "end"),
            color=style if style in COLORS else "yellow", note=note, tags=tags,
            context=_context(record, item.get("hatchery:context")),
            created_at=timestamp(record, item.get("created")),
            updated_at=timestamp(record, item.get("modified"))))
    parsed.pages = list(pages.values())
    return parsed


def _our_pages(data: object) -> dict[str, ImportPage]:
    """The pages our own export lists under `hatchery:pages` (metadata,
    article, ids), by URL; empty for other tools' files."""
    listed = data.get("hatchery:pages") if isinstance(data, dict) else None
    if listed is None:
        return {}
    if not isinstance(listed, list):
        raise fail("the file", "`hatchery:pages` must be a list")
    pages = [ours.page_record(f"page {i}", page) for i, page in enumerate(listed, start=1)]
    return {page.url: page for page in pages}


def _context(record: str, value: object) -> dict | None:
    if value is not None and not isinstance(value, dict):
        raise fail(record, "`hatchery:context` must be an object")
    return value


def _bodies(record: str, body: object) -> tuple[str, list[str]]:
    bodies = body if isinstance(body, list) else [body] if body else []
    notes, tags = [], []
    for b in bodies:
        if isinstance(b, str):
            continue  # a link to an external body: nothing to keep as text
        if not isinstance(b, dict) or not isinstance(b.get("value", ""), str):
            raise fail(record, "a body must be a TextualBody with a text `value`")
        if b.get("purpose") == "tagging":
            tags.append(b.get("value", ""))
        elif b.get("value"):
            notes.append(b["value"])
    return "\n\n".join(notes), tag_list(record, tags)


def _highlight_id(annotation_id: object, url: str, exact: str) -> str:
    """Our own `urn:uuid:` ids come back as they were; other ids map to a
    stable UUID, so a second import adds nothing."""
    if isinstance(annotation_id, str):
        if annotation_id.startswith("urn:uuid:"):
            return annotation_id[len("urn:uuid:"):]
        if annotation_id.startswith("urn:hatchery:highlight:"):
            return annotation_id[len("urn:hatchery:highlight:"):]
        return stable_id("web-annotation", annotation_id)
    return stable_id("web-annotation", url, exact)
