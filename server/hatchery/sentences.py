"""Sentence splitting and word tokens, fast and without downloaded data.

Shared by extraction (the sentences around a highlight) and hatching. The
splitter is a small rule-based one rather than pysbd because a hatch
splits every page of up to 50 sources and the benchmark splits ~1,700 words
per cluster inside a 100 ms budget; pysbd alone took ~50 ms per cluster,
and took seconds on long runs of quotes in a highlight's paragraph. It
handles abbreviations and initials ("Dr. Smith", "J. K. Rowling", "U.S."),
decimals and versions ("3.5", "v1.2"), closing quotes and brackets after the
stop, ellipses, and CJK/Arabic/Devanagari stops that need no space after them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tokens ending in "." that do not end a sentence when followed by a capital.
# Kept lowercase, without the final dot.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen sen rep gov lt col sgt capt cmdr adm
    rev hon pres supt det insp fr sr sra srta mme mlle
    inc ltd co corp llc bros dept univ assn est approx vs etc al
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    vols pp figs eds cf ca
    e.g i.e a.m p.m u.s u.k u.n e.u d.c u.s.a n.y l.a ph.d b.a m.a
    """.split()
)

# Lowercase abbreviations of other languages the hatch splits (German
# "z. B.", "d. h.", "u. a.", "bzw.", "usw."; Spanish "pág."): a one-letter
# lowercase token is otherwise a sentence end ("à 10 h. Il", "в 2020 г. Он").
OTHER_ABBREVIATIONS = frozenset("z d u bzw usw vgl ggf evtl inkl nr mio mrd pág núm".split())

# Month names after "3." make it an ordinal (German "am 3. Oktober").
ORDINAL_MONTHS = frozenset(
    """januar jänner februar märz april mai juni juli august september oktober
    november dezember""".split()
)

# Abbreviations that are ordinary words too ("I said no."): only before a
# number ("No. 5", "p. 12", "vol. 3") are they not a sentence end.
NUMERIC_ABBREVIATIONS = frozenset("no nos vol p ch fig eq op art sec".split())

# A sentence may end in ., !, ?, an ellipsis or a stop from another script;
# closing quotes and brackets after the stop belong to the sentence.
_CLOSERS = "\"'”’»)]}›"
# A run of stops is tried once, from its first character: starting inside
# the run again would rescan it, quadratic on a page of 400,000 dots.
_STOP = r"(?<![.!?‼⁇⁈⁉])(?:\.{3}|…|[.!?‼⁇⁈⁉]+)"
_WIDE_STOP = "。！？｡؟۔।॥"
# French closes a quote with a spaced guillemet: « non. »
# A latin stop ends a sentence only before whitespace and a plausible opener.
_BOUNDARY = re.compile(
    rf"{_STOP}[{re.escape(_CLOSERS)}]*(?:[ \u00a0\u202f][»›])?(?=\s+[\"'“‘«(\[¿¡]*[\w\d])"
    rf"|[{_WIDE_STOP}][{re.escape(_CLOSERS)}」』）]*"
    # A stop glued to the next sentence by a lost space, as extraction often
    # leaves it: "was preserved.Then the archive". Only after a lowercase
    # word and before a capitalised one, so "U.S.A", "3.5" and "example.com"
    # stay whole.
    # A straight quote glued after the stop opens the next sentence (a
    # closing one would be followed by a space).
    rf"|[.!?](?<=[a-z]{{2}}[.!?])[”’]?(?=[\"“]?[A-Z][a-z]+\b)"
)
# What `_is_false_stop` reads around a stop: the last token before it (it
# looks at 40 characters) and, after the spaces, quotes and brackets that
# may open the next sentence, the next word (a month after a German ordinal
# such as "3. Oktober" is at most 20 characters).
_LOOK_BEHIND = 40
_LOOK_AHEAD = 20
_OPENERS = re.compile(r"[ \u00a0\"'“‘«(\[¿¡\s]*")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# A dotted acronym before a stop ("u.s.a" of "U.S.A."): an initialism.
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")


def split_blocks(text: str) -> list[str]:
    """Split article text into blocks (paragraphs) at blank lines."""
    blocks = re.split(r"\n\s*\n", text or "")
    return [" ".join(b.split()) for b in blocks if b.strip()]


def _is_false_stop(before: str, stop: str, after: str) -> bool:
    """True when the stop that ends `before` does not end a sentence: the
    next word is lowercase ("Awesome!" she said; wait ... you see; approx.
    five), or the "." closes an abbreviation or an initial."""
    following = after.lstrip(" \u00a0\"'“‘«([¿¡")[:1]
    if following.islower():
        return True
    if stop != ".":
        return False
    # The last token before the stop (rsplit, not a "$"-anchored regex: that
    # would rescan the block for every candidate stop).
    tail = before[-40:].rsplit(None, 1)
    if not tail:
        return False
    raw = tail[-1].lstrip("\"'“‘([«")
    token = raw.lower()
    if token.isdigit() and after.split(None, 1)[:1] and after.split(None, 1)[0].lower() in ORDINAL_MONTHS:
        return True
    if token in OTHER_ABBREVIATIONS:
        return True
    if token in ABBREVIATIONS:
        # "in the U.S. Then ..." is ambiguous; a capitalised common word after
        # a country abbreviation is more often a new sentence, but the cost of
        # a wrong split (a dangling "U.S.") is higher than a long sentence.
        return True
    # Single letters ("J. K. Rowling") and dotted acronyms ("U.S.A") are
    # initials, not sentence ends.
    if len(token) == 1 and raw.isalpha() and raw.isupper():
        return True
    if "." in token and _DOTTED.fullmatch(token):
        return True
    if token in NUMERIC_ABBREVIATIONS:
        return after.lstrip()[:1].isdigit()
    return False


