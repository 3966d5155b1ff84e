"""Importing a file: parse it whole, then store it all or nothing (in short
transactions, so captures keep flowing), and say in one line what happened.

The same passage arriving from two tools, or two formats of one tool, is
one highlight: besides the store's match on highlight id, an imported
highlight with a new id is looked up among its page's stored highlights by
`importers.matching.match_keys` (`KnownPassages`): the same quote at the
same position, or the same quote when one side does not know its position.
A match counts as already there, and fills the stored highlight's blank
note and tags.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..errors import BusyError
from ..hatch import Hatch
from ..importers import LABELS, ParsedImport, parse
from ..importers.matching import match_key, match_keys
from ..store import HighlightRecord, Store

LOGGER = logging.getLogger(__name__)

# The web library takes uploads up to this size; `hatchery import` has no limit.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024

# How many skip reasons the one-line summary names; the rest are counted.
SUMMARY_REASONS = 3


class KnownPassages:
    """The highlights a page already has, looked up by passage.

    :param url: the page's URL, as stored
    :param stored: its highlights (at least `id`, `exact` and `start`)
    """

    def __init__(self, url: str, stored: list[dict]):
        self.url = url
        self._placed: dict[str, str] = {}     # key with position -> id
        self._unplaced: dict[str, str] = {}   # quote key, stored without position -> id
        self._any: dict[str, str] = {}        # quote key, any stored -> id
        for h in stored:
            loose = match_key(url, h["exact"])
            self._any.setdefault(loose, h["id"])
            if h["start"] is None:
                self._unplaced.setdefault(loose, h["id"])
            else:
                self._placed.setdefault(match_key(url, h["exact"], h["start"]), h["id"])

    def __call__(self, record: HighlightRecord) -> str | None:
        """The id of the stored highlight `record` is, or None.

        Two positions that differ are two passages, even with the same
        quote; a missing position on either side matches on the quote.
        """
        keys = match_keys(self.url, record.exact, record.start)
        if record.start is None:
            return self._any.get(keys[0])
        return self._placed.get(keys[0]) or self._unplaced.get(keys[1])


def import_bytes(store: Store, raw: bytes, *,
                 progress: Callable[[int], None] | None = None,
                 parsed: ParsedImport | None = None) -> dict:
    """Import a file's content; returns what was added, what was already
    there and what was skipped: `skipped` (one line per record, "record:
    reason") and `skipped_reasons` (how many per reason).

    :param progress: called with how many records were just written
    :param parsed: the file already parsed (the CLI parses first to size
        its progress bar)
    :raises ImportFailed: the file cannot be imported; nothing was
    """
    parsed = parsed or parse(raw)
    hatches = renderable_hatches(parsed)
    counts = store.import_batch(parsed.pages, hatches, progress=progress, known=KnownPassages)
    if _is_bulk(counts["pages"], store.page_count()):
        try:
            store.tidy_search_indexes()
        except BusyError:  # the import is saved; search is only slower until the next one
            LOGGER.info("search indexes left unmerged: another write held the database")
    return {"format": parsed.format, **counts, "records_in": parsed.records_in,
            "skipped": [str(s) for s in parsed.skipped],
            "skipped_reasons": parsed.skip_counts()}


# An import that added at least this share of the library's pages leaves
# its search indexes in many segments; merging them costs time in proportion
# to the whole library, so a small import into a large one skips it.
BULK_IMPORT_SHARE = 0.1


def _is_bulk(added_pages: int, total_pages: int) -> bool:
    return added_pages > 0 and added_pages >= BULK_IMPORT_SHARE * total_pages


def renderable_hatches(parsed: ParsedImport) -> list[dict]:
    """The file's hatches that carry a structure Hatchery can render again
    (their stored Markdown is never shown as it is); the others are
    reported in `parsed.skipped`."""
    kept = []
    for i, hatch in enumerate(parsed.hatches, start=1):
        result = hatch.get("result")
        try:
            Hatch.from_dict({"title": hatch["title"], **result})
        except (KeyError, TypeError, ValueError, AttributeError):
            title = " ".join(str(hatch.get("title") or "").split())[:60]
            parsed.skip(f"hatch {i} ({title})",
                        "its write-up has no structure Hatchery can render")
            continue
        kept.append(hatch)
    return kept


def describe_import(report: dict) -> str:
    """One line a person reads after an import: what is new, what was
    there, and how many records were skipped for which reasons.

    :param report: what `import_bytes` returned
    """
    parts = [_count(report["highlights"], "new highlight"), _count(report["pages"], "new page")]
    if report["hatches"]:
        parts.append(f"{report['hatches']} hatches")
    label = LABELS.get(report["format"], report["format"])
    line = f"Imported {label}: " + ", ".join(parts)
    already = report["existing_highlights"] + report["existing_hatches"]
    if already:
        line += f"; {already} already in your library"
    if report.get("deleted_highlights"):
        line += f"; {report['deleted_highlights']} you had deleted stay deleted"
    if report["skipped"]:
        line += f"; {len(report['skipped'])} skipped ({_reasons(report)})"
    return line + "."


def _reasons(report: dict) -> str:
    reasons = report.get("skipped_reasons") or {}
    named = [f"{n}: {reason}" for reason, n in list(reasons.items())[:SUMMARY_REASONS]]
    others = sum(list(reasons.values())[SUMMARY_REASONS:])
    if others:
        named.append(f"{others}: other reasons")
    return "; ".join(named)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"
