"""The highlight comes first: when the extractor left out the text a person
highlighted (a forum reply, a product spec, a tab the page hid), the block
of the page that holds it is added to the article, where the page has it,
so every highlight keeps its context whatever the page type."""

from __future__ import annotations

import dataclasses

from lxml import etree

from .blocks import element_blocks
from .context import locate_blocks
from .model import Article, Block
from .parse import PageError, parse_html

# Elements whose text a reader never sees as page text.
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "head")

# An added block longer than this is cut to a window around the highlight:
# context needs the paragraph, not a 200 KB div.
MAX_ADDED_CHARS = 4000


def include_highlight_block(article: Article, html: str | bytes, exact: str,
                            prefix: str = "", suffix: str = "") -> Article:
    """`article`, with the page block(s) holding the highlight added to its
    body when the highlighted text is not already in it.

    :param article: what `extract_article(html, url)` returned.
    :param html: the same page.
    :param exact: the highlighted text as the browser saw it.
    :param prefix: text just before the highlight on the page.
    :param suffix: text just after it.
    :returns: `article` itself when the highlight is in its body or nowhere
        on the page; else a new Article whose blocks (and text) include the
        page's block(s) holding the highlight, in page order.
    """
    if not (exact or "").strip() or locate_blocks(
            article.blocks, exact, prefix, suffix) is not None:
        return article
    page = _page_blocks(html)
    span = locate_blocks(page, exact, prefix, suffix)
    if span is None:
        return article
    first, last = span
    added = [_window(page[i], exact) for i in range(first, last + 1)]
    at = _insertion_point(article.blocks, page, first)
    blocks = article.blocks[:at] + added + article.blocks[at:]
    return dataclasses.replace(
        article, blocks=blocks, text="\n\n".join(b.text for b in blocks),
        reason=None)


def _page_blocks(html: str | bytes) -> list[Block]:
    """Every visible block of the page, boilerplate included."""
    try:
        root = parse_html(html)
    except PageError:
        return []
    etree.strip_elements(root, *INVISIBLE_TAGS, with_tail=False)
    body = root.find("body")
    return element_blocks(body if body is not None else root)


def _insertion_point(blocks: list[Block], page: list[Block], index: int) -> int:
    """Where page block `index` goes among the article's `blocks`: after the
    last article block found earlier on the page."""
    texts = [b.text for b in page]
    at, cursor = 0, 0
    for i, block in enumerate(blocks):
        try:
            found = texts.index(block.text, cursor)
        except ValueError:
            continue  # a block the extractor rebuilt (JSON-LD): no position
        if found >= index:
            break
        at, cursor = i + 1, found + 1
    return at


def _window(block: Block, exact: str) -> Block:
    """`block`, cut to MAX_ADDED_CHARS around the highlight when longer."""
    if len(block.text) <= MAX_ADDED_CHARS:
        return block
    text = block.text
    middle = text.find(exact[:200])
    middle = len(text) // 2 if middle < 0 else middle + min(len(exact), 200) // 2
    start = max(0, middle - MAX_ADDED_CHARS // 2)
    cut = text[start:start + MAX_ADDED_CHARS]
    if start > 0 and " " in cut:
        cut = cut[cut.index(" ") + 1:]
    if start + MAX_ADDED_CHARS < len(text) and " " in cut:
        cut = cut[:cut.rindex(" ")]
    return dataclasses.replace(block, text=cut)
