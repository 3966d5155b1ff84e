"""Which words may name an idea: the rules `ideas` asks of each piece of
a clause. Three kinds: how common its words are in the language (a single
word must be rare, a phrase must hold one rare word: see `rarity`), what
may sit at its edges ("nesting rate among" may not), and, in English, its
grammar: a noun phrase, a noun at its end (see `speech`).
"""

from __future__ import annotations

from typing import NamedTuple

from ..sentences import ABBREVIATIONS
from .names import TITLE_WORDS
from .rarity import COMMON_ZIPF
from .speech import can_head, can_modify, is_proper
from .terms import is_spaceless, is_wide

# Words that may sit inside an idea but never at its edge: they lean on
# the words around them ("nesting rate among", "drone crashes anywhere").
EDGE_WORDS = frozenset(
    """
    along among amid amidst across behind beyond anywhere everywhere nearby
    overall know knows known called via despite toward towards whose onto
    least lot lots sort
    """.split()
)

# A single word names an idea only when it is at most this common (Zipf):
# "groundwater" 3.4, "saudi" 4.3 and "pollution" 4.2 do; "early" 5.4 does
# not. Tuned on the tune half of the news clusters: lower costs related
# sets their only thread with no gain in how true threads are.
SINGLE_WORD_ZIPF = 4.8

# A lowercase word alone that reads as a verb form or an adverb
# ("depending", "issued", "desperately") names an idea only when rarer
# than this: "gerrymandering" and "hanged" do.
VERB_ENDINGS = ("ing", "ed", "ly")
VERB_FORM_ZIPF = 4.2

# Between pages already known to tell one story, a commoner single word
# ("electronics" 4.6) is a thread too: the story makes it specific.
STORY_WORD_ZIPF = 4.8

# A word this common (Zipf) is in nearly every paragraph: about one word
# in 200 (10**6.7 uses per billion) is it.
EVERYWHERE_ZIPF = 6.7

# How common a single word seen in many sources may be at most (see
# `breadth_zipf`): as common as the rarest word of a phrase (PHRASE_ZIPF),
# never commoner than that: "police" (5.3) and "vote" (5.2) say little
# however many pages use them.
BROAD_WORD_ZIPF = 5.0


def breadth_zipf(word_zipf: float, sources: int) -> float:
    """How common a single word may be when `sources` pages hold it, for a
    thread of two pages `word_zipf` common. A word's chance to be in a
    paragraph by coincidence falls tenfold per Zipf unit below
    EVERYWHERE_ZIPF; in k paragraphs at once it is that chance to the k-th
    power. So a word in three pages' marked text may be commoner than one
    in two and be as unlikely a coincidence: "traffic" (4.85), in
    highlights on bike lanes, a school street and bus lanes.

    :param word_zipf: the bound for two sources.
    :param sources: how many sources hold the word (2 or more).
    """
    if sources <= 2:
        return word_zipf
    return min(BROAD_WORD_ZIPF, EVERYWHERE_ZIPF - 2 * (EVERYWHERE_ZIPF - word_zipf) / sources)


# A name (capitalised inside a sentence every time it is seen) may be a
# little commoner: "Smith" 4.9.
NAME_ZIPF = 5.0

# A phrase of several words names an idea when its rarest word is at most
# this common: "air pollution" and "index funds" do, "young people" and
# "last week" do not.
PHRASE_ZIPF = 5.0

# Names of days and months are capitalised and fairly rare, and say when,
# not what: never an idea alone.
CALENDAR_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december
    montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi
    mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves
    viernes sábado domingo
    """.split()
)

# The most common a lowercase word at the edge of a phrase with a name in
# it may be: "Velore negotiations" yes, "Lorne's personal" no.
MIXED_EDGE_ZIPF = 4.8

# Words shorter than this never stand alone as an idea.
MIN_WORD_CHARS = 3


class Word(NamedTuple):
    """A word of a run, looked up once however many phrases hold it."""

    form: str
    opens: bool
    lower: str
    stem: str
    common: float
    stop: bool
    upper: bool
    possessive: bool
    tag: str | None
    # Whether the word is a month kept in the name before it ("Theresa
    # May"), as `ideas` reads its clause; a day or a month is otherwise
    # outside every name.
    in_name: bool = False
    # Facts of the word alone, worked out once per word (see `with_facts`):
    # its share of an idea's specificity (0-7), whether it names an idea
    # alone (`allowed` of one word), whether it may open or close a phrase
    # (`leans_ok`), whether it reads as a noun phrase alone, and whether
    # its script is written without spaces (`terms.is_spaceless`).
    rarity: float = 0.0
    alone: bool = False
    leads: bool = False
    ends: bool = False
    heads: bool = False
    spaceless: bool = False


def with_facts(word: Word) -> Word:
    """`word` with its facts filled in (`rarity`, `alone`, `leads`, `ends`,
    `heads`, `spaceless`), as `allowed`, `is_noun_phrase` and `ideas` read
    them.

    :param word: a word whose other fields are set.
    """
    return word._replace(rarity=COMMON_ZIPF - min(COMMON_ZIPF, word.common),
                         alone=_allowed_alone(word), leads=leans_ok(word, last=False),
                         ends=leans_ok(word, last=True), heads=_is_noun_phrase(word),
                         spaceless=is_spaceless(word.form))


def is_name(word: Word) -> bool:
    """True for a capitalised word inside a sentence: a name's."""
    return word.upper and not word.opens


