"""Common threads: key phrases that several sources share.

A candidate phrase is a run of one to three content words (no stopword
inside, no number alone). It scores by how many sources use it, with longer
phrases and phrases inside highlights preferred; a phrase whose words are
inside a better phrase's words is dropped so "open data" and "data" do not
both appear.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .sentences import STOPWORDS, stem, words

# Longest phrase considered, in words.
MAX_PHRASE_WORDS = 3

# A multi-word phrase counts this much more than one word per extra word:
# "open data" names a theme better than "data".
PHRASE_LENGTH_BONUS = 1.0

# Seen in the person's highlights, a phrase is what they cared about.
HIGHLIGHT_BONUS = 1.0

# Single words too general to name a theme, whatever their count.
GENERIC_WORDS = frozenset(
    """
    people person thing day days week weeks month months today lot part kind
    way ways three four five six seven eight nine ten hundred thousand million
    percent number place end point case fact group world life man woman men
    women work good great big small long high little old different right
    """.split()
)

# Words shorter than this are rarely a theme on their own.
MIN_WORD_CHARS = 3


@dataclass
class ThreadCandidate:
    """A key phrase, its stems, and the documents that use it."""

    phrase: str
    stems: tuple[str, ...]
    docs: list[int]
    score: float


def phrases(text: str) -> list[tuple[tuple[str, ...], str]]:
    """Every 1-3 content-word phrase of `text` as (stems, surface form)."""
    out = []
    for chunk in _content_runs(words(text)):
        for n in range(1, MAX_PHRASE_WORDS + 1):
            for i in range(len(chunk) - n + 1):
                gram = chunk[i : i + n]
                if n == 1 and (len(gram[0]) < MIN_WORD_CHARS or gram[0] in GENERIC_WORDS):
                    continue
                if gram[0].isdigit() or gram[-1].isdigit():
                    continue
                out.append((tuple(stem(w) for w in gram), " ".join(gram)))
    return out


def _content_runs(tokens: list[str]) -> list[list[str]]:
    runs: list[list[str]] = []
    run: list[str] = []
    for w in tokens:
        if w in STOPWORDS or len(w) < 2:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(w)
    if run:
        runs.append(run)
    return runs


def find_threads(
    texts: list[str],
    highlight_texts: list[str] | None = None,
    *,
    limit: int = 5,
    min_docs: int = 2,
) -> list[ThreadCandidate]:
    """The key phrases shared by at least `min_docs` of `texts`.

    :param texts: one text per document (source).
    :param highlight_texts: per document, the text of its highlights.
    :param limit: how many threads to return at most.
    :param min_docs: in how many documents a phrase must appear.
    :return: threads, best first; deterministic for the same input.
    """
    highlight_texts = highlight_texts or [""] * len(texts)
    docs: dict[tuple[str, ...], set[int]] = defaultdict(set)
    total: Counter[tuple[str, ...]] = Counter()
    surface: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for d, text in enumerate(texts):
        for stems, form in phrases(text):
            docs[stems].add(d)
            total[stems] += 1
            surface[stems][form] += 1
    in_highlights: set[tuple[str, ...]] = set()
    for text in highlight_texts:
        in_highlights.update(stems for stems, _ in phrases(text))

    candidates = []
    for stems, found in docs.items():
        if len(found) < min_docs or total[stems] < 2:
            continue
        score = len(found) * (1 + PHRASE_LENGTH_BONUS * (len(stems) - 1))
        score *= 1 + 0.1 * min(total[stems], 10)
        if stems in in_highlights:
            score *= 1 + HIGHLIGHT_BONUS
        form = min(surface[stems].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        candidates.append(ThreadCandidate(form, stems, sorted(found), score))
    candidates.sort(key=lambda c: (-c.score, c.phrase))

    kept: list[ThreadCandidate] = []
    for cand in candidates:
        if any(_nested(cand.stems, k.stems) for k in kept):
            continue
        kept.append(cand)
        if len(kept) >= limit:
            break
    return kept


def _nested(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when the words of one phrase are all in the other."""
    sa, sb = set(a), set(b)
    return sa <= sb or sb <= sa
