"""What the offline engine reads of each page before it writes: the
highlighted passages, the part of the page around them, and how salient
each sentence is within the whole pick.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sentences import split_blocks, split_sentences, stem_set
from .debris import clean_sentences, clean_text, quotable_sentences
from .language import shared_language
from .models import NothingToHatch, Source
from .passages import Passage, highlight_passages
from .rank import Unit, term_weights

# Paragraphs either side of a highlighted one that count as its
# neighbourhood (for weights, threads and the conclusion). 0: the paragraphs
# that hold highlights, as `SourceHighlight.context` is defined.
FOCUS_BLOCKS = 0


class Scorer:
    """Salience of a sentence within this hatch, memoised: the same
    sentences are weighed for sections, advice and the conclusion.

    Calling it gives the summed cluster weight of the sentence's content
    stems over the square root of their number (dense sentences win without
    favouring one-word ones).
    """

    def __init__(self, units: list[Unit]) -> None:
        self.weights = term_weights(units)
        self._stems = {u.text: u.stems for u in units}
        self._memo: dict[str, float] = {}
        self._clean: dict[str, list[str]] = {}

    def __call__(self, text: str) -> float:
        value = self._memo.get(text)
        if value is None:
            stems = self._stems.get(text)
            if stems is None:
                stems = stem_set(text)
            value = sum(self.weights.get(s, 0.0) for s in stems) / len(stems) ** 0.5 if stems else 0.0
            self._memo[text] = value
        return value

    def know_split(self, text: str, sentences: list[str]) -> None:
        """Remember `text`'s sentences when it has no debris to cut, so
        `clean` need not split it again."""
        if text not in self._clean and clean_text(text) == text:
            self._clean[text] = quotable_sentences(sentences)

    def clean(self, text: str) -> list[str]:
        """`clean_sentences(text)`, computed once per text."""
        if text not in self._clean:
            self._clean[text] = clean_sentences(text)
        return self._clean[text]


@dataclass
class Reading:
    """The engine's reading of the picked sources.

    :param used: indices of the sources with something to hatch, in order.
    :param passages: per used source, its highlights as passages.
    :param focus: per used source, the text the hatch weighs (`focus_text`).
    :param score: the salience of any sentence within this pick.
    :param highlight_count: how many non-empty highlights the pick has.
    :param lang: the language the sources share ("en" when they differ).
    """

    used: list[int]
    passages: dict[int, list[Passage]]
    focus: dict[int, str]
    score: Scorer
    highlight_count: int
    lang: str = "en"


def has_material(source: Source) -> bool:
    """True when the page has article text or a non-empty highlight."""
    return bool(source.text.strip()) or any(h.text.strip() for h in source.highlights)


def focus_text(source: Source, passages: list[Passage]) -> str:
    """The part of a page a hatch weighs: the paragraphs around its
    highlights (FOCUS_BLOCKS either side) and their contexts, or the whole
    text when nothing was highlighted or found. Bounds the work by what the
    person highlighted, not by the length of the page."""
    blocks = split_blocks(source.text)
    near: set[int] = set()
    for p in passages:
        if p.block is not None:
            near.update(range(p.block - FOCUS_BLOCKS, p.block + FOCUS_BLOCKS + 1))
    contexts = [" ".join(h.context.split()) for h in source.highlights if h.context and h.context.strip()]
    if not near:
        return "\n\n".join(contexts) if contexts else source.text
    kept = [b for i, b in enumerate(blocks) if i in near]
    return "\n\n".join(kept + [c for c in contexts if c not in kept])


def read_sources(sources: list[Source]) -> Reading:
    """Find each source's passages and focus, and weigh their words.

    :param sources: the picked pages, in the person's order.
    :raises NothingToHatch: no source has article text or a highlight.
    """
    used = [i for i, s in enumerate(sources) if has_material(s)]
    if not used:
        raise NothingToHatch(
            "nothing to hatch: the chosen pages have no highlights and no article text"
        )
    passages = {i: highlight_passages(sources[i].highlights, sources[i].text) for i in used}
    focus = {i: focus_text(sources[i], passages[i]) for i in used}
    units = []
    splits = {}
    for i in used:
        splits[i] = split_sentences(focus[i])
        for pos, s in enumerate(splits[i]):
            units.append(Unit(s, i, pos))
        for pos, h in enumerate(sources[i].highlights):
            units.append(Unit(f"{h.text} {h.note or ''}", i, pos))
    highlight_count = sum(1 for i in used for h in sources[i].highlights if h.text.strip())
    lang = shared_language([
        " ".join([*(h.text for h in sources[i].highlights), focus[i]]) for i in used
    ])
    score = Scorer(units)
    for i in used:
        score.know_split(focus[i], splits[i])
    return Reading(used, passages, focus, score, highlight_count, lang)
