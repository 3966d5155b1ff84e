"""Markdown notes: Hatchery's own Markdown export (front matter, `> quote`
blocks with a `^h-…` block id, `color::`/`tags::`/`created::` fields, the
note), Obsidian notes (`> quote` blocks, callouts, `==highlight==` marks)
and Omnivore's Markdown: its Obsidian plugin's (`> quote [⤴️](link)` with
the note below) and its export zip's `highlights/<slug>.md` (each
highlight `> quote `, then a line of `#label`s, then the note).

A file is one page: its URL from the front matter (`url`, `source`,
`link`), else a `Source: <…>` line, else `markdown:note/<title>`. Each
quote block or `==mark==` is a highlight; a line right after a quote line
carries on the quote (Markdown's lazy continuation, which Omnivore's
export relies on for quotes of several paragraphs); a line of `#tags`
after it gives it tags; the text after that, up to the next quote or
heading, is its note.
"""

from __future__ import annotations

import re

import yaml

from .common import (ParsedImport, book_url, color, fail, new_highlight, page_url, stable_id,
                     tag_list, timestamp)

NAME = "markdown"
# Front matter past this size is not a note's metadata.
MAX_FRONT_MATTER_CHARS = 64_000
URL_KEYS = ("url", "source", "link", "original_url", "source_url")

_FIELD = re.compile(r"([A-Za-z_][\w-]{0,40})::[ \t]*(.*)")
_BLOCK_ID = re.compile(r"(?:^|[ \t])\^([A-Za-z0-9-]{1,80})[ \t]*$")
_MARK = re.compile(r"==([^=\n]+)==")
_OMNIVORE_LINK = re.compile(r"\[⤴️\]\([^)\s]*\)")
_SOURCE_LINE = re.compile(r"Source:[ \t]*<?(https?://[^\s>]+)>?")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~=<^])")
_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_HASHTAGS = re.compile(r"#[^\s#]+(?:[ \t]+#[^\s#]+)*")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def looks_like(content: str) -> bool:
    """Markdown with something to import: front matter or a heading, and a
    quote block or a `==mark==`."""
    head = content[:MAX_FRONT_MATTER_CHARS]
    structured = head.startswith("---\n") or bool(re.search(r"^#{1,6} ", head, re.M))
    return structured and (bool(re.search(r"^[ \t]{0,3}>", content, re.M))
                           or bool(_MARK.search(content)))


def parse(content: str, parsed: ParsedImport | None = None, *, name: str = "",
          page_url_hint: str | None = None, tags: list[str] | None = None) -> ParsedImport:
    """One Markdown file into `parsed` (a new ParsedImport if None).

    :param name: the file's name inside a zip, for pages with no URL
    :param page_url_hint: the page these highlights belong to (Omnivore's
        highlight files are named by article)
    :param tags: tags every highlight of the file gets (the article's
        labels, for Omnivore)
    """
    parsed = parsed or ParsedImport(NAME)
    front, body = _front_matter(content)
    title = _first_text(front, ("title",)) or _heading(body) or name.rsplit("/", 1)[-1][:-3]
    url = page_url_hint or _first_text(front, URL_KEYS) or _source_line(body)
    record = name or title[:60] or "the note"
    try:
        url = page_url(record, url) if url else book_url("markdown", title or name or "note")
    except Exception:  # noqa: BLE001 - an unusable URL is named in the report
        parsed.skip(record, "its URL is not one Hatchery can store")
        return parsed
    page = parsed.page(url, title, byline=_first_text(front, ("author", "authors")) or None,
                       published=timestamp(_first_text(front, ("published", "date_published"))))
    # Our own export lists its highlights' tags in the front matter too.
    page_tags = [] if "hatchery_page_id" in front else tag_list(record, _tags(front.get("tags")))
    page_tags = list(dict.fromkeys([*(tags or []), *page_tags]))
    for n, quote in enumerate(_quotes(body), start=1):
        with parsed.reading(f"{record}, highlight {n}"):
            _add(parsed, page, f"{record}, highlight {n}", quote, page_tags)
    return parsed


def _front_matter(content: str) -> tuple[dict, str]:
    if not content.startswith("---\n"):
        return {}, content
    end = content.find("\n---", 4, MAX_FRONT_MATTER_CHARS)
    if end < 0:
        return {}, content
    try:
        data = yaml.safe_load(content[4:end])
    except yaml.YAMLError:
        data = None
    return (data if isinstance(data, dict) else {}), content[end + 4:].lstrip("-\n")


