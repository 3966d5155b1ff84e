"""Block-level clean-up after readability: the headline, the byline and
date lines, and repeated blocks are not part of the article body."""

from __future__ import annotations

import re

from .metadata import Metadata
from .model import Block

# A byline or dateline is a short block; past this it is prose.
MAX_BYLINE_CHARS = 120

_NORM_RE = re.compile(r"\W+")
_BYLINE_RE = re.compile(r"^(?:by|von|par|por|door|written by|posted by)\s+\S",
                        re.I)
_CREDIT_RE = re.compile(r"^(?:photo|image|picture|credit|source|foto)s?\s*:", re.I)


def _norm(text: str) -> str:
    return _NORM_RE.sub("", text).lower()


def is_title_block(block: Block, meta: Metadata) -> bool:
    """A heading (or short line) repeating the page title."""
    if not meta.title or len(block.text) > 2 * len(meta.title) + 20:
        return False
    return _norm(block.text) == _norm(meta.title)


def is_byline_block(block: Block, meta: Metadata) -> bool:
    """A short "By Jane Doe" / "Photo: AP" line, or the byline itself."""
    if len(block.text) > MAX_BYLINE_CHARS or block.kind == "code":
        return False
    if _BYLINE_RE.match(block.text) or _CREDIT_RE.match(block.text):
        return True
    return bool(meta.byline) and _norm(block.text) == _norm(meta.byline)


def tidy_blocks(blocks: list[Block], meta: Metadata) -> list[Block]:
    """Drop headline and byline blocks, and a block repeating the one just
    before it (slideshows repeat captions; recipes legitimately repeat lines
    further apart, so only neighbours count)."""
    kept: list[Block] = []
    previous = ""
    for block in blocks:
        key = _norm(block.text)
        if not key or key == previous:
            continue
        previous = key
        if is_title_block(block, meta) or is_byline_block(block, meta):
            continue
        kept.append(block)
    return kept
