"""Import files: other tools' exports and our own, read into store records.

`parse` detects the format and reads and checks every record (a bad record
stops the import before anything is written, and the error names it);
`hatchery.services.imports` then writes everything in one transaction.
Importing the same file twice adds nothing: highlights keep stable ids.
"""

from __future__ import annotations

import json

from . import glasp, hypothesis, jsonld, kindle, ours
from .common import ImportFailed, ParsedImport

__all__ = ["FORMATS", "LABELS", "ImportFailed", "ParsedImport", "detect", "parse"]

# Checked in this order: ours first (it says what it is), Web Annotation
# before Hypothesis (Hypothesis' own API speaks both dialects).
JSON_FORMATS = (ours, jsonld, glasp, hypothesis)
FORMATS = tuple(m.NAME for m in JSON_FORMATS) + (kindle.NAME,)
LABELS = {ours.NAME: "Hatchery JSON", jsonld.NAME: "Web Annotation JSON-LD",
          glasp.NAME: "Glasp", hypothesis.NAME: "Hypothesis", kindle.NAME: "Kindle clippings"}


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed("The file is not UTF-8 text; nothing was imported.") from None


def detect(raw: bytes) -> tuple[str, object]:
    """The format's name and the decoded content (JSON data or text)."""
    content = _decode(raw)
    stripped = content.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(content)
        except json.JSONDecodeError as error:
            raise ImportFailed(f"The file is not valid JSON (line {error.lineno}, column "
                               f"{error.colno}: {error.msg}); nothing was imported.") from None
        for module in JSON_FORMATS:
            if module.looks_like(data):
                return module.NAME, data
        raise ImportFailed(
            "This JSON is none of the formats Hatchery imports (its own JSON or JSON-LD "
            "export, Glasp, Hypothesis); nothing was imported.")
    if kindle.looks_like(content):
        return kindle.NAME, content
    raise ImportFailed(
        "Hatchery cannot tell what this file is: it imports its own JSON and JSON-LD "
        "exports, Glasp and Hypothesis JSON, and Kindle's My Clippings.txt; nothing was imported.")


def parse(raw: bytes) -> ParsedImport:
    """Read and check a whole file without touching the store."""
    name, content = detect(raw)
    module = {m.NAME: m for m in (*JSON_FORMATS, kindle)}[name]
    return module.parse(content)

