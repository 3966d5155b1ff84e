"""Export: the library in formats other tools read, and one lossless format
our own importer reads back.

- JSON: everything (pages with articles, highlights, hatches), lossless.
- Markdown: one file per page for Obsidian (`markdown`); a zip of all of
  them, or a folder that is never overwritten.
- CSV: one row per highlight, for spreadsheets.
- W3C Web Annotation JSON-LD: an AnnotationCollection (`jsonld`).
- One hatch as Markdown, rendered again from its structure (`hatch_file`).

Plain functions over the store's dicts; no Flask here: the API and the
library turn a `Download` into a response.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from ... import __version__
from ...contract.limits import EXPORT_FORMATS
from ...errors import ValidationError
from ...importers.ours import JSON_FORMAT_NAME, JSON_FORMAT_VERSION
from ...store import Store, now
from . import jsonld, markdown
from .hatch_file import hatch_markdown, readable_hatch
from .markdown import obsidian_tag, page_markdown

__all__ = ["DOWNLOAD_FORMATS", "FORMATS", "Download", "download", "export_bytes",
           "export_csv", "export_json", "export_jsonld", "filename", "hatch_markdown",
           "markdown_files", "obsidian_tag", "page_markdown", "readable_hatch",
           "write_markdown_folder"]

FORMATS = EXPORT_FORMATS
# What a download may be: the library in one of FORMATS, or one hatch.
DOWNLOAD_FORMATS = (*FORMATS, "hatch")

MEDIA_TYPES = {
    "json": "application/json",
    "jsonld": "application/ld+json",
    "csv": "text/csv; charset=utf-8",
    "markdown": "application/zip",
    "hatch": "text/markdown; charset=utf-8",
}

# A spreadsheet runs a cell that starts with one of these as a formula; a
# highlight is text, so such cells get a leading apostrophe in the CSV.
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_COLUMNS = ("highlight_id", "page_url", "page_title", "site", "text", "note", "color",
               "tags", "prefix", "suffix", "start", "end", "created_at", "updated_at")


def filename(fmt: str, *, stamp: str | None = None) -> str:
    """The download name for an export, e.g. `hatchery-2026-01-31.zip`."""
    day = (stamp or now())[:10]
    extension = {"json": "json", "jsonld": "jsonld", "csv": "csv", "markdown": "zip"}[fmt]
    return f"hatchery-{day}.{extension}"


@dataclass
class Download:
    """An export as a file to hand over."""

    body: bytes
    filename: str
    media_type: str


def download(store: Store, fmt: str, hatch_id: int | None = None) -> Download:
    """The whole library in `fmt`, or with `fmt` "hatch" one hatch as Markdown.

    :param fmt: one of DOWNLOAD_FORMATS
    :param hatch_id: the hatch, for "hatch"
    :raises ValidationError: an unknown format, or "hatch" without an id
    :raises NotFoundError: there is no such hatch
    """
    if fmt not in DOWNLOAD_FORMATS:
        raise ValidationError(f"`format` must be one of {', '.join(DOWNLOAD_FORMATS)}.")
    if fmt == "hatch":
        if hatch_id is None:
            raise ValidationError("`hatch_id` is required with format=hatch.")
        hatch = store.get_hatch(hatch_id)
        return Download(hatch_markdown(hatch).encode("utf-8"), f"hatch-{hatch['id']}.md",
                        MEDIA_TYPES["hatch"])
    return Download(export_bytes(store, fmt), filename(fmt), MEDIA_TYPES[fmt])


def export_bytes(store: Store, fmt: str) -> bytes:
    """The whole library in `fmt` (one of FORMATS), as the file's bytes."""
    if fmt == "json":
        return _dumps(export_json(store))
    if fmt == "jsonld":
        return _dumps(export_jsonld(store))
    if fmt == "csv":
        return export_csv(store).encode("utf-8")
    if fmt == "markdown":
        return markdown.markdown_zip(store.export_pages())
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def _dumps(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def export_json(store: Store) -> dict:
    """Everything the store holds that a person made or captured."""
    return {
        "format": JSON_FORMAT_NAME,
        "version": JSON_FORMAT_VERSION,
        "generator": f"hatchery {__version__}",
        "exported_at": now(),
        "pages": store.export_pages(),
        "hatches": store.export_hatches(),
    }


def export_jsonld(store: Store, *, exported_at: str | None = None) -> dict:
    """The library as a W3C Web Annotation collection (see `jsonld`).

    :param exported_at: the export's time (now when None); with the
        database's path it makes the collection's id
    """
    return jsonld.collection(store.export_pages(), install=str(store.path.resolve()),
                             exported_at=exported_at or now())


def markdown_files(store: Store) -> dict[str, str]:
    """File name -> Markdown for each page (see `markdown.markdown_files`)."""
    return markdown.markdown_files(store.export_pages())


def write_markdown_folder(store: Store, folder: Path, *, overwrite: bool = False) -> list[Path]:
    """Each page's Markdown into `folder`; an existing file is kept and the
    note gets the next free name (`Title (2).md`) unless `overwrite`.

    :returns: the files written
    """
    return markdown.write_folder(store.export_pages(), folder, overwrite=overwrite)


def export_csv(store: Store) -> str:
    """One row per highlight, CSV_COLUMNS; formula-like cells defused."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for page in store.export_pages():
        for h in page["highlights"]:
            row = (h["id"], page["url"], page["title"],
                   page.get("site_name") or markdown.host(page["url"]),
                   h["exact"], h["note"], h["color"], ", ".join(h["tags"]), h["prefix"],
                   h["suffix"], h["start"], h["end"], h["created_at"], h["updated_at"])
            writer.writerow([_csv_cell(v) for v in row])
    return out.getvalue()


def _csv_cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(CSV_FORMULA_STARTS) else text
