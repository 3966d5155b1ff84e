"""How much of the picked pages a hatch reads: a bound on its time.

A hatch runs on the request path, and reading is linear in the text it is
given, about 4-5 µs a character cold. Pages and highlights come from the
web: one page can hold megabytes of text (a book on one page, a log, a
hostile site), and a hatch takes 50 pages and 500 highlights, up to
100,000 characters each. So a hatch reads each page's article up to
`PAGE_CHARS`, and no more than `HATCH_CHARS` of articles in all, shared
out between the pages (what a short page leaves goes to the longer
ones); each highlight's text, note and paragraph up to `HIGHLIGHT_CHARS`,
and no more than `HIGHLIGHTS_CHARS` of the highlights' texts in all (of
their notes, of their paragraphs), shared out the same way. An
article is cut at a paragraph's end; a highlight past the cut keeps its
own paragraph as its context, so it is still quoted whole. No article
the extraction benchmark holds reaches `PAGE_CHARS` (the longest is
53,372 characters, the median 3,158, nine in ten under 10,000), and 50
articles of 10,000 characters fit in a hatch whole: the bounds change
nothing a person reads on ordinary pages. Hostile text (every word a new
one) reads at about 15 µs a character, so a hatch at the bounds costs
seconds, not minutes (`benchmarks/hatch_bounds.py`).
"""

from __future__ import annotations

from dataclasses import replace

from .models import Source, SourceHighlight

PAGE_CHARS = 100_000
HATCH_CHARS = 500_000
HIGHLIGHT_CHARS = 10_000
HIGHLIGHTS_CHARS = 150_000

_HIGHLIGHT_FIELDS = ("text", "note", "context")


def within_bounds(sources: list[Source]) -> list[Source]:
    """`sources` cut to what a hatch reads (see the module's doc); sources
    already within the bounds are returned as they are."""
    lengths = [len(s.text or "") for s in sources]
    highlights = [h for s in sources for h in s.highlights]
    fields = [[len(getattr(h, name) or "") for h in highlights] for name in _HIGHLIGHT_FIELDS]
    if _fits(lengths, HATCH_CHARS, PAGE_CHARS) and all(
            _fits(field, HIGHLIGHTS_CHARS, HIGHLIGHT_CHARS) for field in fields):
        return sources  # every hatch of ordinary pages: nothing to share out
    shares = fair_shares(lengths, HATCH_CHARS, PAGE_CHARS)
    field_shares = {name: iter(fair_shares(field, HIGHLIGHTS_CHARS, HIGHLIGHT_CHARS))
                    for name, field in zip(_HIGHLIGHT_FIELDS, fields)}
    return [_bounded(s, share, [{name: next(field_shares[name]) for name in _HIGHLIGHT_FIELDS}
                                for _ in s.highlights])
            for s, share in zip(sources, shares)]


def _fits(lengths: list[int], total: int, cap: int) -> bool:
    return sum(lengths) <= total and max(lengths, default=0) <= cap


def fair_shares(lengths: list[int], total: int, cap: int) -> list[int]:
    """How many characters each of texts of `lengths` may keep: at most
    `cap` each and `total` in all, what a short text leaves shared among
    the longer ones (so pages of ordinary length are never cut)."""
    shares = [0] * len(lengths)
    left = total
    shortest_first = sorted(range(len(lengths)), key=lengths.__getitem__)
    for done, index in enumerate(shortest_first):
        shares[index] = min(lengths[index], cap, left // (len(lengths) - done))
        left -= shares[index]
    return shares


def _bounded(source: Source, page_chars: int, highlight_chars: list[dict[str, int]]) -> Source:
    text = source.text or ""
    highlights = [_bounded_highlight(h, chars)
                  for h, chars in zip(source.highlights, highlight_chars)]
    if len(text) > page_chars:
        kept = _cut_at_paragraph(text, page_chars)
        highlights = [_with_paragraph(h, text, len(kept)) for h in highlights]
        text = kept
    if text is source.text and all(a is b for a, b in zip(highlights, source.highlights)):
        return source
    return replace(source, text=text, highlights=highlights)


def _bounded_highlight(highlight: SourceHighlight, chars: dict[str, int]) -> SourceHighlight:
    cut = {name: value[:chars[name]] for name in _HIGHLIGHT_FIELDS
           if len(value := getattr(highlight, name) or "") > chars[name]}
    return replace(highlight, **cut) if cut else highlight


def _cut_at_paragraph(text: str, chars: int) -> str:
    """The first `chars` characters of `text`, back to the last paragraph
    break within them (a line break, else a space) when there is one in
    their second half."""
    for mark in ("\n", " "):
        end = text.rfind(mark, chars // 2, chars)
        if end > 0:
            return text[:end].rstrip()
    return text[:chars]


def _with_paragraph(highlight: SourceHighlight, text: str, kept: int) -> SourceHighlight:
    """A highlight with no context of its own, past the cut: its paragraph
    in the whole text becomes its context (found by one search in C)."""
    if highlight.context or not highlight.text.strip():
        return highlight
    at = text.find(highlight.text)
    if at < 0 or at + len(highlight.text) <= kept:
        return highlight
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at + len(highlight.text))
    paragraph = text[start:end if end >= 0 else len(text)]
    return replace(highlight, context=paragraph[:HIGHLIGHT_CHARS])
