"""Common threads: key phrases that several sources share.

A candidate phrase is a run of one to three content words (no stopword
inside, no number alone). It scores by how many sources use it, with longer
phrases and phrases inside highlights preferred; a phrase whose words are
inside a better phrase's words is dropped so "open data" and "data" do not
both appear.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..sentences import STOPWORDS, stem, words

# Longest phrase considered, in words.
MAX_PHRASE_WORDS = 3

# A multi-word phrase counts this much more than one word per extra word:
# "open data" names a theme better than "data".
PHRASE_LENGTH_BONUS = 1.0

# Seen in the person's highlights, a phrase is what they cared about.
HIGHLIGHT_BONUS = 1.0

# Each use of a phrase adds REPEAT_BONUS to its score, up to REPEAT_CAP uses:
# repetition matters, but one page saying it twenty times is not a thread.
REPEAT_BONUS = 0.1
REPEAT_CAP = 10

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
    return [(key, " ".join(chunk[i : i + n])) for key, chunk, i, n in _grams(text)]


def _grams(text: str) -> list[tuple[tuple[str, ...], list[str], int, int]]:
    """(stems, words of the run, start, length) of every phrase of `text`;
    the surface form is built only when a caller needs it."""
    out = []
    for chunk in _content_runs(words(text)):
        stems = [stem(w) for w in chunk]
        for n in range(1, MAX_PHRASE_WORDS + 1):
            for i in range(len(chunk) - n + 1):
                if _allowed(chunk, i, n):
                    out.append((tuple(stems[i : i + n]), chunk, i, n))
    return out


def _allowed(chunk: list[str], i: int, n: int) -> bool:
    first, last = chunk[i], chunk[i + n - 1]
    if n == 1:
        return len(first) >= MIN_WORD_CHARS and first not in GENERIC_WORDS and not first.isdigit()
    return not first.isdigit() and not last.isdigit()


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
    highlight_texts_given = any(t.strip() for t in highlight_texts or [])
    highlight_texts = highlight_texts or [""] * len(texts)
    grams_by_doc = [_grams(text) for text in texts]
    total: Counter[tuple[str, ...]] = Counter()
    docs: Counter[tuple[str, ...]] = Counter()
    for grams in grams_by_doc:
        keys = [g[0] for g in grams]
        total.update(keys)
        docs.update(set(keys))
    in_highlights: set[tuple[str, ...]] = set()
    for text in highlight_texts:
        in_highlights.update(g[0] for g in _grams(text))

    scored = []
    for key, n_docs in docs.items():
        if n_docs < min_docs or total[key] < 2:
            continue
        if len(key) == 1 and highlight_texts_given and key not in in_highlights:
            # One word alone names a theme only when the person highlighted
            # it; otherwise "hours" or "needs" crowd out real phrases.
            continue
        score = n_docs * (1 + PHRASE_LENGTH_BONUS * (len(key) - 1))
        score *= 1 + REPEAT_BONUS * min(total[key], REPEAT_CAP)
        if key in in_highlights:
            score *= 1 + HIGHLIGHT_BONUS
        scored.append((score, key))
    # Surfaces and documents only for the best few: the full count is the
    # costly part on 50 long pages.
    scored.sort(key=lambda sk: (-sk[0], sk[1]))
    shortlist = dict((key, score) for score, key in scored[: limit * 20])
    surface: dict[tuple[str, ...], Counter[str]] = {k: Counter() for k in shortlist}
    found: dict[tuple[str, ...], list[int]] = {k: [] for k in shortlist}
    for d, grams in enumerate(grams_by_doc):
        for key, chunk, i, n in grams:
            if key in shortlist:
                surface[key][" ".join(chunk[i : i + n])] += 1
                if not found[key] or found[key][-1] != d:
                    found[key].append(d)
    candidates = []
    for key, score in shortlist.items():
        form = min(surface[key].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        candidates.append(ThreadCandidate(form, key, found[key], score))
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
