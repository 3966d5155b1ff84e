"""Which language the picked pages are written in, to write the frame
(section names, introduction, "In conclusion") in it.

A small, dependency-free guess over the languages the frame is written in:
the script decides Japanese (kana), Korean (hangul), Chinese (Han alone)
and Russian (Cyrillic); among Latin-script languages the commonest
function words decide. Anything else reads as English.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..sentences import words

# The languages the frame speaks (see `vocabulary`).
FRAME_LANGUAGES = ("en", "de", "fr", "es", "pt", "ru", "ja", "zh", "ko")

# Distinctive function words of each Latin-script language: frequent in
# any of its texts, rare in the others'.
_MARKERS = {
    "en": "the and of to is that with for was are this have from".split(),
    "de": "der die und das ist nicht mit sich auf für ein eine dem den wird auch".split(),
    "fr": "le la les et des est une dans pour qui pas sur au avec du sont".split(),
    "es": "el los las del que por con una para es se su como más pero".split(),
    "pt": "os das dos uma não com para que em um é ao pela pelo mais".split(),
}
_WORDS = {w: lang for lang, ws in _MARKERS.items() for w in ws}
# Shared by several languages: counted for none.
_SHARED = {w for lang, ws in _MARKERS.items() for w in ws
           if sum(w in other for other in _MARKERS.values()) > 1}

_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Any of the scripts above: most pages have none, and skip counting them.
_OTHER_SCRIPT = re.compile(r"[\u0400-\u04ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")

# Characters read from a text to guess: enough for a clear majority,
# few enough to cost nothing on long pages.
SAMPLE_CHARS = 4000


@lru_cache(maxsize=1024)
def detect(text: str) -> str:
    """The language code of `text`, one of FRAME_LANGUAGES ("en" when unsure).

    :param text: any text; only its first SAMPLE_CHARS characters are read.
    """
    sample = text[:SAMPLE_CHARS]
    if _OTHER_SCRIPT.search(sample):
        script = _by_script(sample)
        if script:
            return script
    counts = Counter(_WORDS[w] for w in words(sample) if w in _WORDS and w not in _SHARED)
    if not counts:
        return "en"
    best, n = counts.most_common(1)[0]
    return best if n >= 2 else "en"


def _by_script(sample: str) -> str | None:
    """The language a non-Latin script decides, when it outweighs Latin."""
    latin = len(_LATIN.findall(sample))
    scripts = {
        "ja": len(_KANA.findall(sample)),
        "ko": len(_HANGUL.findall(sample)),
        "ru": len(_CYRILLIC.findall(sample)),
    }
    han = len(_HAN.findall(sample))
    if scripts["ja"] and scripts["ja"] + han > latin:
        return "ja"
    if scripts["ko"] > latin:
        return "ko"
    if han > latin:
        return "zh"
    if scripts["ru"] > latin:
        return "ru"
    return None


def shared_language(texts: list[str]) -> str:
    """The language every text is written in, or "en" when they differ.

    :param texts: one text per source.
    """
    found = {detect(t) for t in texts if t.strip()}
    return found.pop() if len(found) == 1 else "en"
