"""Sentence salience and redundancy: which sentences say the most, once.

A centroid ranker in the sumy mould (parse -> sentences -> rate -> pick ->
re-sort by position), tuned for news-like pages: a sentence scores by the
cluster-wide weight of its content words (words several documents share
weigh more), scaled by a lead-position prior, and a sentence too close to one
already picked is skipped.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from .sentences import content_stems, word_count


@dataclass
class Unit:
    """A candidate sentence and where it came from.

    :param doc: index of its document (source) in the input.
    :param pos: index of the sentence within its document.
    :param key: opaque origin the caller uses for citations.
    """

    text: str
    doc: int
    pos: int
    key: object = None
    stems: frozenset[str] = field(default_factory=frozenset)
    words: int = 0

    def __post_init__(self) -> None:
        if not self.stems:
            self.stems = frozenset(content_stems(self.text))
        if not self.words:
            self.words = word_count(self.text)


# Weight of a word found in k documents is multiplied by 1 + CROSS_DOC_BONUS
# * (k - 1): what several sources say is what the cluster is about.
CROSS_DOC_BONUS = 0.5

# Lead prior: sentence i of a document gets 1 + LEAD_BONUS / (1 + i /
# LEAD_DECAY). News puts the facts first; pages with highlights get the
# highlights as candidates anyway.
LEAD_BONUS = 0.6
LEAD_DECAY = 3.0

# Two sentences sharing more than this fraction of the smaller one's content
# stems say the same thing.
REDUNDANCY = 0.5

# Sentence length normalisation: score / words ** LENGTH_PENALTY; 0 favours
# long sentences, 1 favours density.
LENGTH_PENALTY = 0.6


def term_weights(units: list[Unit]) -> dict[str, float]:
    """Cluster weight of each stem: frequency x inverse sentence frequency x
    a bonus for words several documents share."""
    tf: Counter[str] = Counter()
    sf: Counter[str] = Counter()
    docs: dict[str, set[int]] = {}
    for unit in units:
        for s in unit.stems:
            sf[s] += 1
            docs.setdefault(s, set()).add(unit.doc)
        tf.update(unit.stems)
    n = len(units) + 1
    weights = {}
    for s, count in tf.items():
        idf = math.log(n / sf[s])
        weights[s] = count * idf * (1 + CROSS_DOC_BONUS * (len(docs[s]) - 1))
    return weights


def lead_prior(pos: int) -> float:
    """How much a sentence's place in its document adds to its score."""
    return 1 + LEAD_BONUS / (1 + pos / LEAD_DECAY)


def score_units(units: list[Unit]) -> list[float]:
    """Salience of each unit, in input order."""
    weights = term_weights(units)
    scores = []
    for unit in units:
        mass = sum(weights.get(s, 0.0) for s in unit.stems)
        scores.append(mass / max(unit.words, 1) ** LENGTH_PENALTY * lead_prior(unit.pos))
    return scores


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared stems as a fraction of the smaller set (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def is_redundant(unit: Unit, picked: list[Unit], threshold: float = REDUNDANCY) -> bool:
    """True when `unit` says what a picked unit already says."""
    return any(overlap(unit.stems, p.stems) > threshold for p in picked)


def select(units: list[Unit], word_budget: int, *, scores: list[float] | None = None) -> list[Unit]:
    """Pick the best non-redundant units within `word_budget` words.

    Ranked greedily by score; a unit that would overflow the budget is
    skipped for a shorter one. Ties break on input order so the result is
    deterministic. Returns the picks in input (document, position) order.
    """
    if scores is None:
        scores = score_units(units)
    order = sorted(range(len(units)), key=lambda i: (-scores[i], i))
    picked: list[int] = []
    used = 0
    for i in order:
        unit = units[i]
        if used + unit.words > word_budget and picked:
            continue
        if is_redundant(unit, [units[j] for j in picked]):
            continue
        picked.append(i)
        used += unit.words
        if used >= word_budget:
            break
    return [units[i] for i in sorted(picked)]
