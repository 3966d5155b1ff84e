"""Where a highlight sits: its full sentences and the sentences around it.

A highlight is often a fragment of a sentence; a hatch quotes the whole
sentence (cited to the highlight) so the prose reads as prose. The sentence
is found in the highlight's context paragraph, else in the article text; a
highlight found nowhere is quoted as it stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import SourceHighlight
from .sentences import _split_block, split_blocks

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
    for sentence in _split_block(block):
        start = block.find(sentence, cursor)
        if start < 0:  # cannot happen: pieces are slices of the block
            start = cursor
        end = start + len(sentence)
        spans.append((start, end, sentence))
        cursor = end
    return spans


def _find(needle: str, block: str) -> int:
    at = block.find(needle)
    if at < 0:
        at = _fold(block).find(_fold(needle))
    return at


def locate(highlight: SourceHighlight, blocks: list[str], index: int) -> Passage:
    """The passage of `highlight` among the article `blocks`.

    :param index: the highlight's position in the input, the last tie-break.
    """
    needle = " ".join(highlight.text.split())
    search: list[tuple[int | None, str]] = []
    if highlight.context and highlight.context.strip():
        search.append((None, " ".join(highlight.context.split())))
    search.extend(enumerate(blocks))
    offset = 0.0
    for number, block in search:
        at = _find(needle, block) if needle else -1
        if at >= 0:
            spans = _spans(block)
            inside = [i for i, (s, e, _) in enumerate(spans) if s < at + len(needle) and e > at]
            if inside:
                first, last = inside[0], inside[-1]
                block_number = number if number is not None else _block_of(block, blocks)
                if highlight.start is not None:
                    order = float(highlight.start)
                else:
                    order = _block_offset(blocks, block_number) + at
                return Passage(
                    highlight,
                    (order, index),
                    block_number,
                    [t for _, _, t in spans[first : last + 1]],
                    [t for _, _, t in spans[:first]],
                    [t for _, _, t in spans[last + 1 :]],
                )
        if number is not None:
            offset += len(block) + 2
    order = float(highlight.start) if highlight.start is not None else float("inf")
    sentences = [s for b in split_blocks(highlight.text) for s in _split_block(b)]
    return Passage(highlight, (order, index), None, sentences or [needle])


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
    blocks = split_blocks(text)
    passages = [
        locate(h, blocks, i) for i, h in enumerate(highlights) if h.text and h.text.strip()
    ]
    passages.sort(key=lambda p: p.order)
    return passages
