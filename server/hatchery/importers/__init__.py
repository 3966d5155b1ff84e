"""Import: other tools' exports and our own, into the store.

`parse` detects the format from the content (the file's name never
matters), then reads every record on its own: a record that cannot be read
is skipped and reported with why (`ParsedImport.skipped`). Only a file that
is not one of the formats at all is refused whole. `hatchery.services.imports`
writes what was read in one transaction. Importing the same file twice adds
nothing: highlights keep stable ids.
"""

from __future__ import annotations

import json

from .. import jsontext
from . import (archive, bookmarks, glasp, hypothesis, jsonld, kindle, markdown, omnivore, ours,
               pocket, tables)
from .common import ImportFailed, ParsedImport, Skipped, file_fail

__all__ = ["FORMATS", "LABELS", "ImportFailed", "ParsedImport", "Skipped", "detect",
           "parse"]

# Checked in this order: ours first (it says what it is), Web Annotation
# before Hypothesis (Hypothesis' own API speaks both dialects).
JSON_FORMATS = (ours, jsonld, glasp, hypothesis, omnivore, pocket)
LABELS = {
    ours.NAME: "Hatchery JSON", jsonld.NAME: "Web Annotation JSON-LD", glasp.NAME: "Glasp",
    hypothesis.NAME: "Hypothesis", omnivore.NAME: "Omnivore", kindle.NAME: "Kindle clippings",
    markdown.NAME: "Markdown notes", pocket.NAME: "Pocket export",
    "hatchery-csv": "Hatchery CSV", "readwise-csv": "Readwise CSV",
    "hypothesis-csv": "Hypothesis CSV", "instapaper-csv": "Instapaper CSV",
    "pocket-csv": "Pocket CSV", "raindrop-csv": "Raindrop.io CSV",
    bookmarks.NAME_POCKET: "Pocket HTML", bookmarks.NAME_NETSCAPE: "Bookmarks HTML (Raindrop.io)",
}
FORMATS = tuple(LABELS)
WHAT_WE_READ = ("Hatchery's JSON, JSON-LD, CSV and Markdown exports; W3C Web Annotations; "
                "Glasp, Hypothesis (JSON or CSV), Omnivore, Readwise CSV, Pocket, Instapaper, "
                "Raindrop.io; Kindle's My Clippings.txt; Markdown notes")


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        for bom, codec in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
            if raw.startswith(bom):
                return raw.decode(codec, errors="replace")
        raise file_fail("The file is not UTF-8 text") from None


def detect(raw: bytes) -> tuple[str, object]:
    """The format's name and the decoded content (JSON data, text, or the
    raw bytes of a zip)."""
    if archive.is_zip(raw):
        return "zip", raw
    content = _decode(raw)
    stripped = content.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            data = jsontext.loads(content)
        except jsontext.TooDeep:
            raise file_fail(f"This JSON is nested more than {jsontext.MAX_DEPTH} levels deep, "
                            "deeper than any export") from None
        except json.JSONDecodeError as error:
            raise file_fail(f"The file is not valid JSON (line {error.lineno}, column "
                            f"{error.colno}: {error.msg})") from None
        for module in JSON_FORMATS:
            if module.looks_like(data):
                return module.NAME, data
        raise file_fail(f"This JSON is none of the formats Hatchery imports ({WHAT_WE_READ})")
    if kindle.looks_like(content):
        return kindle.NAME, content
    name = bookmarks.which(content) or tables.which(content)
    if name:
        return name, content
    if markdown.looks_like(content):
        return markdown.NAME, content
    raise file_fail(f"Hatchery cannot tell what this file is: it imports {WHAT_WE_READ}")


def parse(raw: bytes) -> ParsedImport:
    """Read and check a whole file without touching the store.

    :param raw: the file's bytes
    """
    name, content = detect(raw)
    if name == "zip":
        return archive.parse(content, _decode, parse)
    if name in tables.TABLES:
        return tables.parse(name, content)
    if name in (bookmarks.NAME_POCKET, bookmarks.NAME_NETSCAPE):
        return bookmarks.parse(name, content)
    module = {m.NAME: m for m in (*JSON_FORMATS, kindle, markdown)}[name]
    return module.parse(content)

