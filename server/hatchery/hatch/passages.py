"""Where a highlight sits: its full sentences and the sentences around it.

A highlight is often a fragment of a sentence; a hatch quotes the whole
sentence (cited to the highlight) so the prose reads as prose. The sentence
is found in the highlight's context paragraph, else in the article text; a
highlight found nowhere is quoted as it stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .debris import tidy
from .models import SourceHighlight
from ..sentences import block_sentences, split_blocks

# Characters folded for matching; each maps to one character so offsets in
# the folded text are offsets in the original.
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " ", "–": "-", "—": "-"})


@dataclass
class Passage:
    """One highlight's material for a section.

    :param order: where it sits in the article (for ordering).
    :param block: index of the paragraph it was found in, or None.
    :param sentences: the full sentences the highlight covers.
    :param before: sentences of its paragraph before those, in order.
    :param after: sentences of its paragraph after those, in order.
    """

    highlight: SourceHighlight
    order: tuple[float, int]
    block: int | None
    sentences: list[str]
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


def _fold(text: str) -> str:
    folded = text.translate(_FOLD)
    lowered = folded.lower()
    return lowered if len(lowered) == len(folded) else folded


def _spans(block: str) -> list[tuple[int, int, str]]:
    spans = []
    cursor = 0
    for sentence in block_sentences(block):
        start = block.find(sentence, cursor)
        if start < 0:  # cannot happen: pieces are slices of the block
            start = cursor
        end = start + len(sentence)
        spans.append((start, end, sentence))
        cursor = end
    return spans


class _Page:
    """A page's paragraphs, with their folded forms and sentence spans made
    once, however many highlights are looked up in it."""

    def __init__(self, text: str) -> None:
        self.blocks = split_blocks(text)
        self._folded: list[str] | None = None
        self._spans: dict[int, list[tuple[int, int, str]]] = {}

    def folded(self) -> list[str]:
        if self._folded is None:
            self._folded = [_fold(b) for b in self.blocks]
        return self._folded

    def spans(self, number: int) -> list[tuple[int, int, str]]:
        if number not in self._spans:
            self._spans[number] = _spans(self.blocks[number])
        return self._spans[number]

    def find(self, needle: str) -> tuple[int, int] | None:
        """(block number, offset) of the first block holding `needle`,
        exactly or after folding quotes, dashes and case."""
        for number, block in enumerate(self.blocks):
            at = block.find(needle)
            if at >= 0:
                return number, at
        folded = _fold(needle)
        if len(folded) == len(needle):
            for number, block in enumerate(self.folded()):
                at = block.find(folded)
                if at >= 0:
                    return number, at
        return None


def _passage(
    highlight: SourceHighlight,
    index: int,
    spans: list[tuple[int, int, str]],
    at: int,
    length: int,
    block: int | None,
    order: float,
) -> Passage | None:
    inside = [i for i, (s, e, _) in enumerate(spans) if s < at + length and e > at]
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    if highlight.start is not None:
        order = float(highlight.start)
    return Passage(
        highlight,
        (order, index),
        block,
        [tidy(t) for _, _, t in spans[first : last + 1]],
        [tidy(t) for _, _, t in spans[:first]],
        [tidy(t) for _, _, t in spans[last + 1 :]],
    )


def locate(highlight: SourceHighlight, page: _Page, index: int) -> Passage:
    """The passage of `highlight` in its context paragraph, else among the
    page's paragraphs; else the highlight's own text as its sentences.

    :param index: the highlight's position in the input, the last tie-break.
    """
    needle = " ".join(highlight.text.split())
    blocks = page.blocks
    if needle and highlight.context and highlight.context.strip():
        context = " ".join(highlight.context.split())
        at = context.find(needle)
        if at < 0:
            at = _fold(context).find(_fold(needle))
        if at >= 0:
            number = _block_of(context, blocks)
            order = _block_offset(blocks, number) + at
            found = _passage(highlight, index, _spans(context), at, len(needle), number, order)
            if found is not None:
                return found
    hit = page.find(needle) if needle else None
    if hit is not None:
        number, at = hit
        order = _block_offset(blocks, number) + at
        found = _passage(highlight, index, page.spans(number), at, len(needle), number, order)
        if found is not None:
            return found
    order = float(highlight.start) if highlight.start is not None else float("inf")
    sentences = [s for b in split_blocks(highlight.text) for s in block_sentences(b)]
    return Passage(highlight, (order, index), None, [tidy(s) for s in sentences] or [needle])


def _block_of(paragraph: str, blocks: list[str]) -> int | None:
    for i, block in enumerate(blocks):
        if block == paragraph or (paragraph and paragraph in block):
            return i
    return None


def _block_offset(blocks: list[str], number: int | None) -> float:
    if number is None:
        return float("inf")
    return float(sum(len(b) + 2 for b in blocks[:number]))


def highlight_passages(highlights: list[SourceHighlight], text: str) -> list[Passage]:
    """The passages of all highlights with text, in article order."""
    page = _Page(text)
    passages = [
        locate(h, page, i) for i, h in enumerate(highlights) if h.text and h.text.strip()
    ]
    passages.sort(key=lambda p: p.order)
    return passages
