"""How the picked sources relate: one story, a shared theme, or not at all.

Decided before anything claims a link. Two pages are compared by the words
of their articles, highlights and notes (character pairs in Chinese,
Japanese and Korean: see `terms`), each word weighed by how rare it
is in the language (`rarity`), so pages meet on "Riyadh" and "OPEC", not
on "said" and "tuesday". Pages that share a thread (an idea in what the
person marked on both) but are otherwise far apart share a theme only when
the thread is in the person's own words on both, or a note names it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from operator import mul

from ..sentences import STOPWORDS, stem, words
from .drafts import ThreadDraft
from .models import Source
from .rarity import rarity
from .terms import char_pairs, is_wide, pair_weight

# The kinds of relation a hatch states (`Hatch.relation`).
SINGLE, STORY, THEME, UNRELATED = "single", "story", "theme", "unrelated"

# Two pages whose rarity-weighted word vectors meet at this cosine or more
# are about one subject. Measured on the tune half of the news clusters
# (benchmarks/hatch_honesty.py): 95% of pairs of unrelated articles stay
# below 0.10, 90% of sets of articles on one story have a pair above 0.18.
LINK_SIMILARITY = 0.11

# Linked pages whose mean similarity reaches this tell one story (the same
# people, places and events); below it they share a theme.
STORY_SIMILARITY = 0.22

# A thread links pages otherwise far apart only when it is this specific
# (its words' summed rarity, 0-7 each): "index funds" (4.8) and
# "groundwater" (3.6) do, "White House" (3.0) and "cited" (2.7) do not.
THREAD_LINK_SPECIFICITY = 3.5

# Words read from each article for the comparison: enough for its subject,
# bounded for long pages.
PROFILE_WORDS = 3000


@dataclass
class Relation:
    """How the used sources relate.

    :param kind: SINGLE, STORY, THEME or UNRELATED.
    :param apart: indices of used sources linked to no other (under STORY
        or THEME some may stand apart; under UNRELATED all do).
    :param similarity: the mean pairwise similarity, for the notes and tests.
    """

    kind: str
    apart: list[int] = field(default_factory=list)
    similarity: float = 0.0

    @property
    def linked(self) -> bool:
        """True when the hatch may claim a link between sources."""
        return self.kind in (STORY, THEME)


def profile(source: Source, lang: str) -> dict[str, float]:
    """The source as a unit vector of stems weighed by rarity x log count."""
    marked = [h.text + " " + (h.note or "") for h in source.highlights]
    return _vector(" ".join([source.title or "", *marked, source.text]), lang)


@lru_cache(maxsize=512)
def _vector(text: str, lang: str) -> dict[str, float]:
    # Memoised: a person hatches the same pages again at another length,
    # and every page of a library once per hatch it is picked for. The
    # result is shared; callers only read it.
    counts: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    forms: dict[str, str] = {}
    # Each distinct word is stemmed once; a page repeats most of its words.
    for w, n in Counter(words(text)[:PROFILE_WORDS]).items():
        # ASCII words are never wide: no pattern search for them.
        if not w.isascii() and is_wide(w):
            for pair in char_pairs(w):
                pairs[pair] += n
            continue
        if w in STOPWORDS or len(w) < 3 or w.isdigit():
            continue
        s = stem(w)
        counts[s] += n
        forms.setdefault(s, w)
    vector = {s: (1 + math.log(c)) * rarity(forms[s], lang) for s, c in counts.items()}
    # A character pair is "#"-marked so it never meets a Latin stem.
    vector.update((f"#{p}", (1 + math.log(c)) * pair_weight(p, lang)) for p, c in pairs.items())
    norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
    return {s: x / norm for s, x in vector.items() if x}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two unit vectors stored as dicts."""
    # The shared keys first, in C: two pages share a few dozen of their
    # hundreds of terms. The products are made and summed in C too, in
    # the shared keys' order (a set iterates in one order).
    shared = a.keys() & b.keys()
    return sum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared)))


def _thread_links(threads: list[ThreadDraft]) -> set[tuple[int, int]]:
    """Pairs of sources threads in the person's own words link: cited to
    a highlight (or its note) on both, not only to the paragraphs around,
    and specific enough together (two names both pages marked say more
    than either alone)."""
    weight: dict[tuple[int, int], float] = {}
    for t in threads:
        marked = [i for i, own in zip(t.sources, t.own) if own]
        for a in marked:
            for b in marked:
                if a < b:
                    weight[(a, b)] = weight.get((a, b), 0.0) + t.specificity
    return {pair for pair, w in weight.items() if w >= THREAD_LINK_SPECIFICITY}


def relate(sources: list[Source], used: list[int], threads: list[ThreadDraft], lang: str) -> Relation:
    """How the used sources relate (see the module's doc).

    :param sources: the picked pages.
    :param used: indices of the sources with something to hatch.
    :param threads: the candidate threads, before any is kept.
    :param lang: the sources' language.
    """
    if len(used) < 2:
        return Relation(SINGLE)
    vectors = {i: profile(sources[i], lang) for i in used}
    sims = {(a, b): cosine(vectors[a], vectors[b]) for a in used for b in used if a < b}
    linked = {pair for pair, s in sims.items() if s >= LINK_SIMILARITY} | _thread_links(threads)
    joined = {i for pair in linked for i in pair}
    mean = sum(sims.values()) / len(sims)
    if not linked:
        return Relation(UNRELATED, list(used), mean)
    # Among linked pages, a page that shares a thread with one of them does
    # not stand apart: the thread is in what the person marked on both.
    joined |= {i for t in threads if joined & set(t.sources) for i in t.sources}
    apart = [i for i in used if i not in joined]
    pair_mean = sum(sims[p] for p in linked) / len(linked)
    # One story has its own names (people, places, events) on several pages;
    # pages that share only common nouns ("lanes") share a theme.
    named = any(t.phrase[:1].isupper() and len(set(t.sources)) > 1 for t in threads)
    kind = STORY if pair_mean >= STORY_SIMILARITY and named else THEME
    return Relation(kind, apart, mean)
