"""extract_article: parse -> metadata -> boilerplate -> readability -> blocks."""

from __future__ import annotations

import logging

from .blocks import linked_blocks
from .boilerplate import remove_boilerplate
from .metadata import Metadata, collapse, read_metadata
from .model import Article, Block
from .parse import PageError, parse_html
from .readable import readable_element
from .tidy import tidy_blocks

LOGGER = logging.getLogger(__name__)


def extract_article(html: str | bytes, url: str | None = None) -> Article:
    """Extract the main article of a page; never raises.

    :param html: the page as the browser had it, str or bytes (bytes are
        decoded by BOM, ``<meta charset>``, then UTF-8, then cp1252).
    :param url: the page's address, used to resolve the lead image URL.
    :returns: an Article; when there is no body its ``reason`` says why.
    """
    try:
        return _extract(html, url)
    except PageError as exc:
        return Article(reason=str(exc))
    except Exception as exc:  # one odd page must never crash a capture
        LOGGER.warning("extraction failed for %s: %r", url or "page", exc)
        return Article(reason=f"extraction failed: {exc.__class__.__name__}")


def extract_text(html: str | bytes, url: str | None = None) -> str:
    """The article body as plain text, blocks separated by blank lines."""
    return extract_article(html, url).text


def _extract(html: str | bytes, url: str | None) -> Article:
    root = parse_html(html)
    meta = read_metadata(root, url)
    outside = remove_boilerplate(root)
    first = [root]

    def prepare():
        """The cleaned tree: the one we have, then fresh ones on retries."""
        if first:
            return first.pop()
        tree = parse_html(html)
        remove_boilerplate(tree)
        return tree

    node = readable_element(prepare, url)
    blocks = linked_blocks(node) if node is not None else []
    blocks = tidy_blocks(blocks, meta)
    return _article(meta, blocks, outside, root)


def _article(meta: Metadata, blocks: list[Block], outside: list[Block],
             root) -> Article:
    reason = None
    if not blocks:
        if root.find(".//frameset") is not None or root.find(".//frame") is not None:
            reason = "page is a frameset; its frames are separate pages"
        else:
            reason = "no article text found"
    return Article(
        title=meta.title, byline=meta.byline, site_name=meta.site_name,
        lang=meta.lang, published=meta.published, image=meta.image,
        text="\n\n".join(b.text for b in blocks), blocks=blocks, reason=reason,
        outside=outside)


__all__ = ["extract_article", "extract_text", "collapse"]
