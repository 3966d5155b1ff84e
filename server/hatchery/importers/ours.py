"""Our own JSON export, read back losslessly."""

from __future__ import annotations

from ..store import IMPORT_PAGE_FIELDS, HighlightRecord, ImportPage
from .common import ParsedImport, fail, optional_int, tag_list, text

NAME = "hatchery-json"

# Our own JSON export says what it is, so this importer can recognise it
# (services/exports.py writes these).
JSON_FORMAT_NAME = "hatchery"
JSON_FORMAT_VERSION = 1


def looks_like(data: object) -> bool:
    return isinstance(data, dict) and data.get("format") == JSON_FORMAT_NAME


def parse(data: dict) -> ParsedImport:
    version = data.get("version")
    if not isinstance(version, int) or version > JSON_FORMAT_VERSION:
        raise fail("the file", f"format version {version!r} is newer than this Hatchery "
                               f"reads ({JSON_FORMAT_VERSION}); update Hatchery")
    pages = data.get("pages")
    if not isinstance(pages, list):
        raise fail("the file", "`pages` must be a list")
    parsed = ParsedImport(NAME)
    for i, page in enumerate(pages, start=1):
        parsed.pages.append(page_record(f"page {i}", page))
    hatches = data.get("hatches") or []
    if not isinstance(hatches, list):
        raise fail("the file", "`hatches` must be a list")
    for i, hatch in enumerate(hatches, start=1):
        record = f"hatch {i}"
        if not isinstance(hatch, dict):
            raise fail(record, "it is not an object")
        text(record, hatch, "title", required=True)
        if not isinstance(hatch.get("result", {}), dict):
            raise fail(record, "`result` must be an object")
        parsed.hatches.append(hatch)
    return parsed


def page_record(record: str, page: object) -> ImportPage:
    """A page of our JSON export (with its highlights, if it lists any)."""
    if not isinstance(page, dict):
        raise fail(record, "it is not an object")
    url = text(record, page, "url", required=True)
    record = f"{record} ({url})"
    fields = {k: page.get(k) for k in IMPORT_PAGE_FIELDS}
    if fields["article"] is not None and not isinstance(fields["article"], dict):
        raise fail(record, "`article` must be an object")
    for key in set(IMPORT_PAGE_FIELDS) - {"article"}:
        if fields[key] is not None and not isinstance(fields[key], str):
            raise fail(record, f"`{key}` must be text")
    highlights = page.get("highlights") or []
    if not isinstance(highlights, list):
        raise fail(record, "`highlights` must be a list")
    return ImportPage(url=url, title=text(record, page, "title"),
                      id=optional_int(record, page, "id"), fields=fields,
                      highlights=[_highlight(f"{record}, highlight {j}", h)
                                  for j, h in enumerate(highlights, start=1)])


def _highlight(record: str, h: object) -> HighlightRecord:
    if not isinstance(h, dict):
        raise fail(record, "it is not an object")
    context = h.get("context")
    if context is not None and not isinstance(context, dict):
        raise fail(record, "`context` must be an object")
    return HighlightRecord(
        id=text(record, h, "id", required=True), exact=text(record, h, "exact", required=True),
        prefix=text(record, h, "prefix"), suffix=text(record, h, "suffix"),
        start=optional_int(record, h, "start"), end=optional_int(record, h, "end"),
        color=text(record, h, "color") or "yellow", note=text(record, h, "note"),
        tags=tag_list(record, h.get("tags")), context=context,
        created_at=text(record, h, "created_at") or None,
        updated_at=text(record, h, "updated_at") or None)
