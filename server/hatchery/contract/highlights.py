"""Highlights: the stored shape, the changes a PATCH may make, and the
lookup by page URL."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import ConfigDict, Field, field_validator

from .common import Body, Query, Reply
from .types import Color, NoteText, Tags, WebUrl, optional


class HighlightChanges(Body):
    """PATCH /api/highlights/ID: only the fields sent change; a null note
    or tags list clears it."""

    model_config = ConfigDict(extra="forbid")
    UNKNOWN_FIELD: ClassVar[str] = "`{name}` cannot be changed; send color, note or tags."

    color: Color = optional()
    note: NoteText | None = None
    tags: Tags | None = None

    @classmethod
    def _null_is_not_sent(cls, data: Any) -> Any:
        return data  # here null means "clear it"

    @field_validator("note")
    @classmethod
    def _clear_note(cls, value: str | None) -> str:
        return value or ""

    @field_validator("tags")
    @classmethod
    def _clear_tags(cls, value: list[str] | None) -> list[str]:
        return value or []


class HighlightsQuery(Query):
    url: WebUrl = Field(description="the page's URL, as the browser shows it")


class Highlight(Reply):
    """A stored highlight, with its page's URL and title."""

    id: str
    page_id: int
    url: str
    page_title: str
    exact: str = Field(description="the highlighted text")
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    color: str
    note: str
    tags: list[str]
    context: dict[str, Any] | None = Field(
        description="where the highlight sits in the extracted article (its paragraph "
                    "and heading), once extraction found it")
    created_at: str
    updated_at: str


class HighlightReply(Reply):
    highlight: Highlight


class PageHighlights(Reply):
    url: str = Field(description="the URL as the server keeps it (normalised)")
    page_id: int | None
    highlights: list[Highlight]
