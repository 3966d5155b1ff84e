"""Omnivore's export, as its export job wrote it (omnivore-app/omnivore,
`packages/api/src/jobs/export.ts`): `metadata_<from>_to_<to>.json`, a list
of saved articles (`id`, `slug`, `title`, `description`, `author`, `url`,
`state`, `readingProgress`, `thumbnail`, `labels` as names, `savedAt`,
`updatedAt`, `publishedAt`), and in the zip each article's highlights as
`highlights/<slug>.md` (read by `markdown`). JSON that has the highlights
inline, as Omnivore's API gave them (`highlights[]` of `quote`,
`annotation`, `color`, `createdAt`, `prefix`, `suffix`, `labels`), is read
too."""

from __future__ import annotations

from .common import (ParsedImport, color, each_highlight, fail, new_highlight, page_url,
                     stable_id, tag_list, text, timestamp)

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

    def read(where: str, h: dict) -> None:
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

    each_highlight(parsed, f"{record} ({page.url[:60]})", article.get("highlights") or [], read)
