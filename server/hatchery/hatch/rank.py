"""Sentence salience and redundancy: which sentences say the most, once.

In the sumy mould (parse -> sentences -> rate -> pick -> re-sort by
position), tuned on news clusters: a sentence's salience is how close it is
to the cluster's centroid, how much of it other documents share and how
early it comes (`score_units`); picking (`select`) adds to salience the
weight of the bigram concepts a sentence covers that no earlier pick
covered, so the summary says more different things; a sentence too close to
one already picked is skipped.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from ..sentences import STOPWORDS, stem, stem_set, word_count, words


def concepts(text: str) -> set[tuple[str, str]]:
    """The facts-sized pieces a sentence covers: pairs of adjacent stemmed
    words, leaving out pairs of two function words ("of the")."""
    stems = [stem(w) for w in words(text)]
    return {
        (a, b)
        for a, b in zip(stems, stems[1:])
        if not (a in STOPWORDS and b in STOPWORDS)
    }


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
            self.stems = stem_set(self.text)
        if not self.words:
            self.words = word_count(self.text)

    @cached_property
    def bigrams(self) -> frozenset[tuple[str, str]]:
        """The concepts this unit covers (computed only when picking)."""
        return frozenset(concepts(self.text))


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

# For `term_weights` (the hatch's sentence salience): a word found in k
# documents weighs 1 + CROSS_DOC_BONUS * (k - 1) times more.
CROSS_DOC_BONUS = 0.5


def term_weights(units: list[Unit]) -> dict[str, float]:
    """Cluster weight of each stem: frequency x inverse sentence frequency x
    a bonus for words several documents share."""
    # A unit's stems are a set, so a stem's frequency is its sentence
    # frequency: one count serves as both.
    sf: dict[str, int] = {}
    docs: dict[str, set[int]] = {}
    for unit in units:
        for s in unit.stems:
            sf[s] = sf.get(s, 0) + 1
            docs.setdefault(s, set()).add(unit.doc)
    n = len(units) + 1
    weights = {}
    for s, count in sf.items():
        idf = math.log(n / count)
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


# Picking trades salience for coverage (Gillick and Favre's concept
# coverage, greedy): each pick adds its salience times SALIENCE_WEIGHT plus the
# weight of the concepts it covers that no earlier pick covered, divided by
# its length ** COVERAGE_LENGTH_POWER and by the median first gain (so the
# two terms compare). A concept weighs the sum of the position priors of the
# sentences that hold it, times 1 + CONCEPT_DOC_BONUS per extra document; a
# concept seen once is no shared fact and weighs nothing.
SALIENCE_WEIGHT = 0.5
COVERAGE_LENGTH_POWER = 0.3
CONCEPT_DOC_BONUS = 1.0


def concept_weights(units: list[Unit]) -> dict[tuple[str, str], float]:
    """How much covering each concept is worth (see SALIENCE_WEIGHT)."""
    weight: Counter[tuple[str, str]] = Counter()
    count: Counter[tuple[str, str]] = Counter()
    docs: dict[tuple[str, str], set[int]] = {}
    for unit in units:
        prior = position(unit)
        for c in unit.bigrams:
            weight[c] += prior
            count[c] += 1
            docs.setdefault(c, set()).add(unit.doc)
    return {
        c: w * (1 + CONCEPT_DOC_BONUS * (len(docs[c]) - 1))
        for c, w in weight.items()
        if count[c] > 1
    }


def select(units: list[Unit], word_budget: int, *, scores: list[float] | None = None) -> list[Unit]:
    """Pick salient, non-redundant units that cover the most within
    `word_budget` words.

    Greedy: each round takes the unit with the best salience plus new
    coverage that still fits; a unit too close to a pick is dropped. Ties
    break on input order, so the result is deterministic. Returns the picks
    in input (document, position) order.
    """
    if not units or word_budget <= 0:
        return []
    if scores is None:
        scores = score_units(units)
    weights = concept_weights(units)

    def gain(unit: Unit, covered: set[tuple[str, str]]) -> float:
        new = sum(weights.get(c, 0.0) for c in unit.bigrams if c not in covered)
        return new / max(unit.words, 1) ** COVERAGE_LENGTH_POWER

    first = sorted(gain(u, set()) for u in units)
    scale = first[len(first) // 2] or first[-1] or 1.0
    covered: set[tuple[str, str]] = set()
    picked: list[int] = []
    left = list(range(len(units)))
    used = 0
    while left and used < word_budget:
        best, best_value = -1, 0.0
        for i in left:
            unit = units[i]
            if picked and used + unit.words > word_budget:
                continue
            value = SALIENCE_WEIGHT * scores[i] + gain(unit, covered) / scale
            if best < 0 or value > best_value:
                best, best_value = i, value
        if best < 0:
            break
        left.remove(best)
        if is_redundant(units[best], [units[j] for j in picked]):
            continue
        picked.append(best)
        used += units[best].words
        covered |= units[best].bigrams
    return [units[i] for i in sorted(picked)]
