"""Pages: the list with highlight counts, and one page with its article."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .common import Reply
from .highlights import Highlight


class PageFields(Reply):
    """What every answer about a page carries."""

    id: int
    url: str
    title: str
    site_name: str | None
    byline: str | None
    lang: str | None
    published: str | None
    image: str | None
    html_hash: str | None = Field(description="sha256 of the HTML last extracted")
    # Extraction runs after the capture: pending until it has, then done,
    # timed_out or failed (those two keep the page's plain text); null when
    # no HTML was ever sent.
    extraction: Literal["pending", "done", "timed_out", "failed"] | None = Field(
        None, description="where the article extraction stands")
    created_at: str
    updated_at: str


class PageSummary(PageFields):
    highlight_count: int
    last_activity: str | None = Field(description="when the page last got a highlight")


class Page(PageFields):
    highlight_count: int
    article: dict[str, Any] | None = Field(
        description="the extracted article: title, byline, text, blocks, ...")
    article_text: str
    highlights: list[Highlight]


class PageList(Reply):
    pages: list[PageSummary]
    total: int
    limit: int
    offset: int


class PageReply(Reply):
    page: Page
