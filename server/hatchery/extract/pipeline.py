"""extract_article: parse -> metadata -> boilerplate -> readability -> blocks."""

from __future__ import annotations

import html as html_lib
import logging
import re

import lxml.html
from lxml import etree

from .blocks import clean_text, element_blocks, linked_blocks
from .boilerplate import remove_boilerplate
from .fallback import last_resort_blocks, paragraph_fallback
from .listing import join_cards, listing_cards
from .metadata import Metadata, read_metadata
from .model import Article, Block
from .pagetype import classify_page
from .parse import PageError, parse_html
from .readable import readable_element
from .assemble import widen
from .tidy import tidy_blocks

LOGGER = logging.getLogger(__name__)

# Below this many characters the body is "too little": try the page's JSON-LD
# articleBody, then every prose paragraph of the cleaned page.
MIN_BODY_CHARS = 250

# JSON-LD articleBody replaces what readability kept when it is this many
# times longer and holds (nearly) all of its words: readability kept a part.
JSONLD_LONGER_FACTOR = 2.0
JSONLD_MIN_OVERLAP = 0.9

_WORD_RE = re.compile(r"\w+")
# An opening block tag; the tag's end is not matched, since scanning for it
# from every "<p" of a body with no ">" is quadratic.
_TAG_RE = re.compile(r"<(?:p|br|div|h[1-6]|ul|ol|li)\b", re.I)


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
    page_type = classify_page(root, meta, url)
    cleaned = remove_boilerplate(root, page_type)
    outside = cleaned.outside
    cards = listing_cards(root) if page_type == "listing" else ([], set())
    first = [root]

    def prepare():
        """The cleaned tree: the one we have, then fresh ones on retries."""
        if first:
            return first.pop()
        tree = parse_html(html)
        remove_boilerplate(tree, page_type)
        return tree

    node, taken = readable_element(prepare, url)
    node = widen(node, taken, cleaned.kept_chars, page_type)
    blocks = linked_blocks(node) if node is not None else []
    dropped: list[Block] = []
    blocks = tidy_blocks(blocks, meta, dropped)
    # The headline and byline belong to the page, not the body: a highlight
    # made there is found, outside the body.
    outside = dropped + outside
    if meta.title:
        outside.insert(0, Block("heading", meta.title, 1))
    if _prefer_jsonld(blocks, meta.jsonld_body):
        blocks = _text_blocks(meta.jsonld_body)
    elif _too_short(blocks):
        fallback = paragraph_fallback(html, meta, page_type)
        if _chars(fallback) > _chars(blocks):
            blocks = fallback
    blocks = join_cards(blocks, cards)
    if not blocks:
        blocks = last_resort_blocks(html)
    article = _article(meta, blocks, outside, root)
    article.page_type = page_type
    return article


def _chars(blocks: list[Block]) -> int:
    return sum(len(b.text) for b in blocks)


def _too_short(blocks: list[Block]) -> bool:
    return _chars(blocks) < MIN_BODY_CHARS


def _words(text: str) -> set[str]:
    return set(_WORD_RE.findall(text.lower()))


def _prefer_jsonld(blocks: list[Block], jsonld_body: str) -> bool:
    """Use the page's own JSON-LD articleBody when what we extracted is too
    short, or is a small part of that body (readability kept one section)."""
    if len(jsonld_body) < MIN_BODY_CHARS:
        return False
    ours = " ".join(b.text for b in blocks)
    if len(ours) < MIN_BODY_CHARS:
        return True
    if len(jsonld_body) < JSONLD_LONGER_FACTOR * len(ours):
        return False
    mine, theirs = _words(ours), _words(jsonld_body)
    return len(mine & theirs) >= JSONLD_MIN_OVERLAP * len(mine)


def _text_blocks(text: str) -> list[Block]:
    """Blocks from a JSON-LD articleBody: plain text split at line breaks,
    or, when a site put HTML there, that HTML's blocks."""
    if _TAG_RE.search(text):
        try:
            fragment = lxml.html.fragment_fromstring(text, create_parent="div")
        except (etree.ParserError, ValueError):
            fragment = None
        if fragment is not None:
            return element_blocks(fragment)
    blocks = []
    for part in re.split(r"\n\s*\n|\r?\n", text):
        part = clean_text(html_lib.unescape(part))
        if part:
            blocks.append(Block("paragraph", part))
    return blocks


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


