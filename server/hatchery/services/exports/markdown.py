"""Our library as Markdown notes for Obsidian: one file per page.

Each file has YAML front matter that always parses (every text value is
written by PyYAML's emitter as a double-quoted scalar, so control
characters, quotes, colons, a leading `-` and newlines stay text), the
page's title as a heading, and each highlight as a quote followed by its
block id on a line of its own (Obsidian's rule for quotes), its `color::`,
`tags::` and `created::` fields and its note.

Page text is data here as everywhere: titles, quotes and notes are escaped
with `hatch.render.escape` plus the marks that start a Markdown block
(`block_text`), so a note can never become a heading, a list, a table, a
`==highlight==`, a block id or HTML. URLs go through `hatch.render.link`.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ...hatch.render import escape, link
from ...urls import as_uri

# Obsidian tags may hold letters, digits, `_`, `-` and `/` (nesting), and
# need one character that is not a digit. These symbols are spelled out
# rather than dropped, so `c++` and `c` stay two tags.
TAG_WORDS = {"+": "plus", "#": "sharp", "&": "and", "@": "at"}
# A tag with nothing but digits (and dashes) gets this in front, as
# Obsidian's own help does (`#1984` is not a tag, `#y1984` is).
NUMERIC_TAG_PREFIX = "y"

# Marks that anywhere in a line start Markdown or Obsidian syntax beyond
# what `escape` covers: tags and headings, `==highlights==`, block ids,
# strike-through and fences, table cells.
_INLINE_MARKS = re.compile(r"([#=^~|])")
# Marks that start a block at the start of a line: a list item or a
# setext underline (`-`, `+`), an ordered list item (`1.` or `1)`).
_LIST_START = re.compile(r"^([ \t]*)([-+])")
_ORDERED_START = re.compile(r"^([ \t]*[0-9]{1,9})([.)])")
# Characters a file name may not hold on some OS, or that Obsidian links
# cannot hold.
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f#^\[\]]+')
FILE_NAME_CHARS = 80


def obsidian_tag(tag: str) -> str:
    """A tag as Obsidian accepts it: `c++` -> `c-plus-plus`, `node.js` ->
    `node-js`, `deep work` -> `deep-work`, `1984` -> `y1984`. Symbols in
    TAG_WORDS are spelled out; any other character that is not a letter,
    digit, `_`, `-` or `/` becomes a dash; dashes fold into one and are
    trimmed, with slashes, from the ends.

    :param tag: the tag as the person wrote it (kept as `original_tags`)
    """
    parts = []
    for char in tag.strip():
        if char in TAG_WORDS:
            parts.append(f"-{TAG_WORDS[char]}-")
        elif char.isalnum() or char in "_/-":
            parts.append(char)
        else:
            parts.append("-")
    name = re.sub(r"-{2,}", "-", "".join(parts))
    name = re.sub(r"/{2,}", "/", name).strip("-/")
    if not name:
        return "tag"
    if not any(c.isalpha() or c == "_" for c in name):
        name = NUMERIC_TAG_PREFIX + name
    return name


def block_id(highlight_id: str) -> str:
    """The highlight's Obsidian block id, `^h-<id>`: letters, digits and
    dashes only (anything else in an id becomes a dash)."""
    return "^h-" + (re.sub(r"[^A-Za-z0-9-]", "-", highlight_id) or "highlight")


def block_text(line: str) -> str:
    """One line of page text or a note as literal Markdown: `escape` plus
    the marks of Obsidian syntax and of a list at the line's start."""
    line = _INLINE_MARKS.sub(r"\\\1", escape(line))
    line = _LIST_START.sub(r"\1\\\2", line)
    return _ORDERED_START.sub(r"\1\\\2", line)


def yaml_value(value) -> str:
    """A front matter value: text as a double-quoted YAML scalar (PyYAML
    escapes what must be), a list of them in flow style, a number as is."""
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return yaml.safe_dump(str(value), default_style='"', allow_unicode=True,
                          width=float("inf")).strip()