def _first_text(front: dict, keys: tuple[str, ...]) -> str:
    for key in keys:
        value = front.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _tags(value: object) -> object:
    if isinstance(value, str):
        return value.replace("#", " ").split()
    if isinstance(value, list):
        return [str(t).lstrip("#") for t in value]
    return None


def _original_tags(value: str | None) -> list | None:
    if not value:
        return None
    try:
        tags = yaml.safe_load(value)
    except yaml.YAMLError:
        return None
    return tags if isinstance(tags, list) else None


def _heading(body: str) -> str:
    for line in body.split("\n"):
        if line.startswith("# "):
            return unescape(line[2:].strip())
    return ""


def _source_line(body: str) -> str:
    match = _SOURCE_LINE.search(body[:20_000])
    return match[1] if match else ""


def unescape(text: str) -> str:
    """Markdown with its backslash escapes undone (our export escapes
    notes so they stay text)."""
    return _ESCAPED.sub(r"\1", text)


class _Quote:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.after: list[str] = []
        self.block_id = ""


def _quotes(body: str) -> list[_Quote]:
    """Quote blocks (and `==marks==`) with the lines that follow each."""
    found: list[_Quote] = []
    current: _Quote | None = None
    in_quote = False
    for line in body.split("\n"):
        stripped = line.lstrip(" \t")
        if stripped.startswith(">"):
            if not in_quote:
                current = _Quote()
                found.append(current)
                in_quote = True
            current.lines.append(stripped[1:].removeprefix(" "))
            continue
        if in_quote and _continues_quote(stripped):
            current.lines.append(stripped)
            continue
        in_quote = False
        if _HEADING.match(stripped):
            current = None
            continue
        marks = _MARK.findall(line)
        for mark in marks:
            found.append(_Quote())
            found[-1].lines.append(mark)
        if marks:
            current = found[-1]
        elif current is not None:
            current.after.append(line)
    return found


def _continues_quote(line: str) -> bool:
    """A line right after a quote line that carries on the quote: any text
    but a blank line, a heading, a block id, a `field::` or a `==mark==`."""
    stripped = line.strip()
    return bool(stripped) and not (_HEADING.match(stripped) or _BLOCK_ID.fullmatch(stripped)
                                   or _FIELD.fullmatch(stripped) or _MARK.search(stripped))


def _add(parsed: ParsedImport, page, record: str, quote: _Quote, page_tags: list[str]) -> None:
    lines = quote.lines
    if lines and lines[0].startswith("[!"):  # an Obsidian callout's title line
        lines = lines[1:]
    text = "\n".join(lines).strip()
    block = _BLOCK_ID.search(text)
    if block:
        quote.block_id, text = block[1], text[:block.start()].rstrip()
    text = unescape(_OMNIVORE_LINK.sub("", text)).strip()
    if not text:
        raise fail(record, "an empty quote")
    fields, note_lines = {}, []
    for line in quote.after:
        if not line.strip() and not note_lines:
            continue
        own_id = _BLOCK_ID.fullmatch(line.strip())
        field = _FIELD.fullmatch(line.strip())
        if own_id and not quote.block_id and not note_lines:
            quote.block_id = own_id[1]
        elif field and not note_lines:
            fields[field[1].lower()] = field[2].strip()
        elif _HASHTAGS.fullmatch(line.strip()) and not note_lines:  # Omnivore's labels
            fields["tags"] = f"{fields.get('tags', '')} {line.strip()}"
        else:
            note_lines.append(line)
    own = quote.block_id.removeprefix("h-")
    # Our export writes the tags as Obsidian needs them (`c-plus-plus`) and,
    # when that changed them, as they were (`original_tags:: ["c++"]`).
    written = _original_tags(fields.get("original_tags"))
    tags = page_tags + tag_list(record, written if written is not None
                                else _tags(fields.get("tags")))
    parsed.add(page, new_highlight(
        id=own if _UUID.fullmatch(own) else stable_id("markdown", page.url, quote.block_id, text),
        exact=text, note=unescape("\n".join(note_lines).strip()),
        color=color(fields.get("color")), tags=list(dict.fromkeys(tags)),
        created_at=timestamp(fields.get("created"))))
