"""How specific a word is: its rarity in the language, from `wordfreq`.

A thread or a link between pages must rest on words that say something:
"Saudi", "groundwater" or "index fund", not "early", "track" or "tuesday".
`wordfreq` ships word frequencies for 40+ languages; the Zipf scale it uses
runs from about 8 ("the") down to 0 (unseen), so 7 - zipf is a weight that
is ~0 for function words and highest for names and rare terms.
"""

from __future__ import annotations

import math
from functools import lru_cache

# Zipf value at or above which a word weighs nothing: "the", "and", "is".
COMMON_ZIPF = 7.0

# The languages whose lists we look words up in; others read as English
# (most pages are, and a wrong list only makes rarities coarser).
LANGUAGES = frozenset("en de fr es pt ru ja zh ko it nl pl sv".split())


@lru_cache(maxsize=16)
def _frequencies(lang: str) -> dict[str, float]:
    """The language's word -> frequency table, loaded once. Looked up
    directly (not through `zipf_frequency`), so Chinese and Japanese need no
    word-segmenter installed."""
    try:
        from wordfreq import get_frequency_dict
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return {}
    return get_frequency_dict(lang if lang in LANGUAGES else "en", wordlist="best")


@lru_cache(maxsize=131072)
def zipf(word: str, lang: str = "en") -> float:
    """The word's Zipf frequency (log10 of uses per billion words; 0 when
    the language's list does not know it).

    :param word: one word, any case.
    :param lang: a language code, "en" for unknown ones.
    """
    freq = _frequencies(lang).get(word.lower(), 0.0)
    if not freq and "-" in word.strip("-"):
        # The list holds words, not compounds: "ex-wife" would read as
        # rare as an unseen word. wordfreq weighs one from its parts.
        freq = _compound_frequency(word.lower(), lang)
    return math.log10(freq * 1e9) if freq > 0 else 0.0


def _compound_frequency(word: str, lang: str) -> float:
    """The frequency of a hyphenated compound from its parts', combined as
    wordfreq combines a phrase's tokens (the inverse of the summed
    inverses: about the rarest part's); numbers say nothing ("11-year-old"
    is as common as "year" and "old"). 0 when a part is unseen."""
    table = _frequencies(lang)
    inverse = 0.0
    for part in word.split("-"):
        if not part or part.isdigit():
            continue
        freq = table.get(part, 0.0)
        if not freq:
            return 0.0
        inverse += 1.0 / freq
    return 1.0 / inverse if inverse else 0.0


def rarity(word: str, lang: str = "en") -> float:
    """How specific `word` is: 0 for the commonest words, 7 for unseen ones.

    :param word: one word, any case.
    :param lang: a language code.
    """
    return max(0.0, COMMON_ZIPF - zipf(word, lang))