def page_markdown(page: dict) -> str:
    """One page as Markdown: front matter (title, url, site, author, dates,
    the Obsidian tags of its highlights and the tags as written), then each
    highlight as a quote with its block id, fields and note."""
    tags = sorted({t for h in page["highlights"] for t in h["tags"]}, key=str.lower)
    front = {
        "title": page["title"] or page["url"],
        "url": page["url"],
        "site": page.get("site_name") or host(page["url"]),
        "author": page.get("byline"),
        "published": page.get("published"),
        "created": page["created_at"],
        "updated": page["updated_at"],
        "highlights": len(page["highlights"]),
        "tags": list(dict.fromkeys(obsidian_tag(t) for t in tags)),
        "original_tags": tags,
        "hatchery_page_id": page["id"],
    }
    lines = ["---", *(f"{k}: {yaml_value(v)}" for k, v in front.items() if v is not None),
             "---", "", f"# {block_text(_one_line(page['title'] or page['url']))}", ""]
    if page["url"].startswith(("http://", "https://")):
        lines += [f"Source: <{link(as_uri(page['url']))}>", ""]
    for h in page["highlights"]:
        lines += _highlight_lines(h)
    return "\n".join(lines).rstrip() + "\n"


def _highlight_lines(h: dict) -> list[str]:
    quote = [f"> {block_text(line)}" if line.strip() else ">"
             for line in h["exact"].splitlines() or [""]]
    lines = [*quote, "", block_id(h["id"]), "", f"color:: {h['color']}"]
    if h["tags"]:
        lines.append("tags:: " + " ".join(f"#{obsidian_tag(t)}" for t in h["tags"]))
        if any(obsidian_tag(t) != t for t in h["tags"]):
            lines.append(f"original_tags:: {yaml_value(list(h['tags']))}")
    lines.append(f"created:: {h['created_at']}")
    if h["note"]:
        lines += ["", *(block_text(line) for line in h["note"].splitlines())]
    return [*lines, ""]


def markdown_files(pages: list[dict]) -> dict[str, str]:
    """File name -> Markdown for each page; names are unique (ignoring
    case) and safe on every OS.

    :param pages: the store's export_pages()
    """
    files: dict[str, str] = {}
    taken: set[str] = set()
    for page in pages:
        base = _safe_name(page["title"] or host(page["url"]) or f"page-{page['id']}")
        name = f"{base}.md"
        if name.lower() in taken:
            name = f"{base} ({page['id']}).md"
        taken.add(name.lower())
        files[name] = page_markdown(page)
    return files


def markdown_zip(pages: list[dict]) -> bytes:
    """Every page's Markdown in a zip, under `hatchery/`."""
    buffer = io.BytesIO()
    stamp = datetime.now(timezone.utc).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in markdown_files(pages).items():
            info = zipfile.ZipInfo(f"hatchery/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def write_folder(pages: list[dict], folder: Path, *, overwrite: bool = False) -> list[Path]:
    """Write each page's Markdown into `folder` (made 0700 if missing; each
    file 0600). A file already there is never replaced unless `overwrite`:
    the note gets the next free name, `Title (2).md`, `Title (3).md`, ...

    :param pages: the store's export_pages()
    :param overwrite: replace files of the same name instead
    :returns: the files written
    """
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    written = []
    for name, text in markdown_files(pages).items():
        path = folder / name
        flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL)
        n = 1
        while True:
            try:
                descriptor = os.open(path, flags, 0o600)
                break
            except FileExistsError:
                n += 1
                path = folder / f"{name[:-3]} ({n}).md"
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        written.append(path)
    return written


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _safe_name(text: str, limit: int = FILE_NAME_CHARS) -> str:
    name = _UNSAFE_NAME.sub(" ", text)
    name = " ".join(name.split()).strip(" .")[:limit].strip(" .")
    return name or "page"


def host(url: str) -> str:
    """The host name of `url`, or "" when it has none."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""
