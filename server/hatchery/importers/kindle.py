"""Kindle's `My Clippings.txt`: entries separated by a line of ten `=`.

    Book Title (Author)
    - Your Highlight on page 12 | Location 170-172 | Added on Sunday, March 3, 2019 10:33:15 PM

    The highlighted text
    ==========

Every language and format the firmware has written is read (see
`kindle_words`), one clipping at a time: a clipping that cannot be read is
skipped and reported. A note joins the highlight at its location, whether
it comes before or after it; a highlight re-edited on the device (Kindle
appends the new version) is folded into the longest version; a repeat is
kept once. A book becomes a page at `kindle:book/<title>`, its author the byline.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..store import HighlightRecord, ImportPage
from . import kindle_words
from .common import ParsedImport, book_url, fail, new_highlight, stable_id, timestamp

NAME = "kindle"
SEPARATOR = "=========="

# A clipping's second line is read up to this length; no real one is longer.
MAX_META_CHARS = 500
# How many earlier highlights a note's location is looked for in, when no
# highlight ends or starts exactly where the note is.
NOTE_LOOKBACK = 50


@dataclass
class _Clipping:
    record: str
    kind: str
    book: str
    author: str
    span: tuple[int, int] | None
    body: str
    created: str | None


def looks_like(raw: str) -> bool:
    """A Kindle file: separator lines, and entries whose second line is a
    `- ...` line naming a kind of clipping in one of Kindle's languages."""
    if SEPARATOR not in raw:
        return False
    for entry in raw.split(SEPARATOR, 50)[:50]:
        lines = entry.strip("\ufeff\r\n ").splitlines()
        if len(lines) >= 2 and lines[1].lstrip().startswith("-") and \
                kindle_words.kind(lines[1][:MAX_META_CHARS]):
            return True
    return False


def parse(raw: str) -> ParsedImport:
    parsed = ParsedImport(NAME)
    clippings: list[_Clipping] = []
    for i, entry in enumerate(raw.replace("\r\n", "\n").split(SEPARATOR), start=1):
        entry = entry.strip("\ufeff\n\r \t")
        if not entry:
            continue
        with parsed.reading(f"clipping {i}"):
            clipping = _clipping(i, entry)
            if clipping.kind == "bookmark":
                raise fail(clipping.record, "a bookmark, with no text")
            if not clipping.body:
                raise fail(clipping.record, "an empty clipping (the book allows no clipping)")
            clippings.append(clipping)
    _Books(parsed).add_all(clippings)
    return parsed


def _clipping(i: int, entry: str) -> _Clipping:
    lines = entry.split("\n")
    title_line = lines[0].strip("\ufeff \t")
    record = f"clipping {i} ({title_line[:60]})"
    if len(lines) < 2 or not lines[1].lstrip().startswith("-"):
        raise fail(record, "it has no '- Your Highlight …' line")
    meta = lines[1][:MAX_META_CHARS]
    kind = kindle_words.kind(meta)
    if kind is None:
        raise fail(record, "its second line names no kind of clipping Kindle writes")
    book, author = title_author(title_line)
    return _Clipping(record=record, kind=kind, book=book, author=author,
                     span=kindle_words.location(meta), body="\n".join(lines[2:]).strip(),
                     created=timestamp(kindle_words.added(meta)))


