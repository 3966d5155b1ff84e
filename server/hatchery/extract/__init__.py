"""HTML -> Article: the page's main content, its metadata and its blocks.

Built on readability-lxml: we parse once with lxml, read the metadata, remove
boilerplate (share bars, captions, related lists, bylines) from the page,
let readability pick the article, then turn it into blocks and drop what is
left of the headline and byline. See `pipeline.py` for the steps.

Public names (stable): `extract_article`, `extract_text`, `find_context`,
`Article`, `Block`, `HighlightContext`, `include_highlight_block` (call it
with the page and the highlight before `find_context`, so a highlight the
extractor left out brings its block into the article).
"""

from .context import find_context
from .highlight import include_highlight_block
from .model import Article, Block, HighlightContext
from .pipeline import extract_article, extract_text

__all__ = ["Article", "Block", "HighlightContext", "extract_article",
           "extract_text", "find_context", "include_highlight_block"]
