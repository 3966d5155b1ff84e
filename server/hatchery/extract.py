"""HTML -> Article: the page's main content, its metadata and its blocks.

A first version built on readability-lxml and BeautifulSoup; the extraction
issue makes it excellent. The public names here are stable.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, field

from bs4 import BeautifulSoup

LOGGER = logging.getLogger(__name__)

BLOCK_TAGS = {
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading",
    "h5": "heading", "h6": "heading", "p": "paragraph", "li": "list_item",
    "blockquote": "quote", "pre": "code",
}


@dataclass
class Block:
    """One unit of the article in reading order."""

    kind: str  # heading | paragraph | list_item | quote | code | caption
    text: str
    level: int | None = None  # heading level 1-6


@dataclass
class Article:
    title: str = ""
    byline: str | None = None
    site_name: str | None = None
    lang: str | None = None
    published: str | None = None
    image: str | None = None
    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    reason: str | None = None  # why the article is empty, when it is

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Article":
        blocks = [Block(**b) for b in data.get("blocks") or []]
        return cls(**{**data, "blocks": blocks})


@dataclass
class HighlightContext:
    """Where a highlight sits in an article."""

    found: bool
    in_body: bool
    block_index: int | None = None
    block_text: str = ""
    before: str = ""  # the sentence(s) just before the highlight in its block
    after: str = ""
    heading_path: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def extract_article(html: str | bytes, url: str | None = None) -> Article:
    """Extract the main article of a page; never raises."""
    try:
        from readability import Document

        if isinstance(html, bytes):
            html = html.decode("utf-8", "replace")
        if not html.strip():
            return Article(reason="empty page")
        doc = Document(html, url=url)
        summary = doc.summary(html_partial=True)
        title = doc.short_title() or ""
        soup = BeautifulSoup(summary, "lxml")
        blocks = []
        for el in soup.find_all(list(BLOCK_TAGS)):
            if el.find_parent(list(BLOCK_TAGS)):
                continue
            text = _collapse(el.get_text(" "))
            if text:
                kind = BLOCK_TAGS[el.name]
                level = int(el.name[1]) if kind == "heading" else None
                blocks.append(Block(kind, text, level))
        text = "\n\n".join(b.text for b in blocks)
        return Article(title=title, text=text, blocks=blocks,
                       reason=None if blocks else "no article found")
    except Exception as exc:  # one odd page must never crash a capture
        LOGGER.warning("extraction failed for %s: %s", url, exc)
        return Article(reason=f"extraction failed: {exc.__class__.__name__}")


def extract_text(html: str | bytes, url: str | None = None) -> str:
    """The article body as plain text, blocks separated by blank lines."""
    return extract_article(html, url).text


def find_context(article: Article, exact: str, prefix: str = "",
                 suffix: str = "") -> HighlightContext:
    """Find the block of `article` that holds the highlighted text."""
    needle = _collapse(exact).lower()
    if not needle:
        return HighlightContext(found=False, in_body=False)
    headings: list[str] = []
    for index, block in enumerate(article.blocks):
        if block.kind == "heading":
            level = block.level or 1
            headings = headings[: level - 1] + [block.text]
        if needle in block.text.lower():
            return HighlightContext(True, True, index, block.text,
                                    heading_path=list(headings))
    return HighlightContext(found=False, in_body=False)