def title_author(line: str) -> tuple[str, str]:
    """`Title (Author)` split at the last balanced parentheses, in one pass
    from the end (the old pattern backtracked on long runs of spaces)."""
    line = line.rstrip()
    if not line.endswith(")"):
        return line, ""
    depth = 0
    for at in range(len(line) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(line[at], 0)
        if depth == 0:
            title = line[:at].rstrip()
            return (title, line[at + 1:-1].strip()) if title else (line, "")
    return line, ""


class _Books:
    """Clippings onto book pages: repeats dropped, edits folded, notes
    joined. Every lookup is by dictionary or bisection, so a file of tens
    of thousands of clippings stays linear."""

    def __init__(self, parsed: ParsedImport):
        self.parsed = parsed
        self.by_text: dict[tuple[str, str], str] = {}   # (page, text) -> first record
        self.by_start: dict[tuple[str, int], HighlightRecord] = {}
        self.by_end: dict[tuple[str, int], HighlightRecord] = {}
        self.starts: dict[str, list[tuple[int, HighlightRecord]]] = {}  # sorted before notes
        self.spans: dict[str, tuple[int, int]] = {}      # highlight id -> span

    def add_all(self, clippings: list[_Clipping]) -> None:
        notes = []
        for clipping in clippings:
            page = self.parsed.page(book_url("kindle", clipping.book),
                                    clipping.book, byline=clipping.author or None)
            if clipping.kind == "note":
                notes.append((page, clipping))
            else:
                self._highlight(page, clipping)
        for starts in self.starts.values():
            starts.sort(key=lambda t: t[0])
        for page, note in notes:  # after every highlight: a note may come first
            self._note(page, note)
        for page in self.parsed.pages:
            page.highlights.sort(key=lambda h: self.spans.get(h.id, (0, 0)))

    def _highlight(self, page: ImportPage, clipping: _Clipping) -> None:
        first = self.by_text.setdefault((page.url, clipping.body), clipping.record)
        if first != clipping.record:
            self.parsed.skip(clipping.record, "the same clipping again (Kindle repeats them)")
            return
        if clipping.span and self._fold(page, clipping):
            return
        highlight = new_highlight(
            id=stable_id("kindle", clipping.book, clipping.span or "", clipping.body),
            exact=clipping.body, color="yellow", created_at=clipping.created)
        page.highlights.append(highlight)
        if clipping.span:
            self._index(page.url, clipping.span, highlight)

    def _fold(self, page: ImportPage, clipping: _Clipping) -> bool:
        """True when the clipping is another version of a highlight at the
        same start or end: the longer text is kept, the other reported."""
        start, end = clipping.span
        earlier = self.by_start.get((page.url, start)) or self.by_end.get((page.url, end))
        if earlier is None:
            return False
        old, new = " ".join(earlier.exact.split()), " ".join(clipping.body.split())
        if new in old:
            self.parsed.skip(clipping.record, "an earlier or shorter version of a highlight")
            return True
        if old not in new:
            return False
        self.parsed.skip(f"the first version of {clipping.record}",
                         "an earlier or shorter version of a highlight")
        earlier.exact, earlier.created_at = clipping.body, clipping.created or earlier.created_at
        old_span = self.spans[earlier.id]
        self._index(page.url, (min(start, old_span[0]), max(end, old_span[1])), earlier)
        return True

    def _index(self, url: str, span: tuple[int, int], highlight: HighlightRecord) -> None:
        self.spans[highlight.id] = span
        self.by_start[(url, span[0])] = highlight
        self.by_end[(url, span[1])] = highlight
        self.starts.setdefault(url, []).append((span[0], highlight))

    def _note(self, page: ImportPage, note: _Clipping) -> None:
        target = self._note_target(page.url, note.span) if note.span else None
        if target is None:
            # A note with no highlight at its place keeps its text as one.
            page.highlights.append(new_highlight(
                id=stable_id("kindle", note.book, note.span or "", note.body),
                exact=note.body, color="yellow", created_at=note.created))
            return
        if note.body not in target.note:
            target.note = f"{target.note}\n\n{note.body}".strip()

    def _note_target(self, url: str, span: tuple[int, int]) -> HighlightRecord | None:
        """The highlight a note belongs to: the one ending at the note's
        location (Kindle puts a note at its highlight's end), else the one
        starting there, else the nearest earlier one that holds it."""
        at = span[0]
        exact = self.by_end.get((url, at)) or self.by_start.get((url, at))
        if exact is not None:
            return exact
        starts = self.starts.get(url, [])
        i = bisect.bisect_right(starts, at, key=lambda t: t[0])
        for start, highlight in reversed(starts[max(0, i - NOTE_LOOKBACK):i]):
            if start <= at <= self.spans[highlight.id][1]:
                return highlight
        return None
