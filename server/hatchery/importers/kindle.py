"""Kindle's `My Clippings.txt`: entries separated by a line of ten `=`.

    Book Title (Author)
    - Your Highlight on page 12 | Location 170-172 | Added on Sunday, March 3, 2019 10:33:15 PM

    The highlighted text
    ==========

A note follows its highlight as its own entry ("Your Note on Location
172"); it joins the highlight whose locations it falls in. Bookmarks carry
no text and are skipped. A book becomes a page at `kindle:book/<title>`.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from urllib.parse import quote

from ..store import HighlightRecord, ImportPage
from .common import ParsedImport, fail, stable_id

NAME = "kindle"
SEPARATOR = "=========="

META = re.compile(
    r"^-\s*Your\s+(?P<kind>Highlight|Note|Bookmark|Clip)\b(?P<where>.*?)"
    r"(?:\|\s*Added on\s+(?P<added>.+))?$", re.IGNORECASE)
LOCATION = re.compile(r"Location\s+(?P<start>\d+)(?:-(?P<end>\d+))?", re.IGNORECASE)
AUTHOR = re.compile(r"^(?P<title>.*?)\s*\((?P<author>[^()]*)\)\s*$")
DATE_FORMATS = ("%A, %B %d, %Y %I:%M:%S %p", "%A, %d %B %Y %H:%M:%S", "%B %d, %Y %I:%M:%S %p")


def looks_like(raw: str) -> bool:
    return SEPARATOR in raw and bool(re.search(r"^- Your (Highlight|Note|Bookmark)", raw, re.M))


def parse(raw: str) -> ParsedImport:
    parsed = ParsedImport(NAME)
    pages: dict[str, ImportPage] = {}
    locations: dict[str, tuple[int, int]] = {}
    entries = [e.strip("\ufeff\r\n ") for e in raw.replace("\r\n", "\n").split(SEPARATOR)]
    for i, entry in enumerate(entries, start=1):
        if not entry:
            continue
        lines = entry.split("\n")
        record = f"clipping {i} ({lines[0].strip()[:60]})"
        if len(lines) < 2:
            raise fail(record, "it has no '- Your Highlight …' line")
        meta = META.match(lines[1].strip())
        if meta is None:
            raise fail(record, f"the second line {lines[1].strip()[:60]!r} is not "
                               "'- Your Highlight|Note|Bookmark …'")
        kind = meta["kind"].lower()
        body = "\n".join(lines[2:]).strip()
        if kind == "bookmark" or not body:
            parsed.skipped.append(f"{record}: a bookmark or an empty clipping")
            continue
        title, author = _title_author(lines[0].strip("\ufeff ").strip())
        url = f"kindle:book/{quote(title, safe='')}"
        page = pages.setdefault(url, ImportPage(url=url, title=title,
                                                fields={"byline": author or None}))
        location = LOCATION.search(meta["where"] or "")
        span = (int(location["start"]), int(location["end"] or location["start"])) \
            if location else None
        created = _date(meta["added"])
        if kind == "note":
            target = _note_target(page, locations, span)
            if target is not None:
                target.note = f"{target.note}\n\n{body}".strip()
                continue
        highlight = HighlightRecord(
            id=stable_id("kindle", title, span or "", body), exact=body,
            color="yellow", created_at=created)
        if any(h.id == highlight.id for h in page.highlights):
            continue  # Kindle repeats a clipping when it is re-synced
        page.highlights.append(highlight)
        if span:
            locations[highlight.id] = span
    parsed.pages = list(pages.values())
    if not parsed.pages and not parsed.skipped:
        raise fail("the file", "it holds no clippings")
    return parsed


def _title_author(line: str) -> tuple[str, str]:
    match = AUTHOR.match(line)
    if match and match["title"]:
        return match["title"], match["author"]
    return line, ""


def _note_target(page: ImportPage, locations: dict[str, tuple[int, int]],
                 span: tuple[int, int] | None) -> HighlightRecord | None:
    """The highlight a note belongs to: the last one on the same book whose
    locations hold the note's location."""
    if span is None:
        return None
    for highlight in reversed(page.highlights):
        start, end = locations.get(highlight.id, (-1, -1))
        if start <= span[0] <= end:
            return highlight
    return None


def _date(text: str | None) -> str | None:
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
        # Kindle writes local time without a zone; we keep it as written.
        return parsed.replace(tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None
