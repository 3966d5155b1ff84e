"""Sentence salience and redundancy: which sentences say the most, once.

A centroid ranker in the sumy mould (parse -> sentences -> rate -> pick ->
re-sort by position), tuned for news-like pages: a sentence scores by how
close it is to the cluster's centroid, how much of it other documents share
and how early it comes; a sentence too close to one already picked is
skipped.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from .sentences import content_stems, word_count, words


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


# Sentence salience is a weighted sum of three features, each z-scored
# within the cluster so the weights compare:
# - centrality: cosine of the sentence's TF-IDF vector (all words, function
#   words included: they carry the bigrams a reader's summary shares) with
#   the cluster centroid. The strongest single feature on news clusters.
CENTRALITY_WEIGHT = 1.0
# - sharing: the fraction of its content words that another document uses
#   too; what several sources say is what the cluster is about.
SHARED_WEIGHT = 0.5
# - position: 1 / (1 + pos / POSITION_DECAY); news puts facts first, but the
#   first dozen sentences are about equally good, so the decay is slow.
POSITION_WEIGHT = 1.0
POSITION_DECAY = 20.0

# Two sentences sharing more than this fraction of the smaller one's content
# stems say the same thing.
REDUNDANCY = 0.5

# Kept for callers that weigh single words (hatch salience, threads): a word
# found in k documents weighs 1 + CROSS_DOC_BONUS * (k - 1) times more.
CROSS_DOC_BONUS = 0.5


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


def tfidf_vectors(units: list[Unit]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors over all lowercased words; IDF is over the
    units themselves (no background corpus needed)."""
    bags = [Counter(words(u.text)) for u in units]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags) + 1
    vectors = []
    for bag in bags:
        v = {w: c * math.log(n / df[w]) for w, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({w: x / norm for w, x in v.items()})
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two unit vectors stored as dicts."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def centrality(units: list[Unit]) -> list[float]:
    """Cosine of each unit with the centroid of all units."""
    vectors = tfidf_vectors(units)
    centroid: Counter[str] = Counter()
    for v in vectors:
        centroid.update(v)
    norm = math.sqrt(sum(x * x for x in centroid.values())) or 1.0
    return [cosine(v, centroid) / norm for v in vectors]


def shared(units: list[Unit]) -> list[float]:
    """Fraction of each unit's content stems that another document uses."""
    docs: dict[str, set[int]] = {}
    for unit in units:
        for s in unit.stems:
            docs.setdefault(s, set()).add(unit.doc)
    return [
        sum(1 for s in u.stems if len(docs[s]) > 1) / len(u.stems) if u.stems else 0.0
        for u in units
    ]


def position(unit: Unit) -> float:
    """How much a sentence's place in its document says it matters."""
    return 1 / (1 + unit.pos / POSITION_DECAY)


def _z(xs: list[float]) -> list[float]:
    n = len(xs)
    mean = sum(xs) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / n) or 1.0
    return [(x - mean) / sd for x in xs]


def score_units(units: list[Unit]) -> list[float]:
    """Salience of each unit, in input order (higher is more salient)."""
    if not units:
        return []
    features = (
        (CENTRALITY_WEIGHT, centrality(units)),
        (SHARED_WEIGHT, shared(units)),
        (POSITION_WEIGHT, [position(u) for u in units]),
    )
    total = [0.0] * len(units)
    for weight, values in features:
        for i, z in enumerate(_z(values)):
            total[i] += weight * z
    return total


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
