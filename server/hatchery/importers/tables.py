"""CSV exports, told apart by their header row: Hatchery's own CSV,
Readwise, Hypothesis, Instapaper, Pocket and Raindrop.io. Each row is one
record; a row that cannot be read is skipped and reported.

Pocket and Raindrop.io (and Instapaper rows without a selection) hold
saved pages, not highlights: they become pages with no highlights. The
store has no page tags or page notes yet, so a bookmark's tags are kept
only on its highlights, and its note and excerpt as the page's article
text (labelled).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from .common import (ParsedImport, book_url, color, fail, new_highlight, page_url, stable_id,
                     tag_list, timestamp)

# A spreadsheet cell our CSV export wrote with a leading apostrophe, so a
# spreadsheet would not run it as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Cells may hold whole articles; the csv module's default limit is 128 KB.
MAX_CELL_CHARS = 20_000_000


def header(content: str) -> list[str]:
    """The first row's cells, lower-cased and trimmed ([] if none)."""
    first = content[:20_000].split("\n", 1)[0]
    try:
        row = next(csv.reader([first]), [])
    except csv.Error:
        return []
    return [cell.strip().lower() for cell in row]


def rows(parsed: ParsedImport, content: str, *,
         strip: bool = True) -> Iterator[tuple[str, dict[str, str]]]:
    """(record name, row) for each data row, keys lower-cased; a CSV that
    breaks mid-file is reported and read up to there.

    :param strip: trim each cell (our own CSV keeps the spaces at the edges
        of a highlight's prefix and suffix, so it is read as written)
    """
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.DictReader(io.StringIO(content, newline=""))
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames or []]
    line = 1
    try:
        for line, row in enumerate(reader, start=2):
            yield f"row {line}", {k: (v or "").strip() if strip else (v or "")
                                  for k, v in row.items() if k}
    except csv.Error as error:
        parsed.skip(f"the rows after row {line}", f"the CSV is broken there ({error})")


def _cell(value: str) -> str:
    if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 18 else None


def _about(**labelled: str) -> str | None:
    return "\n\n".join(f"{label}: {value}" for label, value in labelled.items() if value) or None


# -- one function per format: a row into `parsed` -----------------------------


def hatchery_row(parsed: ParsedImport, record: str, row: dict[str, str]) -> None:
    row = {k: _cell(v) for k, v in row.items()}
    url = page_url(record, row.get("page_url"))
    exact = row.get("text") or ""
    if not exact:
        raise fail(record, "the highlight's text is empty")
    page = parsed.page(url, row.get("page_title", ""), site_name=row.get("site") or None)
    parsed.add(page, new_highlight(
        id=row.get("highlight_id") or stable_id("hatchery-csv", url, exact),
        exact=exact, note=row.get("note", ""), color=color(row.get("color")),
        tags=tag_list(record, row.get("tags")), prefix=row.get("prefix", ""),
        suffix=row.get("suffix", ""), start=_int(row.get("start", "")),
        end=_int(row.get("end", "")), created_at=timestamp(row.get("created_at")),
        updated_at=timestamp(row.get("updated_at"))))


def readwise_row(parsed: ParsedImport, record: str, row: dict[str, str]) -> None:
    exact, title = row.get("highlight", ""), row.get("book title", "")
    if not exact:
        raise fail(record, "the highlight's text is empty")
    if row.get("url"):
        url = page_url(record, row["url"])
    elif title:  # a Kindle book Readwise synced is the book Kindle's import makes
        url = book_url("kindle" if row.get("amazon book id") else "readwise", title)
    else:
        raise fail(record, "it names neither a URL nor a book")
    page = parsed.page(url, title, byline=row.get("book author") or None)
    tags = tag_list(record, row.get("tags")) + tag_list(record, row.get("document tags"))
    parsed.add(page, new_highlight(
        id=stable_id("readwise", url, row.get("location", ""), exact),
        exact=exact, note=row.get("note", ""), color=color(row.get("color")),
        tags=list(dict.fromkeys(tags)), created_at=timestamp(row.get("highlighted at"))))


