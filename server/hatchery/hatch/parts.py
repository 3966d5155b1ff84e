"""The parts a hatch is made of: cited sentences, sections, threads, the
numbered citations they point to, and the `Writeup` that holds them.

Their own module, below both `models` (the `Hatch`, a `Writeup` with how
it was made) and `render` (which writes a `Writeup` as Markdown), so neither
imports the other's module for its types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Sentence:
    """A sentence of the hatch and the citation numbers it rests on."""

    text: str
    cites: list[int]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        return cls(text=d["text"], cites=list(d["cites"]))


def sentences_from(items: list[dict[str, Any]]) -> list[Sentence]:
    """Stored sentences (as `asdict` gives them) back as `Sentence`s."""
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
            paragraphs=[sentences_from(p) for p in d["paragraphs"]],
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
    the page's article text) of one source.

    :param quote: the cited highlight's text, as the person selected it;
        None for the article text (and in hatches stored before quotes
        were kept).
    :param link: the page's URL with a text fragment (`#:~:text=`) that
        opens it at the highlight; the URL alone for the article text, and
        None in hatches stored before links were kept (`fragments`
        rebuilds it from the quote).
    """

    n: int
    source_id: int
    highlight_id: str | None
    url: str
    title: str
    quote: str | None = None
    link: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Citation:
        return cls(
            n=d["n"],
            source_id=d["source_id"],
            highlight_id=d.get("highlight_id"),
            url=d["url"],
            title=d["title"],
            quote=d.get("quote"),
            link=d.get("link"),
        )


@dataclass
class Writeup:
    """The prose of a hatch and what it cites: title, introduction, one
    section per source, common threads, actionable advice, conclusion and
    the numbered citations."""

    title: str
    introduction: list[Sentence]
    sections: list[Section]
    threads: list[Thread]
    advice: list[Sentence]
    conclusion: list[Sentence]
    citations: list[Citation]

    def sentences(self) -> list[Sentence]:
        """Every prose sentence of the hatch, in reading order."""
        out = list(self.introduction)
        for section in self.sections:
            for paragraph in section.paragraphs:
                out.extend(paragraph)
        out.extend(self.advice)
        out.extend(self.conclusion)
        return out
