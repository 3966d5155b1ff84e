"""The terms two pages are compared by, in any script.

Latin and Cyrillic text has words between spaces; Chinese and Japanese
have none, and Korean glues particles to its words ("보고서를", "the
report" as an object). A segmenter (jieba, MeCab) would cost a dictionary
of tens of megabytes and a second to load, so those scripts are read as
overlapping character pairs instead: "空气污染报告" holds 空气, 气污, 污染,
染报, 报告, and two pages on air pollution share 空气 and 污染 whatever
surrounds them. A pair is weighed by its own rarity when the language's
word list knows it (most two-character words are there), else by the mean
rarity of its two characters, so a pair across a word boundary with a
grammatical character in it ("的新") weighs little.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .rarity import rarity, zipf

# Han, kana and hangul, with the iteration mark 々 and the long-vowel mark ー.
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af々ー]+")


def is_wide(word: str) -> bool:
    """True when `word` is in a script written without spaces between words
    (Chinese, Japanese) or with particles glued on (Korean)."""
    return _WIDE.search(word) is not None


def char_pairs(word: str) -> list[str]:
    """The overlapping character pairs of each wide run of `word`; a run of
    one character is itself.

    :param word: a token that `is_wide`.
    """
    out = []
    for run in _WIDE.findall(word):
        if len(run) == 1:
            out.append(run)
        out.extend(run[k : k + 2] for k in range(len(run) - 1))
    return out


@lru_cache(maxsize=65536)
def pair_weight(pair: str, lang: str) -> float:
    """How specific a character pair is (0-7, see `rarity`).

    :param pair: one or two characters.
    :param lang: the text's language code.
    """
    if len(pair) == 1 or zipf(pair, lang) > 0:
        return rarity(pair, lang)
    return sum(rarity(ch, lang) for ch in pair) / len(pair)


# The longest word `segment` looks up, in characters: most Chinese and
# Japanese words have two to four.
MAX_SEGMENT_CHARS = 4

_HANGUL = re.compile(r"[\uac00-\ud7af]")
_HIRAGANA = re.compile(r"[\u3040-\u309f]+")
_KATAKANA = re.compile(r"[\u30a0-\u30ffー]+")
# Runs of one script each: hiragana, katakana, or anything else.
_SCRIPT_RUN = re.compile(r"[\u3040-\u309f]+|[\u30a0-\u30ffー]+|[^\u3040-\u30ffー]+")

# Korean particles glued to a word's end, longest first ("보고서를" is
# "보고서", the report, as an object).
KOREAN_PARTICLES = tuple(sorted(
    "을 를 이 가 은 는 의 에 에서 와 과 도 로 으로 에게 께서 까지 부터 만 처럼 보다 이나 나 랑 이랑".split(),
    key=len, reverse=True))


def segment(run: str, lang: str) -> list[str]:
    """A run of Chinese or Japanese text cut into the words of the
    language's word list, longest match first; a character no word starts
    with stands alone. Katakana runs stay whole (loanwords) and hiragana
    runs, the grammar between words, are left out.

    :param run: characters with no space between words.
    :param lang: "zh" or "ja" (other codes use their own list).
    """
    out = []
    for script_run in _SCRIPT_RUN.findall(run):
        if _KATAKANA.fullmatch(script_run):
            out.append(script_run)  # a loanword, whole: "ディーゼル"
        elif not _HIRAGANA.fullmatch(script_run):  # hiragana is grammar
            out.extend(_longest_words(script_run, lang))
    return out


def compounds(run: str, lang: str) -> list[list[str]]:
    """The words of `run` (see `segment`) in stretches between grammar:
    hiragana, or a word of one character such as 的, ends a stretch, so
    "钢铁厂的排放" gives [钢铁厂] and [排放], and "柴油货车是" gives
    [柴油, 货车]. A short stretch is one compound (`ideas`).

    :param run: characters with no space between words.
    :param lang: "zh" or "ja".
    """
    out: list[list[str]] = [[]]
    for script_run in _SCRIPT_RUN.findall(run):
        if _KATAKANA.fullmatch(script_run):
            words = [script_run]
        elif _HIRAGANA.fullmatch(script_run):
            words = [""]
        else:
            words = _longest_words(script_run, lang)
        for word in words:
            if len(word) > 1:
                out[-1].append(word)
            elif out[-1]:
                out.append([])
    return [stretch for stretch in out if stretch]


def _longest_words(run: str, lang: str) -> list[str]:
    """`run` cut into the longest words its language's list knows."""
    out = []
    k = 0
    while k < len(run):
        for n in range(min(MAX_SEGMENT_CHARS, len(run) - k), 0, -1):
            if n == 1 or zipf(run[k : k + n], lang) > 0:
                out.append(run[k : k + n])
                k += n
                break
    return out


# Plural endings cut whole before a word is stemmed ("churches" ->
# "church"); a word ending so in the singular keeps them ("glass", "bus",
# "crisis").
_SIBILANT_PLURALS = ("ches", "shes", "sses", "xes", "zes")
_NOT_PLURAL = ("ss", "us", "is")

# Greek plurals in -es of singulars in -is ("analyses", "theses"); other
# words in -ses are plurals of -se ("cases", "houses").
_GREEK_PLURALS = (("yses", "ysis"), ("eses", "esis"))

# Plurals no ending rule reads, lowercase: a page on one crisis and one
# on several crises share it.
IRREGULAR_PLURALS = {
    "crises": "crisis", "children": "child", "women": "woman", "men": "man",
    "wives": "wife", "knives": "knife", "lives": "life", "thieves": "thief",
    "wolves": "wolf", "halves": "half", "shelves": "shelf", "mice": "mouse",
    "geese": "goose", "teeth": "tooth",
}


def singular(word: str) -> str:
    """An English plural as its singular, by its ending ("lanes" -> "lane",
    "policies" -> "policy", "taxes" -> "tax", "analyses" -> "analysis")
    or by a short list ("crises", "children", "wives"). Stemming alone cuts
    "lanes" to "lan" and leaves "lane" whole, so a page on a lane and one
    on lanes would not meet.

    :param word: one word, lowercase.
    """
    irregular = IRREGULAR_PLURALS.get(word)
    if irregular is not None:
        return irregular
    if len(word) <= 3 or word.endswith(_NOT_PLURAL) or not word.endswith("s"):
        return word
    for plural, single in _GREEK_PLURALS:
        if word.endswith(plural) and len(word) > len(plural) + 1:
            return word[: -len(plural)] + single
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(_SIBILANT_PLURALS):
        return word[:-2]
    return word[:-1]


def strip_particle(word: str, lang: str = "ko") -> str:
    """A Korean word without the particle glued to its end, when the word
    without it is the commoner word ("제철소의" -> "제철소", but "고양이",
    a cat, stays whole).

    :param word: one word, lowercase.
    """
    if not _HANGUL.search(word[-1:]):
        return word
    for particle in KOREAN_PARTICLES:
        base = word[: -len(particle)]
        if word.endswith(particle) and len(base) >= 2 and zipf(base, lang) > zipf(word, lang):
            return base
    return word


def is_spaceless(token: str) -> bool:
    """True for Chinese or Japanese text (Han or kana, no hangul)."""
    return is_wide(token) and not _HANGUL.search(token)


def has_final_consonant(text: str) -> bool:
    """True when the last syllable of Korean `text` ends in a consonant
    (batchim), which picks "과" over "와" for "and" after it."""
    last = text[-1:]
    return bool(_HANGUL.match(last)) and (ord(last) - 0xAC00) % 28 != 0
