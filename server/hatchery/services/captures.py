"""Capturing a highlight: find or make its page, extract the article once per
distinct HTML, locate the highlight in it and store both."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from .. import extract
from ..errors import ConflictError, GoneError
from ..store import HighlightRecord, Store
from ..urls import normalize_url

LOGGER = logging.getLogger(__name__)


@dataclass
class Capture:
    """One highlight with its page, as the extension sends it."""

    highlight: HighlightRecord
    url: str
    title: str = ""
    html: str | None = None


def html_hash(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()


def save_capture(store: Store, capture: Capture) -> tuple[dict, bool]:
    """Store a capture; returns the stored highlight and whether it is new.

    The same capture sent twice is stored once: the second answer is the
    stored highlight. A capture of a highlight the person deleted since is
    refused with GoneError (410), so a stale resend never resurrects it. The
    same id with other text or another page is a client bug and raises ConflictError rather than overwrite anything.
    """
    url = normalize_url(capture.url)
    existing = store.find_highlight(capture.highlight.id)
    if existing is None and store.was_deleted(capture.highlight.id):
        raise GoneError(f"highlight {capture.highlight.id} was deleted; it is not stored again.")
    if existing is not None:
        _check_same(existing, capture, url)
        return existing, False

    page = store.page_by_url(url)
    article = page["article"] if page else None
    if capture.html:
        digest = html_hash(capture.html)
        if page is None or page["html_hash"] != digest:
            # Extraction runs outside any transaction: it is the slow part,
            # and an odd page only ever yields an empty article.
            article = extract.extract_article(capture.html, url).to_dict()
            page = store.save_page(url, title=capture.title, article=article,
                                   html_hash=digest)
    if page is None or (capture.title and not page["title"]):
        page = store.save_page(url, title=capture.title)

    new = capture.highlight
    if article and article.get("blocks"):
        located = extract.find_context(
            extract.Article.from_dict(article), new.exact, new.prefix, new.suffix)
        new.context = located.to_dict()
    highlight, created = store.add_highlight(page["id"], new)
    if not created:  # a concurrent resend won the race
        _check_same(highlight, capture, url)
    return highlight, created


def _check_same(stored: dict, capture: Capture, url: str) -> None:
    if stored["exact"] != capture.highlight.exact or stored["url"] != url:
        raise ConflictError(
            f"highlight {stored['id']} already exists with other text or on another "
            "page; a new highlight needs a new id.")
