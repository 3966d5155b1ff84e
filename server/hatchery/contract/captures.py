"""POST /api/captures: one highlight with its page, as the extension sends it."""

from __future__ import annotations

from pydantic import Field, model_validator

from .common import Body
from .limits import DEFAULT_COLOR
from .types import (ClientId, Color, ContextText, HighlightText, NoteText, Tags, Title, WebUrl,
                    WholeNumber, refuse)


class CaptureRequest(Body):
    """A highlight and its page. `end` is at least `start` when both are given."""

    id: ClientId = Field(description="made by the client; a resend with the same id is "
                                     "stored once")
    url: WebUrl = Field(description="the page's http(s) URL")
    title: Title = Field("", description="the page's title")
    html: str | None = Field(None, description="the page's HTML, for extraction")
    text: HighlightText = Field(description="the highlighted text")
    prefix: ContextText = Field("", description="the text just before the highlight")
    suffix: ContextText = Field("", description="the text just after the highlight")
    start: WholeNumber | None = Field(None, description="the highlight's first character "
                                                        "in the page text")
    end: WholeNumber | None = Field(None, description="the character after its last; at "
                                                      "least `start`")
    color: Color = DEFAULT_COLOR
    note: NoteText = ""
    tags: Tags = Field(default_factory=list, description="cleaned: trimmed, empty ones "
                                                         "dropped, repeats removed")

    @model_validator(mode="after")
    def _end_after_start(self) -> CaptureRequest:
        if self.start is not None and self.end is not None and self.end < self.start:
            refuse("`end` must be at least `start`.")
        return self
