"""What every importer shares: the per-record skip report, the factories
that build store records, field checks, colours, timestamps and stable ids.

A file that is not the format at all raises `ImportFailed` (nothing is
imported). Inside a file of the right format, a record that cannot be read
raises `BadRecord`; `ParsedImport.reading()` turns that into one entry of
the skip report and the import goes on with the next record.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from urllib.parse import quote

from ..contract.limits import COLORS
from ..errors import HatcheryError
from ..store import HighlightRecord, ImportPage
from .dates import loose_date
from .matching import IMPORT_NAMESPACE, match_key

__all__ = ["COLORS", "BadRecord", "ImportFailed", "ParsedImport", "Skipped", "book_url",
           "color", "each_highlight", "fail", "file_fail", "new_highlight", "new_page",
           "optional_int", "page_url", "stable_id", "tag_list", "text", "timestamp"]

# Names other tools use for colours we have under another name.
COLOR_SYNONYMS = {"red": "pink", "orange": "yellow", "purple": "pink", "violet": "pink",
                  "magenta": "pink", "cyan": "blue", "teal": "green", "lime": "green"}

# How many page addresses `page_url` remembers normalised: more than the
# pages an export names in a row.
PAGE_URLS_REMEMBERED = 4096

# A time written as we write them (UTC, seconds, Z).
_OUR_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")

# Epoch numbers above this are milliseconds (year 2286 in seconds).
EPOCH_MILLISECONDS_FROM = 10_000_000_000


class ImportFailed(HatcheryError):
    """The file cannot be imported at all (it is not the format, or not
    text); nothing was. The message says why."""

    status = 422
    code = "bad_import"


class BadRecord(Exception):
    """One record of a file cannot be read; it is skipped and reported."""

    def __init__(self, record: str, reason: str):
        super().__init__(f"{record}: {reason}")
        self.record = record
        self.reason = reason


@dataclass(frozen=True)
class Skipped:
    """One record left out of an import: which, and why. `reason` is a
    short phrase shared by every record skipped for the same cause, so the
    report can count them."""

    record: str
    reason: str

    def __str__(self) -> str:
        return f"{self.record}: {self.reason}"


@dataclass
class ParsedImport:
    """An import file read and checked, not yet stored.

    Build it with `page()` and `add()`: pages are merged by URL, and a
    highlight seen twice in the file (same id, or same page, quote and
    position) is kept once.
    """

    format: str
    pages: list[ImportPage] = field(default_factory=list)
    hatches: list[dict] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # How many records the file held (highlights, notes, bookmarks, rows).
    records_in: int = 0
    _by_url: dict[str, ImportPage] = field(default_factory=dict, repr=False)
    _seen: dict[str, HighlightRecord] = field(default_factory=dict, repr=False)

    @property
    def records(self) -> int:
        return len(self.pages) + sum(len(p.highlights) for p in self.pages) + len(self.hatches)

    @property
    def highlights(self) -> int:
        return sum(len(p.highlights) for p in self.pages)

    def skip(self, record: str, reason: str) -> None:
        self.skipped.append(Skipped(record, reason))

    def skip_counts(self) -> dict[str, int]:
        """How many records were skipped for each reason, most first."""
        return dict(Counter(s.reason for s in self.skipped).most_common())

    @contextmanager
    def reading(self, record: str, *, group: bool = False) -> Iterator[None]:
        """Read one record: a `BadRecord` raised inside is reported as
        skipped, and the import goes on after the `with` block.

        :param group: the record holds others read in their own `reading()`
            (a page of highlights); it counts as a record only if skipped
        """
        if not group:
            self.records_in += 1
        try:
            yield
        except BadRecord as bad:
            self.records_in += group
            self.skip(bad.record or record, bad.reason)

    def page(self, url: str, title: str = "", **fields: object) -> ImportPage:
        """The page at `url`, made on first use; blank title and fields are
        filled in from later records."""
        own_id = fields.pop("id", None)
        page = self._by_url.get(url)
        if page is None:
            page = new_page(url, title, id=own_id, **fields)
            self._by_url[url] = page
            self.pages.append(page)
            return page
        page.title = page.title or title
        for key, value in fields.items():
            if value and not page.fields.get(key):
                page.fields[key] = value
        return page

    def add(self, page: ImportPage, highlight: HighlightRecord) -> HighlightRecord:
        """Add a highlight to a page unless the file holds it already;
        returns the highlight kept (an earlier one gets the later one's
        blank-filling note and tags)."""
        keys = [f"id\x1f{highlight.id}"]
        if highlight.start is not None:
            keys.append(match_key(page.url, highlight.exact, highlight.start))
        kept = next((self._seen[k] for k in keys if k in self._seen), None)
        if kept is not None:
            kept.note = kept.note or highlight.note
            kept.tags = list(dict.fromkeys([*kept.tags, *highlight.tags]))
            return kept
        for key in keys:
            self._seen[key] = highlight
        page.highlights.append(highlight)
        return highlight


def each_highlight(parsed: ParsedImport, record: str, highlights: object,
                   read: Callable[[str, dict], None]) -> None:
    """Read a page's list of highlight objects, each in its own
    `reading()`: `read(where, highlight)` for each object, a skip for
    anything else.

    :param record: the page's name in the skip report (with its URL)
    """
    if not isinstance(highlights, list):
        raise fail(record, "`highlights` must be a list")
    for j, highlight in enumerate(highlights, start=1):
        where = f"{record}, highlight {j}"
        with parsed.reading(where):
            if not isinstance(highlight, dict):
                raise fail(where, "it is not an object")
            read(where, highlight)


# -- the records, built in one place (the store's record types may change) --


def new_page(url: str, title: str = "", *, id: int | None = None, **fields: object) -> ImportPage:
    """A page record; `fields` are the store's IMPORT_PAGE_FIELDS (byline,
    site_name, published, article_text, ...)."""
    return ImportPage(url=url, title=title, id=id,
                      fields={k: v for k, v in fields.items() if v is not None})


def new_highlight(id: str, exact: str, **fields: object) -> HighlightRecord:
    """A highlight record: prefix, suffix, start, end, color, note, tags,
    context, created_at, updated_at as the store names them."""
    return HighlightRecord(id=id, exact=exact, **fields)


# -- field checks ------------------------------------------------------------


def fail(record: str, reason: str) -> BadRecord:
    """The error that skips one record (raise it)."""
    return BadRecord(record, reason)


def file_fail(reason: str) -> ImportFailed:
    """The error that refuses the whole file (raise it)."""
    return ImportFailed(f"{reason}; nothing was imported.")


def stable_id(*parts: object) -> str:
    """The same record always gets the same UUID, which is what makes
    importing a file twice add nothing."""
    return str(uuid.uuid5(IMPORT_NAMESPACE, "\x1f".join(str(p) for p in parts)))


def book_url(scheme: str, title: str) -> str:
    """The address of a book (or another page with no URL): `kindle:book/Title`."""
    return f"{scheme}:book/{quote(title, safe='')}"


def text(record: str, data: dict, name: str, *, required: bool = False) -> str:
    value = data.get(name)
    if value is None:
        if required:
            raise fail(record, f"`{name}` is missing")
        return ""
    if not isinstance(value, str):
        raise fail(record, f"`{name}` must be text")
    if required and not value.strip():
        raise fail(record, f"`{name}` is empty")
    return value


def optional_int(record: str, data: dict, name: str) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value >= 2 ** 63:
        raise fail(record, f"`{name}` must be a whole number of at least 0")
    return value


def tag_list(record: str, value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.replace("\n", ",").split(",")
    if not isinstance(value, list):
        raise fail(record, "`tags` must be a list of text")
    tags = []
    for tag in value:
        if isinstance(tag, dict):  # {"name": "..."} as some exports write them
            tag = tag.get("name") or tag.get("value")
        if not isinstance(tag, str):
            raise fail(record, "`tags` must be a list of text")
        if tag.strip():
            tags.append(tag.strip())
    return list(dict.fromkeys(tags))


def color(value: object) -> str:
    """A colour from another tool as one of ours; unknown ones are yellow."""
    if not isinstance(value, str):
        return "yellow"
    name = value.strip().lower()
    if name in COLORS:
        return name
    if name in COLOR_SYNONYMS:
        return COLOR_SYNONYMS[name]
    match = re.fullmatch(r"#?([0-9a-f]{6})", name)
    if match:
        return _nearest_color(match.group(1))
    return "yellow"


def _nearest_color(hex_value: str) -> str:
    r, g, b = (int(hex_value[i:i + 2], 16) for i in (0, 2, 4))
    palette = {"yellow": (253, 230, 138), "green": (187, 247, 208), "blue": (191, 219, 254),
               "pink": (251, 207, 232)}
    return min(palette, key=lambda n: sum((a - c) ** 2 for a, c in zip((r, g, b), palette[n])))


def timestamp(value: object) -> str | None:
    """A time as ours (UTC, seconds, Z), from ISO 8601 text, an epoch
    number (seconds or milliseconds) or a written date in any language
    Kindle uses; None when absent or unreadable. Never the import time."""
    if value in (None, "") or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()):
        return _epoch(float(value))
    if not isinstance(value, str):
        return None
    raw = value.strip()
    if _OUR_TIME.fullmatch(raw) and _is_iso(raw[:-1]):  # most files: no need to rewrite it
        return raw
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return loose_date(raw)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _is_iso(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _epoch(seconds: float) -> str | None:
    if seconds >= EPOCH_MILLISECONDS_FROM:
        seconds /= 1000
    try:
        moment = datetime.fromtimestamp(seconds, timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def page_url(record: str, value: object) -> str:
    """A page's address: an http(s) URL is normalised like a capture's;
    other schemes (urn:, a PDF's fingerprint) are kept as they are."""
    if not isinstance(value, str) or not value.strip():
        raise fail(record, "the page's URL is missing")
    try:
        address = _address(value.strip())
    except ValueError:
        raise fail(record, "the page's URL is not valid") from None
    if address is None:
        raise fail(record, "the page's address is not a URL")
    return address


@lru_cache(maxsize=PAGE_URLS_REMEMBERED)
def _address(value: str) -> str | None:
    """`value` as stored (None when it is no URL); remembered, since a file
    names each page once per highlight and normalising is not cheap.

    :raises ValueError: an http(s) URL that cannot be normalised
    """
    from ..urls import is_web_url, normalize_url

    if is_web_url(value):
        return normalize_url(value)
    return value if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]{0,30}:", value) else None