def is_noun_phrase(piece: list[Word]) -> bool:
    """False when the tagger reads the piece as no noun phrase: its last
    word (the head) no noun ("Vaskell spoke", "tragic"), a word before it
    no modifier ("violates local laws"), or a common word before a name
    ("half-sister Greta Fallowby": a description, then the name). A
    capitalised word inside a sentence is a name's and is not asked: the
    tagger reads the book "Keep Watch" as a verb and a noun. Untagged
    languages pass."""
    if len(piece) == 1:
        return piece[0].heads
    *before, head = piece
    if head.tag is None or (before and all(w.upper for w in piece)):
        return True  # untagged, or a name in title case ("Keep Watch")
    if not is_name(head) and not can_head(head.tag):
        return False
    if any(not is_name(w) and not can_modify(w.tag) for w in before):
        return False
    # A lowercase word the tagger reads as a name's ("van" in "van Gogh")
    # is no description.
    return not any(not a.upper and not is_proper(a.tag) and b.upper
                   for a, b in zip(piece, piece[1:]))


def _is_noun_phrase(word: Word) -> bool:
    """`is_noun_phrase` of the one word `word`: untagged, a name's, or a
    word the tagger reads as a noun."""
    return word.tag is None or is_name(word) or can_head(word.tag)


def leans_ok(w: Word, *, last: bool) -> bool:
    """False when a lowercase word at a phrase's edge leans on the words
    around it: an adverb ("virtually"), an edge word, a participle that
    opens ("received flood grants") or closes ("ferry tickets bearing") it."""
    word = w.lower
    if w.upper:
        return True
    if word in EDGE_WORDS or word in ABBREVIATIONS or (len(word) > 4 and word.endswith("ly")):
        return False
    if last:
        return not word.endswith(("ing", "ed"))
    return not word.endswith("ed")


def has_inner_capital(form: str) -> bool:
    """True for "FBI" or "iPhone": casing no sentence start explains."""
    return any(c.isupper() for c in form[1:])


def is_name_form(piece: list[Word]) -> bool:
    """True when a sentence-initial run reads as a name anyway: every word
    capitalised, or a first word no common word."""
    return (len(piece) > 1 and all(w.upper for w in piece)) or piece[0].common < 3.0


def allowed(piece: list[Word]) -> bool:
    """True when the words `piece` name an idea (see the module's doc)."""
    first, last = piece[0], piece[-1]
    if first.stop or last.stop:
        # A capitalised function word may sit inside a name, not at its end
        # ("New York" yes, "York New" no); at its start only as a name.
        if last.stop or not first.upper:
            return False
        # An article opening a sentence is capitalised only for that: "The
        # Verrin ferry landing" holds "Verrin ferry", not "The Verrin"
        # (while "New York" and a quoted "Make Noise" keep their first word).
        if first.stop and first.opens and first.tag == "DT":
            return False
    if len(piece) == 1:
        return first.alone
    if not (first.leads and last.ends):
        return False
    if any(w.upper for w in piece):
        # A name with a common word tacked on ("Lorne's personal", "late
        # Lake Verrin") is the name and some wording: only a rare
        # lowercase word may sit at the edge of a name.
        for edge in (first, last):
            if not edge.upper and edge.common > MIXED_EDGE_ZIPF:
                return False
    rarest = min(w.common for w in piece if not w.stop)
    names = all(w.upper for w in piece)
    # Opening a sentence, a first word is capitalised anyway: the name is
    # one only where the tagger reads that word as a name's too ("New
    # York officials said", not "Yesterday Lorne said").
    return rarest <= PHRASE_ZIPF or (names and (not first.opens or is_proper(first.tag)))


def is_initialism(form: str) -> bool:
    """True for a word written in capitals only, as "EU" and "UN" are:
    shorter than MIN_WORD_CHARS, it still names something."""
    return len(form) >= 2 and form.isalpha() and form.isupper()


def _allowed_alone(word: Word) -> bool:
    """True when `word` names an idea on its own (`allowed` of one word)."""
    if word.stop:
        return False
    lower = word.lower
    if lower.isdigit():  # a number alone says how many, not what
        return False
    if len(lower) < MIN_WORD_CHARS and not is_wide(lower) and not is_initialism(word.form) \
            and not (len(lower) == 2 and is_name(word)):
        return False
    if lower in CALENDAR_WORDS or lower in ABBREVIATIONS or lower in TITLE_WORDS:
        return False
    if not word.upper and lower.endswith(VERB_ENDINGS) and word.common > VERB_FORM_ZIPF:
        return False
    return word.common <= max(STORY_WORD_ZIPF, SINGLE_WORD_ZIPF, BROAD_WORD_ZIPF) or (
        is_name(word) and word.common <= NAME_ZIPF)
