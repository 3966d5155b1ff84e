"""Omnivore's export: `metadata_*.json` (a list of saved articles with
`slug`, `url`, `title`, `author`, `labels`, `savedAt`), its highlights
either inline (`highlights[]` of `quote`, `annotation`, `color`,
`createdAt`, `prefix`, `suffix`, `labels`) or, in the export zip, as
`highlights/<slug>.md` quotes (read by `markdown`)."""

from __future__ import annotations

from .common import (ParsedImport, color, fail, new_highlight, page_url, stable_id, tag_list,
                     text, timestamp)

NAME = "omnivore"


def looks_like(data: object) -> bool:
    return isinstance(data, list) and bool(data) and all(
        isinstance(a, dict) and "slug" in a and "url" in a and
        ("savedAt" in a or "highlights" in a) for a in data[:100])


def parse(data: list, parsed: ParsedImport | None = None) -> ParsedImport:
    parsed = parsed or ParsedImport(NAME)
    for i, article in enumerate(data, start=1):
        with parsed.reading(f"article {i}", group=True):
            _article(parsed, i, article)
    return parsed


def article_page(parsed: ParsedImport, record: str, article: dict):
    url = page_url(record, article.get("url"))
    return parsed.page(url, text(record, article, "title"),
                       byline=text(record, article, "author") or None,
                       published=timestamp(article.get("publishedAt")),
                       created_at=timestamp(article.get("savedAt")))


def _article(parsed: ParsedImport, i: int, article: object) -> None:
    record = f"article {i}"
    if not isinstance(article, dict):
        raise fail(record, "it is not an object")
    page = article_page(parsed, record, article)
    labels = tag_list(record, article.get("labels"))
    highlights = article.get("highlights") or []
    if not isinstance(highlights, list):
        raise fail(record, "`highlights` must be a list")
    for j, h in enumerate(highlights, start=1):
        where = f"{record} ({page.url[:60]}), highlight {j}"
        with parsed.reading(where):
            if not isinstance(h, dict):
                raise fail(where, "it is not an object")
            exact = text(where, h, "quote")
            if not exact.strip():
                raise fail(where, "a note with no highlighted text")
            parsed.add(page, new_highlight(
                id=stable_id("omnivore", h.get("id") or f"{page.url}\x1f{exact}"),
                exact=exact, prefix=text(where, h, "prefix"), suffix=text(where, h, "suffix"),
                note=text(where, h, "annotation"), color=color(h.get("color")),
                tags=list(dict.fromkeys(labels + tag_list(where, h.get("labels")))),
                created_at=timestamp(h.get("createdAt")),
                updated_at=timestamp(h.get("updatedAt"))))
