"""Our own JSON export, read back losslessly."""

from __future__ import annotations

import pydantic

from ..contract.hatches import Hatch
from ..store import IMPORT_PAGE_FIELDS, MAX_ROWID, ImportPage
from .common import ParsedImport, fail, file_fail, new_highlight, optional_int, tag_list, text

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
        raise file_fail(f"This export's format version {version!r} is newer than this "
                        f"Hatchery reads ({JSON_FORMAT_VERSION}); update Hatchery")
    pages = data.get("pages")
    if not isinstance(pages, list):
        raise file_fail("This Hatchery export has no list of `pages`")
    parsed = ParsedImport(NAME)
    for i, page in enumerate(pages, start=1):
        with parsed.reading(f"page {i}", group=True):
            page_record(parsed, f"page {i}", page)
    hatches = data.get("hatches") or []
    if not isinstance(hatches, list):
        raise file_fail("This Hatchery export's `hatches` is not a list")
    for i, hatch in enumerate(hatches, start=1):
        with parsed.reading(f"hatch {i}"):
            parsed.hatches.append(_hatch(f"hatch {i}", hatch))
    return parsed


def _hatch(record: str, hatch: object) -> dict:
    """A hatch of our export, checked against the shape the API answers
    with (`contract.hatches.Hatch`), so a stored hatch can always be shown."""
    if not isinstance(hatch, dict):
        raise fail(record, "it is not an object")
    title = text(record, hatch, "title", required=True)
    optional_int(record, hatch, "id")
    for name in ("engine", "length", "created_at"):
        text(record, hatch, name)
    result = hatch.get("result")
    if not isinstance(result, dict):
        raise fail(record, "`result` must be an object")
    # Markdown may be missing (older exports): the API renders it from the parts.
    shown = {"markdown": "", **result, "id": 0, "title": title, "engine": "local", "length": "short",
             "page_ids": hatch.get("page_ids") or [],
             "highlight_ids": hatch.get("highlight_ids") or [], "created_at": ""}
    try:
        checked = Hatch.model_validate(shown)
    except pydantic.ValidationError as error:
        where = ".".join(str(part) for part in error.errors()[0]["loc"])
        raise fail(record, f"`{where}` is not what a hatch holds") from None
    if not all(0 <= n <= MAX_ROWID for n in checked.page_ids):
        raise fail(record, "`page_ids` must be page ids")
    return hatch


def page_record(parsed: ParsedImport, record: str, page: object) -> ImportPage:
    """A page of our JSON export, added to `parsed` with the highlights it
    lists (each read on its own: a bad one is skipped)."""
    if not isinstance(page, dict):
        raise fail(record, "it is not an object")
    url = text(record, page, "url", required=True)
    record = f"{record} ({url[:80]})"
    fields = {k: page.get(k) for k in IMPORT_PAGE_FIELDS}
    if fields["article"] is not None and not isinstance(fields["article"], dict):
        raise fail(record, "`article` must be an object")
    for key in set(IMPORT_PAGE_FIELDS) - {"article"}:
        if fields[key] is not None and not isinstance(fields[key], str):
            raise fail(record, f"`{key}` must be text")
    highlights = page.get("highlights") or []
    if not isinstance(highlights, list):
        raise fail(record, "`highlights` must be a list")
    stored = parsed.page(url, text(record, page, "title"),
                         id=optional_int(record, page, "id"), **fields)
    for j, h in enumerate(highlights, start=1):
        with parsed.reading(f"{record}, highlight {j}"):
            parsed.add(stored, _highlight(f"{record}, highlight {j}", h))
    return stored


def _highlight(record: str, h: object):
    if not isinstance(h, dict):
        raise fail(record, "it is not an object")
    context = h.get("context")
    if context is not None and not isinstance(context, dict):
        raise fail(record, "`context` must be an object")
    return new_highlight(
        id=text(record, h, "id", required=True), exact=text(record, h, "exact", required=True),
        prefix=text(record, h, "prefix"), suffix=text(record, h, "suffix"),
        start=optional_int(record, h, "start"), end=optional_int(record, h, "end"),
        color=text(record, h, "color") or "yellow", note=text(record, h, "note"),
        tags=tag_list(record, h.get("tags")), context=context,
        created_at=text(record, h, "created_at") or None,
        updated_at=text(record, h, "updated_at") or None)
