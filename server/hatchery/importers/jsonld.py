"""W3C Web Annotation JSON-LD: an AnnotationCollection (ours or another
tool's), an AnnotationPage, one Annotation, a list or an `@graph` of them.
Each annotation becomes a highlight per text target (see `w3c`), or is
reported as skipped with the reason."""

from __future__ import annotations

from . import ours, w3c
from .common import (COLORS, ParsedImport, fail, file_fail, new_highlight, optional_int,
                     page_url, stable_id, tag_list, text, timestamp)
from .matching import HYPOTHESIS_ANNOTATION_URL, foreign_id

NAME = "web-annotation"
CONTAINERS = {"AnnotationCollection", "AnnotationPage", "Annotation"}
# A paged collection is followed through at most this many embedded pages.
MAX_PAGES = 100_000


def looks_like(data: object) -> bool:
    if isinstance(data, list):
        return all(isinstance(a, dict) for a in data[:100]) and \
            any(w3c.is_annotation(a) for a in data[:100])
    if not isinstance(data, dict):
        return False
    context = data.get("@context")
    contexts = context if isinstance(context, list) else [context]
    return any(isinstance(c, str) and "w3.org/ns/anno" in c for c in contexts) or \
        bool(w3c.types(data) & CONTAINERS) or w3c.is_annotation(data)


def _items(data: object) -> list:
    if isinstance(data, list):
        return data
    kinds = w3c.types(data)
    if w3c.is_annotation(data):
        return [data]
    if isinstance(data.get("@graph"), list):
        return data["@graph"]
    if "AnnotationPage" in kinds:
        return data.get("items") or []
    page = data.get("first")
    if isinstance(page, str):
        raise file_fail("This AnnotationCollection's annotations are not in the file (its "
                        f"first page is at {page[:200]})")
    items: list = []
    for _ in range(MAX_PAGES):  # our exports hold one page; others embed the rest as `next`
        if not isinstance(page, dict):
            break
        items.extend(page.get("items") or [])
        page = page.get("next")
    return items or data.get("items") or []


def parse(data: object) -> ParsedImport:
    items = _items(data)
    if not isinstance(items, list):
        raise file_fail("The annotations in this JSON-LD file are not a list")
    parsed = ParsedImport(NAME)
    _our_pages(parsed, data)
    for i, item in enumerate(items, start=1):
        with parsed.reading(f"annotation {i}"):
            _annotation(parsed, i, item)
    return parsed


def _annotation(parsed: ParsedImport, i: int, item: object) -> None:
    record = f"annotation {i}"
    if not w3c.is_annotation(item):
        raise fail(record, "it is not an Annotation")
    own_id = w3c.node_id(item)
    if own_id:
        record = f"annotation {i} ({own_id[:80]})"
    targets = w3c.expand(item.get("target"))
    if not targets:
        raise fail(record, "it has no target")
    found = [w3c.passage(t) for t in targets]
    passages = [p for p in found if isinstance(p, w3c.Passage)]
    if not passages:
        raise fail(record, found[0])
    for n, reason in enumerate(found, start=1):
        if isinstance(reason, str):
            parsed.skip(f"{record}, target {n}", reason)
    said = w3c.bodies(item)
    for nth, where in enumerate(passages):
        url = page_url(record, where.url)
        page = parsed.page(url, where.title)
        exact = where.quote["exact"]
        parsed.add(page, new_highlight(
            id=_highlight_id(own_id, url, exact, nth),
            exact=exact, prefix=text(record, where.quote, "prefix"),
            suffix=text(record, where.quote, "suffix"),
            start=optional_int(record, where.position, "start"),
            end=optional_int(record, where.position, "end"),
            color=where.style if where.style in COLORS else "yellow",
            note="\n\n".join(said.notes), tags=tag_list(record, said.tags),
            context=_context(record, item.get("hatchery:context")),
            created_at=timestamp(item.get("created")),
            updated_at=timestamp(item.get("modified"))))


def _our_pages(parsed: ParsedImport, data: object) -> None:
    """The pages our own export lists under `hatchery:pages` (metadata,
    article, ids); other tools' files have none."""
    listed = data.get("hatchery:pages") if isinstance(data, dict) else None
    if listed is None:
        return
    if not isinstance(listed, list):
        raise file_fail("`hatchery:pages` in this file is not a list")
    for i, page in enumerate(listed, start=1):
        with parsed.reading(f"page {i}", group=True):
            ours.page_record(parsed, f"page {i}", page)


def _context(record: str, value: object) -> dict | None:
    if value is not None and not isinstance(value, dict):
        raise fail(record, "`hatchery:context` must be an object")
    return value


def _highlight_id(annotation_id: str | None, url: str, exact: str, target: int) -> str:
    """Our own `urn:uuid:` ids come back as they were; a Hypothesis
    annotation gets the id its Hypothesis JSON gets; other ids map to a
    stable UUID, so a second import adds nothing."""
    if annotation_id is None:
        return stable_id("web-annotation", url, exact)
    if target:
        return stable_id("web-annotation", annotation_id, target)
    for prefix in ("urn:uuid:", "urn:hatchery:highlight:"):
        if annotation_id.startswith(prefix):
            return annotation_id[len(prefix):]
    if HYPOTHESIS_ANNOTATION_URL.fullmatch(annotation_id):
        return foreign_id("hypothesis", annotation_id)
    return stable_id("web-annotation", annotation_id)
