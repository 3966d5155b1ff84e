"""What the article is when readability finds too little.

First every prose block of the cleaned page (`paragraph_fallback`); and
when even that is empty while the page shows text, the page's own blocks
with no boilerplate rule applied (`last_resort_blocks`): a page that has
readable text never comes out empty.
"""

from __future__ import annotations

import re

from lxml import etree

from .blocks import linked_blocks
from .boilerplate import DROP_TAGS, remove_boilerplate
from .metadata import Metadata
from .model import Block
from .parse import parse_html
from .recover import unwrap_swallowing_elements
from .tidy import tidy_blocks

# The paragraph fallback keeps blocks this long, with at most this share
# of their text in links.
FALLBACK_MIN_BLOCK_CHARS = 40
FALLBACK_MAX_LINK_RATIO = 0.5

_WORD_RE = re.compile(r"\w")


def _body(root):
    body = root.find("body")
    return root if body is None else body


def _prose(pairs: list[tuple[Block, float]]) -> list[tuple[Block, float]]:
    return [(b, r) for b, r in pairs
            if b.kind == "heading" or (len(b.text) >= FALLBACK_MIN_BLOCK_CHARS
                                       and r < FALLBACK_MAX_LINK_RATIO)]


def paragraph_fallback(html: str | bytes, meta: Metadata,
                       page_type: str = "article") -> list[Block]:
    """Every block of the cleaned page long enough to be prose and not
    mostly links, tidied.

    :param html: the page, as `extract_article` was given it.
    :param meta: the page's metadata (the headline and byline are dropped).
    :param page_type: the page's type, as `classify_page` named it.
    """
    root = parse_html(html)
    remove_boilerplate(root, page_type)
    blocks = tidy_blocks(_prose(linked_blocks(_body(root))), meta)
    while blocks and blocks[-1].kind == "heading":
        blocks.pop()
    return blocks


def has_readable_text(root) -> bool:
    """Whether a parsed page's body shows a word to read: scripts, styles,
    form controls and punctuation alone are not text.

    :param root: a parsed page; it is changed (those elements go).
    """
    unwrap_swallowing_elements(root)
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    return _WORD_RE.search(_body(root).text_content()) is not None


def last_resort_blocks(html: str | bytes) -> list[Block]:
    """The page's prose blocks, or failing that every block it has, with no
    boilerplate rule applied: [] only when the page has no readable text.

    :param html: the page, as `extract_article` was given it.
    """
    root = parse_html(html)
    if not has_readable_text(root):
        return []
    pairs = [(b, r) for b, r in linked_blocks(_body(root))
             if _WORD_RE.search(b.text)]
    prose = [b for b, _ in _prose(pairs) if b.kind != "heading"]
    return prose or [b for b, _ in pairs]
