"""Capturing a highlight: find or make its page, locate the highlight in the
article already stored, store both, and queue new HTML for extraction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .. import extract
from ..errors import ConflictError, GoneError
from ..store import HighlightRecord, Store
from ..urls import normalize_url


@dataclass
class Capture:
    """One highlight with its page, as the extension sends it."""

    highlight: HighlightRecord
    url: str
    title: str = ""
    html: str | None = None


def html_hash(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()


def save_capture(store: Store, capture: Capture) -> tuple[dict, bool, bool]:
    """Store a capture; returns the stored highlight, whether it is new and
    whether its page's HTML was queued for the extraction worker.

    The same capture sent twice is stored once: the second answer is the
    stored highlight. A capture of a highlight the person deleted since
    (in the trash or gone for good) is refused with GoneError (410), so a
    stale resend never resurrects it. The same id with other text or another
    page is a client bug and raises ConflictError rather than overwrite
    anything. Nothing here extracts: new HTML waits in the queue, and the
    highlight's context comes from the article already stored, if any (the
    worker refreshes it).
    """
    url = normalize_url(capture.url)
    existing = store.find_highlight(capture.highlight.id)
    if existing is None and store.was_deleted(capture.highlight.id):
        raise GoneError(f"highlight {capture.highlight.id} was deleted; it is not stored again.")
    if existing is not None:
        _check_same(existing, capture, url)
        return existing, False, False

    page = store.page_by_url(url)
    article = page["article"] if page else None
    new = capture.highlight
    if article and article.get("blocks"):
        located = extract.find_context(
            extract.Article.from_dict(article), new.exact, new.prefix, new.suffix)
        new.context = located.to_dict()
    html = capture.html or None
    highlight, created, queued = store.add_capture(
        url, capture.title, new, html=html, html_hash=html_hash(html) if html else None)
    if not created:  # a concurrent resend won the race
        _check_same(highlight, capture, url)
    return highlight, created, queued


def _check_same(stored: dict, capture: Capture, url: str) -> None:
    if stored["exact"] != capture.highlight.exact or stored["url"] != url:
        raise ConflictError(
            f"highlight {stored['id']} already exists with other text or on another "
            "page; a new highlight needs a new id.")