def hypothesis_row(parsed: ParsedImport, record: str, row: dict[str, str]) -> None:
    if row.get("annotation/reply type", "").lower() == "reply":
        raise fail(record, "a reply to another annotation")
    url = page_url(record, row.get("url"))
    exact = row.get("quote", "")
    if not exact:
        raise fail(record, "a page note, with no highlighted text")
    created = timestamp(row.get("creation date"))
    page = parsed.page(url)
    parsed.add(page, new_highlight(
        id=stable_id("hypothesis-csv", url, exact, created or ""), exact=exact,
        note=row.get("body", ""), tags=tag_list(record, row.get("tags")), created_at=created))


def instapaper_row(parsed: ParsedImport, record: str, row: dict[str, str]) -> None:
    url = page_url(record, row.get("url"))
    page = parsed.page(url, row.get("title", ""))
    selection = row.get("selection", "")
    if selection:
        folder = row.get("folder", "")
        tags = tag_list(record, row.get("tags")) + ([folder] if folder not in ("", "Unread")
                                                    else [])
        parsed.add(page, new_highlight(
            id=stable_id("instapaper", url, selection), exact=selection, tags=tags,
            created_at=timestamp(row.get("timestamp"))))


def pocket_row(parsed: ParsedImport, record: str, row: dict[str, str]) -> None:
    url = page_url(record, row.get("url"))
    parsed.page(url, row.get("title", ""), created_at=timestamp(row.get("time_added")))


def raindrop_row(parsed: ParsedImport, record: str, row: dict[str, str]) -> None:
    url = page_url(record, row.get("url"))
    page = parsed.page(url, row.get("title", ""), created_at=timestamp(row.get("created")),
                       article_text=_about(Note=row.get("note", ""),
                                           Excerpt=row.get("excerpt", "")))
    tags = tag_list(record, row.get("tags"))
    for n, (exact, note) in enumerate(raindrop_highlights(row.get("highlights", "")), 1):
        parsed.add(page, new_highlight(id=stable_id("raindrop", url, n, exact), exact=exact,
                                       note=note, tags=tags,
                                       created_at=timestamp(row.get("created"))))


def raindrop_highlights(cell: str) -> list[tuple[str, str]]:
    """Raindrop's highlights cell as (text, note) pairs: `Highlight:` text,
    each maybe followed by a `Note:` line; a cell without those labels
    holds one highlight per line (as other tools' parsers of Raindrop's
    export read it)."""
    lines = [line.strip() for line in cell.split("\n")]
    if not any(line.lower().startswith("highlight:") for line in lines):
        return [(line, "") for line in lines if line]
    found: list[list[str]] = []
    for stripped in lines:
        if stripped.lower().startswith("highlight:"):
            found.append([stripped[len("highlight:"):].strip(), ""])
        elif stripped.lower().startswith("note:") and found:
            found[-1][1] = stripped[len("note:"):].strip()
        elif stripped and found:
            part = 1 if found[-1][1] else 0
            found[-1][part] = f"{found[-1][part]}\n{stripped}".strip()
    return [(exact, note) for exact, note in found if exact]


# name -> (header cells that identify it, row reader); checked in this order.
TABLES: dict[str, tuple[frozenset[str], Callable[[ParsedImport, str, dict], None]]] = {
    "hatchery-csv": (frozenset({"highlight_id", "page_url", "text"}), hatchery_row),
    "readwise-csv": (frozenset({"highlight", "book title"}), readwise_row),
    "hypothesis-csv": (frozenset({"annotation/reply type", "quote", "url"}), hypothesis_row),
    "raindrop-csv": (frozenset({"url", "title", "excerpt", "highlights"}), raindrop_row),
    "instapaper-csv": (frozenset({"url", "title", "selection", "folder"}), instapaper_row),
    "pocket-csv": (frozenset({"url", "title", "time_added"}), pocket_row),
}


def which(content: str) -> str | None:
    """The name of the CSV format `content` is in, or None."""
    cells = set(header(content))
    return next((name for name, (needed, _) in TABLES.items() if needed <= cells), None)


def parse(name: str, content: str) -> ParsedImport:
    parsed = ParsedImport(name)
    read_row = TABLES[name][1]
    for record, row in rows(parsed, content, strip=name != "hatchery-csv"):
        with parsed.reading(record):
            read_row(parsed, record, row)
    return parsed
