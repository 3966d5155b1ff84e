"""Ideas: the named concepts a text holds, in the words it uses for them.

An idea is a run of content words from one clause, kept with its casing
("New York City", "index funds", "groundwater"): a name or a phrase of two
to four words with at least one specific word, or a single word that is
rare in the language. Words common in any text ("early", "track", "water",
"tuesday") never name an idea alone, however often two pages use them.

An English idea is a noun phrase, read so by a part-of-speech tagger
(`speech`): "statewide polls", never "statewide polls puts". Chinese and
Japanese ideas are words or the compounds between grammar (`terms`). The
rules a piece of words must pass are in `wording`.

`ideas_in` gives the ideas of one text, keyed by their stems so "index
fund" meets "index funds"; threads (in `threads`) are the ideas several
sources hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..sentences import STOPWORDS, stem
from .names import OPENERS, NameSpans, is_designation
from .rarity import zipf
from .runs import NAME_MONTHS, RunWord, bare, clause_runs
from .speech import is_proper
from .terms import is_spaceless, singular, strip_particle
from .wording import (  # noqa: F401 - STORY_WORD_ZIPF: the engine reads it here
    CALENDAR_WORDS, NAME_ZIPF, SINGLE_WORD_ZIPF, STORY_WORD_ZIPF, Word, allowed, breadth_zipf,
    has_inner_capital, is_name, is_name_form, is_noun_phrase, with_facts)

# Longest idea, in words: longer runs shared by two pages are quoted
# wording ("nearby ferry landing along"), not a name for an idea.
MAX_IDEA_WORDS = 3



@dataclass(slots=True)
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
    # ("Tobin Ashgrove" in "Camp Tobin Ashgrove"), or a lone word used as
    # no noun ("electronic" in "electronic products"). Such an idea is one
    # only where another text holds it outright (see `threads`).
    borrowed: bool = False

    @property
    def words(self) -> int:
        """How many words the idea has."""
        return len(self.stems)

    def surface(self) -> str:
        """The idea as the text writes it most often (casing kept)."""
        return min(self.forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]


@lru_cache(maxsize=65536)
def _key_stem(lower: str) -> str:
    """A word's stem in an idea's key, from its singular, so "lane" meets
    "lanes" (see `terms.singular`)."""
    return stem(singular(lower))


def _words(run: tuple[RunWord, ...], lang: str) -> list[Word]:
    return [_word(form, opens, tag, lang, in_name) for form, opens, tag, in_name in run]


# Words `_word` remembers: several hatches' vocabulary, a few megabytes.
WORDS_REMEMBERED = 8192


@lru_cache(maxsize=WORDS_REMEMBERED)
def _word(form: str, opens: bool, tag: str | None, lang: str, in_name: bool = False) -> Word:
    """The word `form` of a run with its facts (see `wording.with_facts`).
    Memoised like `stem`: a page repeats its words, and a highlight the
    words of its paragraph. The tag may differ for one form (first in
    its text, a word is also looked up in lowercase: see `speech`), so it
    is part of the key, as is `in_name` (see `RunWord`). The result is
    shared (a tuple, never changed)."""
    lower = form.lower().replace("’", "'")
    if lower[-1] >= "\uac00":
        # Korean: "보고서를" is the word "보고서" with its particle.
        lower = strip_particle(lower, lang)
        form = form[: len(lower)]
    # "Lorne's" names Lorne: the possessive is grammar, not the idea.
    possessive = bare(lower) != lower
    if possessive:
        form, lower = form[:-2], lower[:-2]
    # A number or a letter that ends a name, or a month that is a surname
    # (see `runs`, the one place that tags them so), is part of it:
    # capitalised, no function word ("May" is one elsewhere).
    name_end = tag == "NNP" and (is_designation(lower) or lower in NAME_MONTHS)
    return with_facts(Word(form, opens, lower, _key_stem(lower), zipf(lower, lang),
                           lower in STOPWORDS and not name_end, form[:1].isupper() or name_end,
                           possessive, tag, in_name))


def _pieces(ws: list[Word]) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """The [start, end) pieces of a run that may name an idea: up to
    MAX_IDEA_WORDS words, or a whole name however long (see `names`), and
    none that cuts a name; and those of them that hold a name only as the
    tail of a longer one ("Tobin Ashgrove" in "Camp Tobin Ashgrove")."""
    n_words = len(ws)
    if ws[0].form[0] >= "\u3040" and is_spaceless(ws[0].form):
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
                      # A day or a month is outside every name, but for a
                      # month `runs` found kept in one ("Odile May").
                      [(w.lower in CALENDAR_WORDS and not w.in_name)
                       or (w.lower in OPENERS and (k == 0 or not ws[k - 1].upper))
                       for k, w in enumerate(ws)])
    out = out + [whole for whole in spans.whole if whole[1] - whole[0] > MAX_IDEA_WORDS]
    # A possessive ends a piece: "Corvane's requests" is no idea's name.
    kept = [(i, j) for i, j in out if spans.allows(i, j)
            and not any(w.possessive for w in ws[i : j - 1])]
    return kept, {(i, j) for i, j in kept if spans.is_inner(i, j)}


# The pieces of a run of n words, for the short runs most clauses give.
_SPANS_UP_TO = [[(i, i + n) for n in range(1, MAX_IDEA_WORDS + 1) for i in range(k - n + 1)]
                for k in range(16)]


class Use(NamedTuple):
    """One piece of a run that names an idea: the idea's key and the facts
    of this use that `ideas_in` adds up."""

    key: tuple[str, ...]
    specificity: float
    # A one-word idea's Zipf frequency and whether it reads as a name
    # (0.0 and False for phrases, as `Idea` keeps them).
    common: float
    name: bool
    # This use leans on another text (see `Idea.borrowed`).
    borrowed: bool
    form: str
    # How much this use counts toward its form naming the idea.
    weight: int


# Runs `_uses` remembers: a few hatches' clauses, a few megabytes.
RUNS_REMEMBERED = 16384


@lru_cache(maxsize=RUNS_REMEMBERED)
def _uses(run: tuple[RunWord, ...], lang: str) -> tuple[Use, ...]:
    """The pieces of `run` that name an idea, in order. Memoised per run:
    a highlight's clauses are its paragraph's too, so about half the runs
    of a hatch were read before (the words, pieces and grammar of each).
    The result is shared (tuples, never changed)."""
    ws = _words(run, lang)
    pieces, inner = _pieces(ws)
    # Sliced per piece (in C), not gathered word by word.
    stems = [w.stem for w in ws]
    rarities = [w.rarity for w in ws]
    # A piece as written: words between spaces, or run together in a
    # script written without them ("空气污染").
    forms = [w.form for w in ws]
    out = []
    for i, j in pieces:
        first = ws[i]
        n = j - i
        if n == 1:
            # One word: its facts say it all (`wording.with_facts`).
            if not first.alone:
                continue
            piece = [first]
            weak = not first.heads
        else:
            piece = ws[i:j]
            if not allowed(piece):
                continue
            # A phrase must read as a noun phrase here; a lone word
            # that does not ("electronic" before "products") may still
            # meet the noun another page writes ("electronics").
            if not is_noun_phrase(piece):
                continue
            weak = False
        form = ("" if first.spaceless else " ").join(forms[i:j])
        if first.opens and not is_name_form(piece) and not has_inner_capital(first.form) \
                and not is_proper(first.tag):
            form = form[:1].lower() + form[1:]
        # A weak use names the thread only when no other use does.
        weight = 0 if weak else 1 if first.opens else 2
        one = n == 1
        out.append(Use(tuple(stems[i:j]), sum(rarities[i:j]), first.common if one else 0.0,
                       one and is_name(first), weak or (i, j) in inner, form, weight))
    return tuple(out)


@lru_cache(maxsize=4096)
def ideas_in(text: str, lang: str = "en") -> dict[tuple[str, ...], Idea]:
    """The ideas of `text`, by stems. Cached: a paragraph with several
    highlights is read once. The result is shared; do not change it.

    :param text: any text: highlights, their paragraphs and notes.
    :param lang: the text's language code, for word rarity.
    """
    found: dict[tuple[str, ...], Idea] = {}
    for run in clause_runs(text, lang):
        # Unpacked (one step), not read field by field: a hatch adds up
        # thousands of uses.
        for key, specificity, common, name, borrowed, form, weight in _uses(run, lang):
            idea = found.get(key)
            if idea is None:
                idea = found[key] = Idea(key, {form: weight}, specificity, 1, common, name,
                                         borrowed)
                continue
            idea.borrowed = idea.borrowed and borrowed
            idea.count += 1
            forms = idea.forms
            forms[form] = forms.get(form, 0) + weight
    return found


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
