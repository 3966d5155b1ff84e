"""The offline engine's hatch before citations are numbered: draft
sentences keyed to what they cite, and the ledger that keeps each sentence
in the hatch only once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from operator import gt
from typing import NamedTuple

from ..sentences import normalise, stem_set
from .vocabulary import note_prefixes, phrase


@lru_cache(maxsize=16384)
def sentence_key(text: str) -> str:
    """A sentence as the ledger knows it (`normalise`d), remembered: a hatch
    looks each sentence up again as every part is drafted."""
    return normalise(text)


# (source index, highlight id or None for the page's article text)
Key = tuple[int, "str | None"]

# A sentence sharing more than this fraction of content stems with one
# already in the hatch is left out (highlights are kept unless nearly equal).
CONTEXT_REDUNDANCY = 0.6
HIGHLIGHT_REDUNDANCY = 0.85

# The person's note is woven in after the sentence it is on, marked so
# (in the frame's language).
NOTE_PREFIXES = note_prefixes()


@dataclass
class Draft:
    """A sentence before citation numbers are given."""

    text: str
    keys: list[Key]
    stems: frozenset[str] = field(default_factory=frozenset)
    # For a sentence around a highlight: the highlight it travels with. It
    # leaves the hatch whenever that highlight leaves its section.
    anchor: Key | None = None

    def __post_init__(self) -> None:
        if not self.stems:
            self.stems = stem_set(self.text)

    @property
    def is_note(self) -> bool:
        """True for the person's own note, woven in after its highlight."""
        return self.text.startswith(NOTE_PREFIXES)


@dataclass
class SectionDraft:
    """The paragraphs drafted for the source at index `source`."""

    source: int
    paragraphs: list[list[Draft]]


class ThreadDraft(NamedTuple):
    """A common thread: its phrase, the indices of the sources it runs
    through, the key that cites it in each, and, per source, whether the
    person's own words (highlight, note, tags) hold it."""

    phrase: str
    sources: list[int]
    keys: list[Key]
    own: tuple[bool, ...] = ()
    specificity: float = 0.0


@dataclass
class HatchDraft:
    """Every part of a local hatch, in reading order, before numbering."""

    title: str
    introduction: list[Draft]
    sections: list[SectionDraft]
    threads: list[ThreadDraft]
    advice: list[Draft]
    conclusion: list[Draft]


def note_sentence(note: str, lang: str = "en") -> str:
    """The person's note as a sentence of the hatch, marked as theirs."""
    note = " ".join(note.split())
    if note[-1] not in ".!?…)\"”。！？":
        note += "。" if lang in ("ja", "zh") else "."
    return f"{phrase(lang, 'note')}{note}"


def without_highlight(paragraph: list[Draft], draft: Draft) -> None:
    """Take `draft` out of `paragraph`, with the sentences around it that
    travel with its highlight: no context is left without its highlight."""
    keys = set(draft.keys)
    paragraph[:] = [d for d in paragraph if d is not draft and d.anchor not in keys]


class Ledger:
    """Every sentence already in the hatch, to keep each one only once.

    Drafts are indexed by content stem, so a redundancy check compares a
    sentence only with the sentences that share a word with it.
    """

    def __init__(self) -> None:
        self.by_text: dict[str, Draft] = {}
        self.drafts: list[Draft] = []
        self.sizes: list[int] = []
        self.by_stem: dict[str, list[int]] = {}
        # The fewest stems of a sentence in the hatch, a bound for `redundant`.
        self.smallest = 1 << 30
        # Per threshold, each sentence's size times it (see `redundant`).
        self._limits: dict[float, list[float]] = {}

    def find(self, text: str) -> Draft | None:
        """The draft already in the hatch with this text, if any."""
        return self.by_text.get(sentence_key(text))

    def redundant(self, draft: Draft, threshold: float) -> bool:
        """True when `draft` shares more than `threshold` of its content
        stems (or of the other's) with a sentence already in the hatch."""
        by_stem = self.by_stem
        shared: Counter[int] = Counter(chain.from_iterable(by_stem.get(s, ()) for s in draft.stems))
        if not shared:
            return False
        # overlap = n / min(size, other) > threshold, without a division
        # per candidate: true when n beats the threshold for either size.
        # The largest n decides most checks without looking at each one.
        limit = threshold * len(draft.stems)
        top = max(shared.values())
        if top > limit:
            return True
        if top <= threshold * self.smallest:
            return False
        # Every other sentence's bound at this threshold, kept as the hatch
        # grows, and compared in C: this check ran 300,000 times a hatch.
        limits = self._limits.setdefault(threshold, [])
        limits.extend(threshold * n for n in self.sizes[len(limits):])
        return any(map(gt, shared.values(), map(limits.__getitem__, shared.keys())))

    def add(self, draft: Draft) -> None:
        """Put `draft` in the hatch."""
        self.by_text[sentence_key(draft.text)] = draft
        number = len(self.drafts)
        self.drafts.append(draft)
        self.sizes.append(len(draft.stems))
        self.smallest = min(self.smallest, len(draft.stems))
        for s in draft.stems:
            self.by_stem.setdefault(s, []).append(number)

    def admit(self, draft: Draft, threshold: float) -> bool:
        """Add `draft` unless its text is in the hatch already or it is
        redundant at `threshold`; True when it was added."""
        if self.find(draft.text) is not None or self.redundant(draft, threshold):
            return False
        self.add(draft)
        return True
