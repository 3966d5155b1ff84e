"""Export: the library in formats other tools read, and one lossless format
our own importer reads back.

- JSON: everything (pages with articles, highlights, hatches), lossless.
- Markdown: one file per page with Obsidian-friendly YAML front matter; a zip
  of all of them.
- CSV: one row per highlight, for spreadsheets.
- W3C Web Annotation JSON-LD: an AnnotationCollection with TextQuote and
  TextPosition selectors.
- One hatch as Markdown.

Plain functions over the store's dicts; no Flask here: the API and the
library turn a `Download` into a response.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

from .. import __version__
from ..contract.limits import EXPORT_FORMATS
from ..errors import ValidationError
from ..importers.ours import JSON_FORMAT_NAME, JSON_FORMAT_VERSION
from ..store import Store, now

FORMATS = EXPORT_FORMATS
# What a download may be: the library in one of FORMATS, or one hatch.
DOWNLOAD_FORMATS = (*FORMATS, "hatch")

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Terms the Web Annotation context lacks: the page title (Dublin Core), and
# what makes our own JSON-LD lossless: each page's metadata and article
# (`hatchery:pages`) and each highlight's located context
# (`hatchery:context`), both kept as literal JSON (`@json`, JSON-LD 1.1).
EXTRA_CONTEXT = {
    "@version": 1.1,
    "dcterms": "http://purl.org/dc/terms/",
    "title": "dcterms:title",
    "hatchery": "urn:x-hatchery:",
    "hatchery:pages": {"@type": "@json"},
    "hatchery:context": {"@type": "@json"},
}
COLOR_CSS = {"yellow": "#fde68a", "green": "#bbf7d0", "blue": "#bfdbfe", "pink": "#fbcfe8"}

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
        return markdown_zip(store)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def _dumps(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


# -- JSON (lossless) ----------------------------------------------------------


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


# -- CSV ----------------------------------------------------------------------


def export_csv(store: Store) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for page in store.export_pages():
        for h in page["highlights"]:
            row = (h["id"], page["url"], page["title"], page.get("site_name") or _host(page["url"]),
                   h["exact"], h["note"], h["color"], ", ".join(h["tags"]), h["prefix"],
                   h["suffix"], h["start"], h["end"], h["created_at"], h["updated_at"])
            writer.writerow([_csv_cell(v) for v in row])
    return out.getvalue()


def _csv_cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(CSV_FORMULA_STARTS) else text


# -- W3C Web Annotation JSON-LD -----------------------------------------------


def export_jsonld(store: Store) -> dict:
    """An AnnotationCollection holding one Annotation per highlight, plus
    the pages themselves under `hatchery:pages` so our importer loses
    nothing (other tools ignore the term)."""
    pages = store.export_pages()
    items = [annotation(page, h) for page in pages for h in page["highlights"]]
    return {
        "@context": [ANNOTATION_CONTEXT, EXTRA_CONTEXT],
        "type": "AnnotationCollection",
        "label": "Hatchery highlights",
        "generator": f"hatchery {__version__}",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
        "hatchery:pages": [{k: v for k, v in page.items() if k != "highlights"}
                           for page in pages],
    }


def annotation(page: dict, h: dict) -> dict:
    """One highlight as a Web Annotation: a TextQuoteSelector always, a
    TextPositionSelector when the offsets are known, the note as a
    commenting body, each tag as a tagging body, the colour as styleClass."""
    selectors: list[dict] = [{"type": "TextQuoteSelector", "exact": h["exact"],
                              "prefix": h["prefix"], "suffix": h["suffix"]}]
    # Stored offsets are already the W3C unit: code points over the page
    # body's textContent (extension/src/content/text-index.js), no conversion.
    if h["start"] is not None and h["end"] is not None:
        selectors.append({"type": "TextPositionSelector", "start": h["start"], "end": h["end"]})
    bodies = []
    if h["note"]:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": h["note"],
                       "format": "text/plain"})
    bodies.extend({"type": "TextualBody", "purpose": "tagging", "value": t} for t in h["tags"])
    item = {
        "id": f"urn:uuid:{h['id']}" if _is_uuid(h["id"]) else f"urn:hatchery:highlight:{h['id']}",
        "type": "Annotation",
        "motivation": "commenting" if h["note"] else "highlighting",
        "created": h["created_at"],
        "modified": h["updated_at"],
        "stylesheet": {"type": "CssStylesheet",
                       "value": f".{h['color']} {{ background-color: "
                                f"{COLOR_CSS.get(h['color'], '#fde68a')} }}"},
        "target": {"type": "SpecificResource",
                   "source": {"id": page["url"], "title": page["title"]},
                   "styleClass": h["color"],
                   "selector": selectors},
    }
    if bodies:
        item["body"] = bodies
    if h.get("context") is not None:
        item["hatchery:context"] = h["context"]
    return item


def _is_uuid(value: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                             value))


# -- Markdown -----------------------------------------------------------------


def page_markdown(page: dict) -> str:
    """One page as Markdown: YAML front matter (title, url, site, author,
    dates, the tags of its highlights), then each highlight as a quote with
    a block id, its colour and tags as Dataview-style fields and its note."""
    tags = sorted({t for h in page["highlights"] for t in h["tags"]}, key=str.lower)
    front = {
        "title": page["title"] or page["url"],
        "url": page["url"],
        "site": page.get("site_name") or _host(page["url"]),
        "author": page.get("byline"),
        "published": page.get("published"),
        "created": page["created_at"],
        "updated": page["updated_at"],
        "highlights": len(page["highlights"]),
        "tags": [_obsidian_tag(t) for t in tags],
        "hatchery_page_id": page["id"],
    }
    lines = ["---"]
    for key, value in front.items():
        if value is None:
            continue
        lines.append(f"{key}: {_yaml(value)}")
    lines += ["---", "", f"# {_one_line(page['title'] or page['url'])}", ""]
    if page["url"].startswith(("http://", "https://")):
        lines += [f"Source: <{page['url']}>", ""]
    for h in page["highlights"]:
        quote = [f"> {line}" if line else ">" for line in h["exact"].splitlines() or [""]]
        quote[-1] += f" ^h-{h['id'][:8]}"
        lines += quote
        lines.append("")
        fields = [f"color:: {h['color']}"]
        if h["tags"]:
            fields.append("tags:: " + " ".join(f"#{_obsidian_tag(t)}" for t in h["tags"]))
        fields.append(f"created:: {h['created_at']}")
        lines += fields
        if h["note"]:
            lines += ["", *h["note"].splitlines()]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def markdown_files(store: Store) -> dict[str, str]:
    """File name -> Markdown for each page; names are unique and safe on
    every OS."""
    files: dict[str, str] = {}
    for page in store.export_pages():
        base = _safe_name(page["title"] or _host(page["url"]) or f"page-{page['id']}")
        name = f"{base}.md"
        if name.lower() in (n.lower() for n in files):
            name = f"{base} ({page['id']}).md"
        files[name] = page_markdown(page)
    return files


def markdown_zip(store: Store) -> bytes:
    buffer = io.BytesIO()
    stamp = datetime.now(timezone.utc).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in markdown_files(store).items():
            info = zipfile.ZipInfo(f"hatchery/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def hatch_markdown(hatch: dict) -> str:
    """One stored hatch as Markdown: the engine's own rendering when the
    stored result carries it, else a plain one built from its parts."""
    result = hatch.get("result") or {}
    if isinstance(result.get("markdown"), str) and result["markdown"].strip():
        return result["markdown"].rstrip() + "\n"
    lines = [f"# {_one_line(hatch['title'])}", ""]

    def prose(sentences) -> str:
        return " ".join(f"{s.get('text', '')}{_cites(s.get('cites'))}" for s in sentences or [])

    if result.get("introduction"):
        lines += [prose(result["introduction"]), ""]
    for section in result.get("sections") or []:
        lines += [f"## {_one_line(section.get('title') or '')}", ""]
        for paragraph in section.get("paragraphs") or []:
            lines += [prose(paragraph), ""]
    if result.get("advice"):
        lines += ["## Advice", ""] + [f"- {prose([s])}" for s in result["advice"]] + [""]
    if result.get("conclusion"):
        lines += ["## Conclusion", "", prose(result["conclusion"]), ""]
    if result.get("citations"):
        lines += ["## Sources", ""]
        lines += [f"{c.get('n')}. [{_one_line(c.get('title') or c.get('url') or '')}]"
                  f"(<{c.get('url')}>)" for c in result["citations"]]
    return "\n".join(lines).rstrip() + "\n"


def _cites(numbers) -> str:
    return "".join(f" [{n}]" for n in numbers or [])


def _yaml(value) -> str:
    """A YAML value: JSON strings and lists are valid YAML flow scalars."""
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _obsidian_tag(tag: str) -> str:
    """Obsidian tags have no spaces: `deep work` becomes `deep-work`."""
    return re.sub(r"[\s#,]+", "-", tag.strip()).strip("-") or "tag"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _safe_name(text: str, limit: int = 80) -> str:
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f#^\[\]]+', " ", text)
    name = " ".join(name.split()).strip(" .")[:limit].strip(" .")
    return name or "page"


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""
