"""GET /api/search: the words to look for, and what matched."""

from __future__ import annotations

from pydantic import Field

from .common import Limit, Query, Reply
from .highlights import Highlight
from .limits import DEFAULT_PAGE_SIZE
from .types import Words


class SearchQuery(Query):
    q: Words = Field(description="the words to look for")
    limit: Limit = DEFAULT_PAGE_SIZE


class HighlightMatch(Highlight):
    snippet: str = Field(description="the matching words in [brackets]")


class PageMatch(Reply):
    id: int
    url: str
    title: str
    site_name: str | None
    snippet: str


class SearchResults(Reply):
    query: str
    highlights: list[HighlightMatch]
    pages: list[PageMatch]
