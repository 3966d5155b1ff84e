"""The data a hatch is made from and the hatch itself, as plain dataclasses.

Inputs (`Source`, `SourceHighlight`) are what the store hands over; the output
(`Hatch`) is what the API stores as JSON and the popup renders. Every piece of
prose in a `Hatch` is a `Sentence` that carries the citation numbers it came
from, so nothing can be shown without its origin.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


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


@dataclass
class Sentence:
    """A sentence of the hatch and the citation numbers it rests on."""

    text: str
    cites: list[int]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        return cls(text=d["text"], cites=list(d["cites"]))


def _sentences(items: list[dict[str, Any]]) -> list[Sentence]:
    return [Sentence.from_dict(s) for s in items]


@dataclass
class Section:
    """The part of a hatch made from one source."""

    source_id: int
    title: str
    site: str | None
    url: str
    paragraphs: list[list[Sentence]]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Section:
        return cls(
            source_id=d["source_id"],
            title=d["title"],
            site=d.get("site"),
            url=d["url"],
            paragraphs=[_sentences(p) for p in d["paragraphs"]],
        )


@dataclass
class Thread:
    """A key phrase several sources share, with the sources it appears in."""

    phrase: str
    source_ids: list[int]
    cites: list[int]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Thread:
        return cls(
            phrase=d["phrase"],
            source_ids=list(d["source_ids"]),
            cites=list(d["cites"]),
        )


@dataclass
class Citation:
    """Citation number `n`: a highlight (or, when `highlight_id` is None,
    the page's article text) of one source."""

    n: int
    source_id: int
    highlight_id: str | None
    url: str
    title: str

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Citation:
        return cls(
            n=d["n"],
            source_id=d["source_id"],
            highlight_id=d.get("highlight_id"),
            url=d["url"],
            title=d["title"],
        )


@dataclass
class Hatch:
    """A merged write-up: title, introduction, one section per source, common
    threads, actionable advice, conclusion and the numbered citations."""

    title: str
    introduction: list[Sentence]
    sections: list[Section]
    threads: list[Thread]
    advice: list[Sentence]
    conclusion: list[Sentence]
    citations: list[Citation]
    engine: str = "local"
    length: str = "short"
    # Set by the LLM engine: the model and prompt that wrote the hatch.
    model: str | None = None
    prompt_version: str | None = None
    # Notices for the person: what was left out, dropped or marked, or why
    # another engine wrote the hatch.
    notes: list[str] = field(default_factory=list)

    @property
    def markdown(self) -> str:
        """The hatch as Markdown, with `[n]` markers, a Sources list and the notes."""
        from .render import escape, render_markdown

        text = render_markdown(self)
        if self.notes:
            text += "\n## Notes\n\n" + "".join(f"- {escape(n)}\n" for n in self.notes)
        return text

    def sentences(self) -> list[Sentence]:
        """Every prose sentence of the hatch, in reading order."""
        out = list(self.introduction)
        for section in self.sections:
            for paragraph in section.paragraphs:
                out.extend(paragraph)
        out.extend(self.advice)
        out.extend(self.conclusion)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The structure as plain JSON-ready data (`markdown` included)."""
        d = asdict(self)
        d["markdown"] = self.markdown
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Hatch:
        """Rebuild a stored hatch (as given by `to_dict`) to re-render it."""
        return cls(
            title=d["title"],
            introduction=_sentences(d["introduction"]),
            sections=[Section.from_dict(s) for s in d["sections"]],
            threads=[Thread.from_dict(t) for t in d["threads"]],
            advice=_sentences(d["advice"]),
            conclusion=_sentences(d["conclusion"]),
            citations=[Citation.from_dict(c) for c in d["citations"]],
            engine=d.get("engine", "local"),
            length=d.get("length", "short"),
            model=d.get("model"),
            prompt_version=d.get("prompt_version"),
            notes=list(d.get("notes") or []),
        )
