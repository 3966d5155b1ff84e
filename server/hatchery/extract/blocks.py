"""An lxml element of article HTML -> Blocks in reading order."""

from __future__ import annotations

import re

from .metadata import collapse
from .model import Block

HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# Elements that start a new block; the rest are inline and join their text.
BLOCK_LEVEL = HEADING_TAGS | {
    "p", "div", "section", "article", "main", "header", "footer", "aside",
    "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd", "table", "tbody",
    "thead", "tfoot", "tr", "figure", "figcaption", "form",
    "fieldset", "address", "hr", "center", "details", "summary", "body",
    "html", "caption", "nav", "menu", "noscript",
}

# The tags that start a block of their own, for a search in C.
_BLOCK_STARTS = tuple(sorted(BLOCK_LEVEL | {"br", "pre"}))

# Inside a table row only these start a block of their own.
_ROW_BREAKS = {"table", "tr"}

# Python recursion guard: lxml caps HTML nesting (~256), this keeps us safe
# even if it ever does not.
MAX_DEPTH = 400

_SOFT_HYPHEN_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(text: str) -> str:
    """Collapse whitespace and drop invisible characters (soft hyphens,
    zero-width spaces) that split words in the HTML but not on screen.
    (A no-break space is whitespace to `collapse` already.)"""
    if _SOFT_HYPHEN_RE.search(text):  # rare: searching is cheaper than subbing
        text = _SOFT_HYPHEN_RE.sub("", text)
    return collapse(text)


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.link_ratios: list[float] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.kind = "paragraph"
        self.level: int | None = None

    def flush(self) -> None:
        raw = "".join(self.parts)
        text = clean_text(raw)
        links, self.parts, self.link_chars = self.link_chars, [], 0
        if text:
            self.blocks.append(Block(self.kind, text, self.level))
            self.link_ratios.append(min(1.0, links / max(1, len(raw.strip()))))

    def add(self, text: str | None, link: bool = False) -> None:
        if text:
            self.parts.append(text)
            if link:
                self.link_chars += len(text)

    def walk(self, el, kind: str, level: int | None, depth: int,
             list_depth: int, link: bool = False, in_row: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:  # comment or processing instruction: keep only its tail
            return
        if tag == "br":
            # Two <br> in a row separate paragraphs; one is a line break.
            if self.parts and self.parts[-1] == "\n":
                self.flush()
            else:
                self.parts.append("\n")
            return
        if depth > MAX_DEPTH:
            self.add(el.text_content())
            return
        if tag == "pre":  # code keeps its line breaks and indentation
            self.flush()
            code = _SOFT_HYPHEN_RE.sub("", _pre_text(el)).strip("\n")
            if code.strip():
                self.blocks.append(Block("code", code.rstrip()))
                self.link_ratios.append(0.0)
            return
        # A table row is one block: the <p>s and <div>s its cells hold are
        # parts of that line ("Capacity 4.2 litres"), unless a cell holds
        # a table of its own.
        block = tag in BLOCK_LEVEL and not (in_row and tag not in _ROW_BREAKS)
        in_row = in_row or tag == "tr"
        if tag == "table":
            in_row = False
        if block:
            self.flush()
            kind, level = _kind_of(tag, kind, level, list_depth)
            if tag in ("ul", "ol"):
                list_depth += 1
            self.kind, self.level = kind, level
        link = link or tag == "a"
        self.add(el.text, link)
        for child in el:
            self.walk(child, kind, level, depth + 1, list_depth, link, in_row)
            self.add(child.tail, link)
            if block and self.kind != kind:
                self.kind, self.level = kind, level
        if block:
            self.flush()
        elif tag in ("td", "th") or tag in BLOCK_LEVEL:  # cells and their
            # paragraphs, spaced within their row
            self.parts.append(" ")


def _pre_text(el) -> str:
    """A code block's text; a <br> in it is a line break (highlighters
    write one line per <span> and end it with <br>)."""
    parts = [el.text or ""]
    for child in el.iterdescendants():
        if child.tag == "br":
            parts.append("\n")
        elif isinstance(child.tag, str):
            parts.append(child.text or "")
        parts.append(child.tail or "")
    return "".join(parts)


def _kind_of(tag: str, kind: str, level: int | None,
             list_depth: int) -> tuple[str, int | None]:
    """The kind of block an element starts, given the enclosing kind."""
    if tag in HEADING_TAGS:
        return "heading", int(tag[1])
    if tag == "li":
        return "list_item", max(1, list_depth)
    if tag == "blockquote":
        return "quote", None
    if tag == "pre":
        return "code", None
    if tag in ("figcaption", "caption"):
        return "caption", None
    if kind in ("quote", "code", "list_item", "caption"):
        return kind, level  # a <p> inside a quote is still the quote
    return "paragraph", None


def element_blocks(el) -> list[Block]:
    """Blocks of an element's content, in document order."""
    if (isinstance(el.tag, str) and el.tag != "pre"
            and next(el.iterdescendants(*_BLOCK_STARTS), None) is None):
        # One block: what the walk below makes of it, without the walk
        # (most removed page furniture is a line of text).
        text = clean_text(el.text_content())
        if not text:
            return []
        kind, level = _kind_of(el.tag, "paragraph", None, 0)
        return [Block(kind if el.tag in BLOCK_LEVEL else "paragraph", text,
                      level if el.tag in BLOCK_LEVEL else None)]
    return [block for block, _ in linked_blocks(el)]


def linked_blocks(el) -> list[tuple[Block, float]]:
    """Blocks of an element with the share of each block's text in links."""
    builder = _Builder()
    if not isinstance(el.tag, str):
        return []
    builder.walk(el, "paragraph", None, 0, 0)
    builder.flush()
    return list(zip(builder.blocks, builder.link_ratios))
