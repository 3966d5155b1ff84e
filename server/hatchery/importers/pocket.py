"""Pocket's data export (the zip Pocket mailed until its 2025 shutdown), as
Pocket's own export service wrote it (Pocket/pocket-monorepo,
`servers/account-data-deleter`): the saves as `part_000000.csv`,
`part_000001.csv`, ... (`title,url,time_added,tags,status`; seconds since
the epoch, tags joined by `|`), and the highlights as
`annotations/part_000000.json`, ...: a list of saved pages, each
`{url, title, highlights: [{quote, created_at}]}` (`created_at` in seconds
since the epoch; Pocket kept no notes on highlights).

Either file imports alone; in the zip, a save's tags go onto its
highlights (the store has no page tags yet).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import jsontext
from . import tables
from .common import (ParsedImport, each_highlight, fail, new_highlight, page_url, stable_id,
                     text, timestamp)

NAME = "pocket"
# The parts Pocket's export zip holds, by name.
LIST_PART = re.compile(r"(?:.*/)?part_\d+\.csv")
ANNOTATIONS_PART = re.compile(r"(?:.*/)?annotations/part_\d+\.json")


def looks_like(data: object) -> bool:
    """A list of pages with `url` and `highlights` of `quote`s (Omnivore's
    and Glasp's have other keys)."""
    if not isinstance(data, list) or not data:
        return False
    return all(isinstance(entry, dict) and "url" in entry and "slug" not in entry
               and isinstance(entry.get("highlights"), list)
               and all(isinstance(h, dict) and "quote" in h for h in entry["highlights"][:5])
               for entry in data[:100])


def is_export(names: list[str]) -> bool:
    """True when a zip's files are Pocket's export parts."""
    return any(ANNOTATIONS_PART.fullmatch(n) for n in names) or (
        bool(names) and all(LIST_PART.fullmatch(n) for n in names))


def parse(data: list, parsed: ParsedImport | None = None, *, name: str = "") -> ParsedImport:
    """Pocket's annotations JSON into `parsed` (a new one if None).

    :param name: the part's name in the zip, for the skip report
    """
    parsed = parsed or ParsedImport(NAME)
    where = f"{name}, " if name else ""
    for i, entry in enumerate(data, start=1):
        with parsed.reading(f"{where}page {i}", group=True):
            _page(parsed, f"{where}page {i}", entry)
    return parsed


def _page(parsed: ParsedImport, record: str, entry: object) -> None:
    if not isinstance(entry, dict):
        raise fail(record, "it is not an object")
    url = page_url(record, entry.get("url"))
    page = parsed.page(url, text(record, entry, "title"))

    def read(where: str, highlight: dict) -> None:
        quote = text(where, highlight, "quote")
        if not quote.strip():
            raise fail(where, "the highlight's text is empty")
        parsed.add(page, new_highlight(id=stable_id("pocket", url, quote), exact=quote,
                                       created_at=timestamp(highlight.get("created_at"))))

    each_highlight(parsed, f"{record} ({url[:60]})", entry.get("highlights"), read)


def parse_export(files: dict[str, bytes], decode: Callable[[bytes], str]) -> ParsedImport:
    """Pocket's export zip: every saves part and every annotations part as
    one import, each save's tags on its highlights.

    :param files: the zip's file names and contents
    :param decode: bytes -> text (the importers' UTF-8 rule)
    """
    parsed = ParsedImport(NAME)
    tags_by_url: dict[str, list[str]] = {}
    for name in sorted(n for n in files if LIST_PART.fullmatch(n)):
        for record, row in tables.rows(parsed, decode(files[name])):
            with parsed.reading(f"{name}, {record}"):
                tables.pocket_row(parsed, f"{name}, {record}", row)
                url = page_url(record, row.get("url"))
                tags_by_url[url] = [t.strip() for t in row.get("tags", "").split("|") if t.strip()]
    for name in sorted(n for n in files if ANNOTATIONS_PART.fullmatch(n)):
        try:
            data = jsontext.loads(decode(files[name]))
        except ValueError:  # TooDeep is one too
            parsed.skip(name, "not valid JSON")
            continue
        if not isinstance(data, list):
            parsed.skip(name, "not a list of saved pages")
            continue
        parse(data, parsed, name=name)
    for page in parsed.pages:
        tags = tags_by_url.get(page.url)
        for highlight in page.highlights if tags else ():
            highlight.tags = list(dict.fromkeys([*highlight.tags, *tags]))
    return parsed
