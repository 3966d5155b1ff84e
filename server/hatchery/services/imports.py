"""Importing a file: parse it whole, then store it all or nothing (in short
transactions, so captures keep flowing), and say in one line what happened."""

from __future__ import annotations

from collections.abc import Callable

from ..importers import LABELS, ParsedImport, parse
from ..store import Store

# The web library takes uploads up to this size; `hatchery import` has no limit.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def import_bytes(store: Store, raw: bytes, *,
                 progress: Callable[[int], None] | None = None,
                 parsed: ParsedImport | None = None) -> dict:
    """Import a file's content; returns what was added, what was already
    there and what was skipped (with why).

    :param progress: called with how many records were just written
    :param parsed: the file already parsed (the CLI parses first to size
        its progress bar)
    :raises ImportFailed: the file cannot be imported; nothing was
    """
    parsed = parsed or parse(raw)
    counts = store.import_batch(parsed.pages, parsed.hatches, progress=progress)
    return {"format": parsed.format, **counts, "skipped": parsed.skipped}


def describe_import(report: dict) -> str:
    """One line a person reads after an import.

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
        line += f"; {len(report['skipped'])} skipped"
    return line + "."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"
