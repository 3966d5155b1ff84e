"""Hatches: the request, and the hatch exactly as `hatch/models.py` makes
it, beside its record in the history."""

from __future__ import annotations

from pydantic import Field, model_validator

from .common import Body, Reply
from .limits import ENGINES, LENGTHS, MAX_HATCH_HIGHLIGHTS, MAX_HATCH_PAGES
from .types import list_of, one_of, refuse

PageIds = list_of(int, max_items=MAX_HATCH_PAGES)
HighlightIds = list_of(str, max_items=MAX_HATCH_HIGHLIGHTS)
Engine = one_of(ENGINES)
Length = one_of(LENGTHS)

# The spec's way of saying "pick at least one page or highlight".
PICK_SOMETHING = {"anyOf": [
    {"required": ["page_ids"], "properties": {"page_ids": {"minItems": 1}}},
    {"required": ["highlight_ids"], "properties": {"highlight_ids": {"minItems": 1}}},
]}


class HatchRequest(Body, json_schema_extra=PICK_SOMETHING):
    """What to hatch: at least one page or highlight."""

    page_ids: PageIds = Field(default_factory=list,
                              description="pages, with all their highlights")
    highlight_ids: HighlightIds = Field(default_factory=list,
                                        description="single highlights, with their pages")
    engine: Engine = Field("local", description="`llm` once a language model is configured")
    length: Length = "short"

    @model_validator(mode="after")
    def _something_picked(self) -> HatchRequest:
        if not self.page_ids and not self.highlight_ids:
            refuse("Pick at least one page (`page_ids`) or highlight (`highlight_ids`).",
                   code="nothing_to_hatch")
        return self


class Sentence(Reply):
    """A sentence of the hatch and the citation numbers it rests on."""

    text: str
    cites: list[int]


class Section(Reply):
    """The part of a hatch made from one source."""

    source_id: int
    title: str
    site: str | None
    url: str
    paragraphs: list[list[Sentence]]


class Thread(Reply):
    """A key phrase several sources share."""

    phrase: str
    source_ids: list[int]
    cites: list[int]


class Citation(Reply):
    """Citation number `n`: a highlight of one source, or the page's article
    text when `highlight_id` is null."""

    n: int
    source_id: int
    highlight_id: str | None
    url: str
    title: str
    quote: str | None = Field(None, description="the cited highlight's text; null when the "
                                                "citation is the page's article text")
    link: str | None = Field(None, description="the page's URL with a text fragment "
                                               "(`#:~:text=`) that opens at the cited passage")


class HatchRecord(Reply):
    """A hatch in the history, as the list shows it."""

    id: int
    title: str
    engine: str
    length: str
    page_ids: list[int]
    highlight_ids: list[str]
    created_at: str


Relation = one_of(("single", "story", "theme", "unrelated"))


class Headings(Reply):
    """The section names, in the hatch's language, for every view to use."""

    threads: str
    advice: str
    conclusion: str
    sources: str
    notes: str


class Hatch(HatchRecord):
    """A stored hatch: its record and the write-up (`hatch.models.Hatch`)."""

    relation: Relation = Field("theme", description=(
        "how the sources relate: one story, a shared theme, unrelated, or a single page"))
    lang: str = Field("en", description="the language of the section names and framing")
    headings: Headings | None = Field(None, description="section names in `lang`")

    introduction: list[Sentence]
    sections: list[Section]
    threads: list[Thread] = []
    advice: list[Sentence]
    conclusion: list[Sentence]
    citations: list[Citation]
    model: str | None = Field(None, description="the model that wrote it (llm)")
    prompt_version: str | None = None
    notes: list[str] = Field(default_factory=list, description=(
        "what was left out, dropped or marked, or why the local engine wrote it instead "
        "of the model"))
    markdown: str


class HatchReply(Reply):
    hatch: Hatch


class HatchList(Reply):
    hatches: list[HatchRecord]
    total: int
    limit: int
    offset: int
