"""The data a hatch is made from and the hatch itself, as plain dataclasses.

Inputs (`Source`, `SourceHighlight`) are what the store hands over; the output
(`Hatch`) is what the API stores as JSON and the popup renders. Every piece of
prose in a `Hatch` is a `Sentence` that carries the citation numbers it came
from, so nothing can be shown without its origin. The parts (`Sentence`,
`Section`, `Thread`, `Citation`) are defined in `parts`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .fragments import passage_link
from .parts import Citation, Section, Thread, Writeup, sentences_from
from .render import render_markdown, render_notes
from .titles import title_of
from .vocabulary import headings


class NothingToHatch(ValueError):
    """The sources carry no highlight and no article text to hatch from."""


@dataclass
class SourceHighlight:
    """One highlight the person made on a page.

    :param id: the highlight's id (the client UUID).
    :param text: the highlighted text, as the person selected it.
    :param note: the person's note on it, if any.
    :param start: character offset of the highlight in the page text; orders
        highlights in article order.
    :param context: the paragraph that holds the highlight, if known.
    """

    id: str
    text: str
    note: str | None = None
    color: str | None = None
    tags: list[str] = field(default_factory=list)
    start: int | None = None
    context: str | None = None


@dataclass
class Source:
    """One page picked for a hatch, with its article text and highlights."""

    id: int
    url: str
    title: str
    site_name: str | None = None
    text: str = ""
    highlights: list[SourceHighlight] = field(default_factory=list)

    def citation(self, n: int, highlight_id: str | None) -> Citation:
        """Citation number `n` of this page: one of its highlights, quoted,
        or (`highlight_id` None) its article text.

        :param n: the citation's number in the hatch.
        :param highlight_id: the cited highlight's id, or None.
        """
        highlight = None
        if highlight_id is not None:
            highlight = next((h for h in self.highlights if h.id == highlight_id), None)
        quote = highlight.text if highlight else None
        link = passage_link(self.url, quote, highlight.context if highlight else None)
        return Citation(n, self.id, highlight_id, self.url, title_of(self), quote, link)


@dataclass
class Hatch(Writeup):
    """A merged write-up (the `Writeup`: title, introduction, one section per
    source, common threads, actionable advice, conclusion and the numbered
    citations) and how it was made."""

    engine: str = "local"
    length: str = "short"
    # How the sources relate: "single", "story", "theme" or "unrelated"
    # (hatches stored before it was kept read "single" for one source and
    # "theme" for several: they did claim links).
    relation: str = "single"
    # The language of the frame (section names, framing sentences).
    lang: str = "en"
    # Set by the LLM engine: the model and prompt that wrote the hatch.
    model: str | None = None
    prompt_version: str | None = None
    # Notices for the person: what was left out, dropped or marked, or why
    # another engine wrote the hatch.
    notes: list[str] = field(default_factory=list)

    @property
    def markdown(self) -> str:
        """The hatch as Markdown, with `[n]` markers, a Sources list and the notes."""
        return render_markdown(self, self.lang) + render_notes(self.notes, self.lang)

    def to_dict(self) -> dict[str, Any]:
        """The structure as plain JSON-ready data (`markdown` included)."""
        d = asdict(self)
        d["markdown"] = self.markdown
        d["headings"] = headings(self.lang)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Hatch:
        """Rebuild a stored hatch (as given by `to_dict`) to re-render it."""
        return cls(
            title=d["title"],
            introduction=sentences_from(d["introduction"]),
            sections=[Section.from_dict(s) for s in d["sections"]],
            # Hatches stored before threads existed have none.
            threads=[Thread.from_dict(t) for t in d.get("threads") or []],
            advice=sentences_from(d["advice"]),
            conclusion=sentences_from(d["conclusion"]),
            citations=[Citation.from_dict(c) for c in d["citations"]],
            engine=d.get("engine", "local"),
            length=d.get("length", "short"),
            relation=d.get("relation") or ("single" if len(d["sections"]) <= 1 else "theme"),
            lang=d.get("lang") or "en",
            model=d.get("model"),
            prompt_version=d.get("prompt_version"),
            notes=list(d.get("notes") or []),
        )
