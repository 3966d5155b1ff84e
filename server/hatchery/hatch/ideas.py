"""Ideas: the named concepts a text holds, in the words it uses for them.

An idea is a run of content words from one clause, kept with its casing
("New York City", "index funds", "groundwater"): a name or a phrase of two
to four words with at least one specific word, or a single word that is
rare in the language. Words common in any text ("early", "track", "water",
"tuesday") never name an idea alone, however often two pages use them.

`ideas_in` gives the ideas of one text, keyed by their stems so "index
fund" meets "index funds"; threads (in `threads`) are the ideas several
sources hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..sentences import ABBREVIATIONS, STOPWORDS, stem
from .names import OPENERS, TITLE_WORDS, NameSpans
from .rarity import COMMON_ZIPF, zipf
from .speech import can_head, can_modify, is_proper, penn_tags
from .terms import compounds, is_spaceless, is_wide, strip_particle

# Longest idea, in words: longer runs shared by two pages are quoted
# wording ("nearby parking lot along"), not a name for an idea.
MAX_IDEA_WORDS = 3

# Words that may sit inside an idea but never at its edge: they lean on
# the words around them ("suicide rate among", "Tesla fires anywhere").
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
# little commoner: "Obama" 4.9, "Trump" 4.9.
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
# it may be: "Brexit negotiations" yes, "Trump's personal" no.
MIXED_EDGE_ZIPF = 4.8

# Words shorter than this never stand alone as an idea.
MIN_WORD_CHARS = 3

# Tokens: words (with inner apostrophes and hyphens) and single marks of
# punctuation, which end a clause. Linear: no nested quantifier can retry.
_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*|[^\w\s]")
_CLAUSE_END = frozenset(".,;:!?()[]{}\"“”«»—–…|/。！？、，；：")


@dataclass
class Idea:
    """One idea of a text: its stems, how it is written, and how specific
    it is (the summed rarity of its words, 0-7 each)."""

    stems: tuple[str, ...]
    forms: dict[str, int] = field(default_factory=dict)
    specificity: float = 0.0
    count: int = 0
    # For one-word ideas: its Zipf frequency and whether it reads as a name.
    common: float = 0.0
    name: bool = False
    # Whether every use leans on another text: the tail of a longer name
    # ("John Waters" in "Camp John Waters"), or a lone word used as no
    # noun ("electronic" in "electronic products"). Such an idea is one
    # only where another text holds it outright (see `threads`).
    borrowed: bool = False

    @property
    def words(self) -> int:
        """How many words the idea has."""
        return len(self.stems)

    def surface(self) -> str:
        """The idea as the text writes it most often (casing kept)."""
        return min(self.forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]


# A word of a run: its form, whether it opens its sentence, and its part of
# speech (None when the language is not tagged: see `speech`).
RunWord = tuple[str, bool, "str | None"]


def _runs(text: str, lang: str) -> list[list[RunWord]]:
    """Runs of content words inside clauses, each word with whether it
    opens its sentence and its tag. A capitalised function word joins a
    run when a capitalised word follows ("New York", "Bank Of"), so names
    stay whole. Chinese and Japanese text is cut into words (see
    `terms.segment`); the words of one stretch between grammar make a run,
    so a compound ("空气 污染", air pollution) is a phrase."""
    runs: list[list[RunWord]] = []
    run: list[RunWord] = []
    tokens = _TOKEN.findall(text)
    tags = penn_tags(tokens, lang) or [None] * len(tokens)
    opens = True
    for i, token in enumerate(tokens):
        if token in _CLAUSE_END or not token[0].isalnum():
            if run:
                runs.append(run)
            run = []
            opens = opens or token in ".!?。！？\"“”"
            continue
        if token[0] >= "\u3040" and is_spaceless(token):
            if run:
                runs.append(run)
            run = []
            runs.extend([(w, False, None) for w in words] for words in compounds(token, lang))
            continue
        lower = token.lower().replace("’", "'")
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        joins_name = token[0].isupper() and nxt[:1].isupper() and nxt.lower() not in STOPWORDS
        if (lower in STOPWORDS and not joins_name) or len(lower) < 2 or not any(c.isalpha() for c in lower):
            if run:
                runs.append(run)
            run = []
        else:
            run.append((token, opens, tags[i]))
        opens = False
    if run:
        runs.append(run)
    return runs


def _is_name(word: _Word) -> bool:
    return word.upper and not word.opens


class _Word(NamedTuple):
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


def _words(run: list[RunWord], lang: str) -> list[_Word]:
    out = []
    for form, opens, tag in run:
        lower = form.lower().replace("’", "'")
        if lower[-1] >= "\uac00":
            # Korean: "보고서를" is the word "보고서" with its particle.
            lower = strip_particle(lower, lang)
            form = form[: len(lower)]
        # "Leno's" names Leno: the possessive is grammar, not the idea.
        possessive = lower.endswith("'s") and len(lower) > 3
        if possessive:
            form, lower = form[:-2], lower[:-2]
        out.append(_Word(form, opens, lower, stem(lower), zipf(lower, lang),
                         lower in STOPWORDS, form[:1].isupper(), possessive, tag))
    return out


def _pieces(ws: list[_Word]) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """The [start, end) pieces of a run that may name an idea: up to
    MAX_IDEA_WORDS words, or a whole name however long (see `names`), and
    none that cuts a name; and those of them that hold a name only as the
    tail of a longer one ("John Waters" in "Camp John Waters")."""
    n_words = len(ws)
    if is_spaceless(ws[0].form):
        # Chinese and Japanese: each word, and the whole stretch between
        # grammar as one compound ("柴油货车", diesel trucks). A part of a
        # longer stretch is as likely a verb and its object (no word list
        # tells them apart), so it is a compound only where another text
        # writes it as a whole stretch, as a name's tail is.
        pieces = [(i, i + n) for n in range(1, min(MAX_IDEA_WORDS, n_words) + 1)
                  for i in range(n_words - n + 1)]
        return pieces, {(i, j) for i, j in pieces if 1 < j - i < n_words}
    # Shared lists for short runs: read, never changed.
    out = _SPANS_UP_TO[n_words] if n_words < len(_SPANS_UP_TO) else [
        (i, i + n) for n in range(1, MAX_IDEA_WORDS + 1) for i in range(n_words - n + 1)]
    # Most runs hold no capital after their first word and no possessive:
    # nothing to guard.
    if not any(w.upper or w.possessive for w in ws[1:]) and not ws[0].possessive:
        return out, set()
    spans = NameSpans([w.upper for w in ws], [w.lower for w in ws],
                      [w.opens for w in ws], [w.possessive for w in ws],
                      [w.lower in CALENDAR_WORDS or (w.lower in OPENERS and (k == 0 or not ws[k - 1].upper))
                       for k, w in enumerate(ws)])
    out = out + [whole for whole in spans.whole if whole[1] - whole[0] > MAX_IDEA_WORDS]
    # A possessive ends a piece: "Facebook's requests" is no idea's name.
    kept = [(i, j) for i, j in out if spans.allows(i, j)
            and not any(w.possessive for w in ws[i : j - 1])]
    return kept, {(i, j) for i, j in kept if spans.is_inner(i, j)}


# The pieces of a run of n words, for the short runs most clauses give.
_SPANS_UP_TO = [[(i, i + n) for n in range(1, MAX_IDEA_WORDS + 1) for i in range(k - n + 1)]
                for k in range(16)]


@lru_cache(maxsize=4096)
def ideas_in(text: str, lang: str = "en") -> dict[tuple[str, ...], Idea]:
    """The ideas of `text`, by stems. Cached: a paragraph with several
    highlights is read once. The result is shared; do not change it.

    :param text: any text: highlights, their paragraphs and notes.
    :param lang: the text's language code, for word rarity.
    """
    found: dict[tuple[str, ...], Idea] = {}
    for run in _runs(text, lang):
        ws = _words(run, lang)
        pieces, inner = _pieces(ws)
        for i, j in pieces:
            piece = ws[i:j]
            n = j - i
            if not _allowed(piece):
                continue
            # A phrase must read as a noun phrase here; a lone word that
            # does not ("electronic" before "products") may still meet the
            # noun another page writes ("electronics").
            weak = not _is_noun_phrase(piece)
            if weak and n > 1:
                continue
            key = tuple(w.stem for w in piece)
            idea = found.get(key)
            if idea is None:
                spec = sum(COMMON_ZIPF - min(COMMON_ZIPF, w.common) for w in piece)
                idea = found[key] = Idea(key, specificity=spec, borrowed=True)
                if n == 1:
                    idea.common = piece[0].common
                    idea.name = _is_name(piece[0])
            idea.borrowed = idea.borrowed and (weak or (i, j) in inner)
            idea.count += 1
            form = _joined(piece)
            if piece[0].opens and not _is_name_form(piece) and not _has_inner_capital(piece[0].form) \
                    and not is_proper(piece[0].tag):
                form = form[:1].lower() + form[1:]
            # A weak use names the thread only when no other use does.
            weight = 0 if weak else 1 if piece[0].opens else 2
            idea.forms[form] = idea.forms.get(form, 0) + weight
    return found


def _joined(piece: list[_Word]) -> str:
    """The piece as written: words between spaces, or run together in a
    script written without them ("空气污染")."""
    glue = "" if is_spaceless(piece[0].form) else " "
    return glue.join(w.form for w in piece)


def _is_noun_phrase(piece: list[_Word]) -> bool:
    """False when the tagger reads the piece as no noun phrase: its last
    word (the head) no noun ("Comey spoke", "tragic"), a word before it
    no modifier ("violates local laws"), or a common word before a name
    ("half-sister Nancy Motes": a description, then the name). A
    capitalised word inside a sentence is a name's and is not asked: the
    tagger reads the book "Make Trouble" as a verb and a noun. Untagged
    languages pass."""
    *before, head = piece
    if head.tag is None or (before and all(w.upper for w in piece)):
        return True  # untagged, or a name in title case ("Make Trouble")
    if not _is_name(head) and not can_head(head.tag):
        return False
    if any(not _is_name(w) and not can_modify(w.tag) for w in before):
        return False
    # A lowercase word the tagger reads as a name's ("van" in "van Gogh")
    # is no description.
    return not any(not a.upper and not is_proper(a.tag) and b.upper
                   for a, b in zip(piece, piece[1:]))


def _leans_ok(w: _Word, *, last: bool) -> bool:
    """False when a lowercase word at a phrase's edge leans on the words
    around it: an adverb ("virtually"), an edge word, a participle that
    opens ("received food stamps") or closes ("lapel pins bearing") it."""
    word = w.lower
    if w.upper:
        return True
    if word in EDGE_WORDS or word in ABBREVIATIONS or (len(word) > 4 and word.endswith("ly")):
        return False
    if last:
        return not word.endswith(("ing", "ed"))
    return not word.endswith("ed")


def is_specific(idea: Idea, word_zipf: float = SINGLE_WORD_ZIPF, sources: int = 2) -> bool:
    """True when `idea` names something: a phrase (see `ideas_in`), a name,
    or a single word at most `word_zipf` common (commoner when more than
    two sources hold it: see `breadth_zipf`).

    :param sources: how many sources hold the idea.
    """
    if idea.words > 1:
        return True
    if idea.name:  # a name's bound holds however many pages write it
        return idea.common <= max(word_zipf, NAME_ZIPF)
    return idea.common <= breadth_zipf(word_zipf, sources)


def _has_inner_capital(form: str) -> bool:
    """True for "FBI" or "iPhone": casing no sentence start explains."""
    return any(c.isupper() for c in form[1:])


def _is_name_form(piece: list[_Word]) -> bool:
    """True when a sentence-initial run reads as a name anyway: every word
    capitalised, or a first word no common word."""
    return (len(piece) > 1 and all(w.upper for w in piece)) or piece[0].common < 3.0


def _allowed(piece: list[_Word]) -> bool:
    """True when the words `piece` name an idea (see the module's doc)."""
    first, last = piece[0], piece[-1]
    if first.stop or last.stop:
        # A capitalised function word may sit inside a name, not at its end
        # ("New York" yes, "York New" no); at its start only as a name.
        if last.stop or not first.upper:
            return False
    if len(piece) == 1:
        if len(first.lower) < MIN_WORD_CHARS and not is_wide(first.lower):
            return False
        if first.lower in CALENDAR_WORDS or first.lower in ABBREVIATIONS or first.lower in TITLE_WORDS:
            return False
        if not first.upper and first.lower.endswith(VERB_ENDINGS) and first.common > VERB_FORM_ZIPF:
            return False
        return first.common <= max(STORY_WORD_ZIPF, SINGLE_WORD_ZIPF, BROAD_WORD_ZIPF) or (
            _is_name(first) and first.common <= NAME_ZIPF)
    if not (_leans_ok(first, last=False) and _leans_ok(last, last=True)):
        return False
    if any(w.upper for w in piece):
        # A name with a common word tacked on ("Trump's personal", "late
        # North Korean") is the name and some wording: only a rare
        # lowercase word may sit at the edge of a name.
        for edge in (first, last):
            if not edge.upper and edge.common > MIXED_EDGE_ZIPF:
                return False
    rarest = min(w.common for w in piece if not w.stop)
    names = all(w.upper for w in piece)
    return rarest <= PHRASE_ZIPF or (names and not first.opens)