def split_sentences(text: str) -> list[str]:
    """Split `text` into sentences; blocks (blank-line paragraphs) never join.

    :param text: plain text, paragraphs separated by blank lines.
    :return: the sentences, whitespace normalised, in order.
    """
    out: list[str] = []
    for block in split_blocks(text):
        out.extend(block_sentences(block))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph, in `text`'s own
    offsets. The spans are contiguous (the space after a sentence opens the
    next), so every position of `text` lies in exactly one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        stop = match.group(0).rstrip(_CLOSERS + "」』） \u00a0\u202f")
        # Only the text next to the stop, never the rest of the block: a
        # slice to either end for every candidate stop was quadratic.
        before = text[max(start, match.start() - _LOOK_BEHIND) : match.start()]
        after = text[end : _OPENERS.match(text, end).end() + _LOOK_AHEAD]
        if _is_false_stop(before, stop, after):
            continue
        if text[start:end].strip():
            spans.append((start, end))
            start = end
    if text[start:].strip() or not spans:
        spans.append((start, len(text)))
    else:  # trailing whitespace belongs to the last sentence
        spans[-1] = (spans[-1][0], len(text))
    return spans


def block_sentences(block: str) -> list[str]:
    """The sentences of one paragraph (no blank lines in it), stripped.

    :param block: one paragraph of text, as `split_blocks` gives them.
    """
    return list(_block_sentences(block))


@lru_cache(maxsize=8192)
def _block_sentences(block: str) -> tuple[str, ...]:
    # Memoised: a hatch splits a highlighted paragraph to find the
    # highlight in it, and again with the page's other paragraphs.
    return tuple(block[s:e].strip() for s, e in sentence_spans(block) if block[s:e].strip())


def words(text: str) -> list[str]:
    """The words of `text`, lowercased, accents kept, punctuation dropped."""
    if text.isascii():
        # Lowercasing ASCII text whole is the same as word by word, and
        # cheaper; elsewhere casing can depend on the neighbours (a final
        # sigma, a dotted capital I), so each word is lowered alone.
        return _WORD.findall(text.lower())
    return list(map(str.lower, _WORD.findall(text)))


def word_count(text: str) -> int:
    """How many whitespace-separated words `text` has (the budget's unit)."""
    return len(text.split())


# Function words: they carry no topic. A short closed list (English, since
# the benchmark and most pages are English; other languages still rank on
# their content words, only with their function words counted too).
STOPWORDS = frozenset(
    """
    a about above after again against all almost also although always am an
    and another any anyone anything are around as at be became because become
    been before being below between both but by can could did do does doing
    done down during each either else even ever every few for from further get
    gets getting got had has have having he her here hers herself him himself
    his how however i if in into is it its itself just last least less let
    like made make many may me might more most much must my myself near need
    neither never next no nor not now of off often on once one only onto or
    other others our ours ourselves out over own per perhaps put quite rather
    really said same say says see seem seemed seems several shall she should
    since so some something still such than that the their theirs them
    themselves then there these they thing things this those though through
    thus to too toward towards two under until up upon us use used very via
    was way we well were what whatever when where whether which while who
    whom whose why will with within without would yet you your yours yourself
    yourselves mr mrs ms dr s t re ve ll d m don didn doesn isn wasn aren
    weren hasn haven hadn won wouldn shouldn couldn can't it's i'm i've
    that's there's he's she's we're they're you're we've they've year years
    new told according including back go going take took first ones
    """.split()
)

_SUFFIXES = ("ational", "ization", "fulness", "iveness", "ations", "ements",
             "ement", "ments", "ation", "ness", "ment", "ings", "ing", "edly",
             "ies", "ied", "ers", "ed", "es", "er", "ly", "s")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripping stem, enough to match "policy"/"policies".

    Not Porter: it only needs to be consistent, fast and dependency-free.
    Cached: a page repeats its words, and a hatch stems every page.
    """
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return base + "y"
            return base
    return word


@lru_cache(maxsize=16384)
def stem_set(text: str) -> frozenset[str]:
    """`content_stems(text)` as a set, memoised: a hatch weighs the same
    sentence as a unit, a candidate and a draft.

    :param text: any text.
    """
    return frozenset(content_stems(text))


def content_stems(text: str) -> list[str]:
    """Stems of the content words of `text` (no stopwords, no 1-char tokens)."""
    return [
        stem(w)
        for w in words(text)
        if w not in STOPWORDS and (len(w) > 1 or w.isdigit())
    ]


def normalise(text: str) -> str:
    """Fold case, accents-compatible forms and whitespace, for matching."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("’", "'").replace("‘", "'")
    text = text.replace("“", '"').replace("”", '"')
    return " ".join(text.split()).lower()
