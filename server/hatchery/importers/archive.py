"""Zip files: Hatchery's Markdown export (a folder of notes), an Obsidian
vault, Omnivore's export (`metadata_*.json` with `highlights/<slug>.md`),
Pocket's export (`part_*.csv` with `annotations/part_*.json`),
or a zip holding one file of another format. Detection looks inside.

Read with limits, since a zip can claim anything: at most MAX_FILES
members and MAX_UNPACKED_BYTES in all.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from .. import jsontext
from . import markdown, omnivore, pocket
from .common import ImportFailed, ParsedImport, file_fail

MAX_FILES = 100_000
MAX_UNPACKED_BYTES = 500_000_000


def is_zip(raw: bytes) -> bool:
    return raw[:4] == b"PK\x03\x04"


def members(raw: bytes) -> dict[str, bytes]:
    """File name -> content of every file in the zip (folders left out)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_FILES or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
            raise file_fail("This zip holds more than Hatchery unpacks in one import")
        return {i.filename: archive.read(i) for i in infos
                if not i.filename.rsplit("/", 1)[-1].startswith((".", "__MACOSX"))}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise file_fail(f"This zip cannot be read ({error})") from None


def parse(raw: bytes, decode: Callable[[bytes], str],
          parse_one: Callable[[bytes], ParsedImport]) -> ParsedImport:
    """A zip's content as one import.

    :param decode: bytes -> text (the importers' UTF-8 rule)
    :param parse_one: how a lone inner file of another format is read
    """
    files = members(raw)
    if pocket.is_export(sorted(files)):
        return pocket.parse_export(files, decode)
    metadata = {n: c for n, c in files.items() if n.rsplit("/", 1)[-1].startswith("metadata_")
                and n.endswith(".json")}
    if metadata:
        return _omnivore(files, metadata, decode)
    notes = {n: c for n, c in files.items() if n.lower().endswith(".md")}
    if notes:
        parsed = ParsedImport(markdown.NAME)
        for name in sorted(notes):
            markdown.parse(decode(notes[name]), parsed, name=name)
        return parsed
    for name in sorted(files):
        try:
            return parse_one(files[name])
        except ImportFailed:
            continue
    raise file_fail("Nothing in this zip is a format Hatchery imports")


def _omnivore(files: dict[str, bytes], metadata: dict[str, bytes],
              decode: Callable[[bytes], str]) -> ParsedImport:
    parsed = ParsedImport(omnivore.NAME)
    by_slug = {n.rsplit("/", 1)[-1][:-3]: c for n, c in files.items()
               if "highlights/" in n and n.endswith(".md")}
    for name in sorted(metadata):
        try:
            articles = jsontext.loads(decode(metadata[name]))
        except jsontext.TooDeep as error:
            parsed.skip(name, str(error))
            continue
        except ValueError:
            parsed.skip(name, "not valid JSON")
            continue
        if not isinstance(articles, list):
            parsed.skip(name, "not a list of articles")
            continue
        omnivore.parse(articles, parsed)
        for article in articles:
            slug = article.get("slug") if isinstance(article, dict) else None
            if isinstance(slug, str) and slug in by_slug and isinstance(article.get("url"), str):
                labels = article.get("labels")
                markdown.parse(decode(by_slug[slug]), parsed, name=f"highlights/{slug}.md",
                               page_url_hint=article["url"],
                               tags=[t for t in labels if isinstance(t, str)]
                               if isinstance(labels, list) else None)
    return parsed
