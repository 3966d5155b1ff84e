"""HTML -> Article: the page's main content, its metadata and its blocks.

Built on readability-lxml: we parse once with lxml, read the metadata, remove
boilerplate (share bars, captions, related lists, bylines) from the page,
let readability pick the article, then turn it into blocks and drop what is
left of the headline and byline. See `pipeline.py` for the steps.

Public names (stable): `extract_article`, `extract_text`, `find_context`,
`Article`, `Block`, `HighlightContext`.
"""

from .context import find_context
from .model import Article, Block, HighlightContext
from .pipeline import extract_article, extract_text

__all__ = ["Article", "Block", "HighlightContext", "extract_article",
           "extract_text", "find_context"]
