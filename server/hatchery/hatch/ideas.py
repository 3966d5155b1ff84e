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

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..sentences import STOPWORDS, stem
from .names import OPENERS, NameSpans, is_designation
from .rarity import zipf
from .speech import is_proper, penn_tags
from .terms import compounds, is_spaceless, singular, strip_particle
from .wording import (  # noqa: F401 - STORY_WORD_ZIPF: the engine reads it here
    CALENDAR_WORDS, NAME_ZIPF, SINGLE_WORD_ZIPF, STORY_WORD_ZIPF, Word, allowed, breadth_zipf,
    has_inner_capital, is_name, is_name_form, is_noun_phrase, with_facts)

# Longest idea, in words: longer runs shared by two pages are quoted
# wording ("nearby parking lot along"), not a name for an idea.
MAX_IDEA_WORDS = 3

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


# A word of a run: its form, whether it opens its sentence, its part of
# speech (None when the language is not tagged: see `speech`), and whether
# it is a month kept in the name before it ("Theresa May": see
# `_month_in_name`), decided once, where the run is read.
RunWord = tuple[str, bool, "str | None", bool]


def _runs(text: str, lang: str) -> list[tuple[RunWord, ...]]:
    """Runs of content words inside clauses, each word with whether it
    opens its sentence, its tag and whether it is a month kept in a name
    (see `RunWord`). A capitalised function word joins a
    run when a capitalised word follows ("New York", "Bank Of"), so names
    stay whole. Chinese and Japanese text is cut into words (see
    `terms.segment`); the words of one stretch between grammar make a run,
    so a compound ("空气 污染", air pollution) is a phrase."""
    runs: list[tuple[RunWord, ...]] = []
    run: list[RunWord] = []
    tokens = _TOKEN.findall(text)
    tags = penn_tags(tokens, lang) or [None] * len(tokens)
    opens = True
    for i, token in enumerate(tokens):
        if token in STOPWORDS:
            # A lowercase function word, a third of all tokens, ends the
            # run: asked first, it skips the tests below, none of which
            # can hold for it (a capitalised one may join a name: below).
            if run:
                runs.append(tuple(run))
            run = []
            opens = False
            continue
        if token in _CLAUSE_END or not token[0].isalnum():
            if run:
                runs.append(tuple(run))
            run = []
            opens = opens or token in ".!?。！？\"“”"
            continue
        if token[0] >= "\u3040" and is_spaceless(token):
            if run:
                runs.append(tuple(run))
            run = []
            runs.extend(tuple((w, False, None, False) for w in words) for words in compounds(token, lang))
            continue
        if run and ((len(token) == 1 or token.isdigit()) and _ends_name(token, run[-1])
                    or token in _NAME_MONTH_FORMS and _is_surname_month(tokens, tags, i, run[-1])):
            # "Model S", "Boeing 737": a letter or a number that ends a
            # name; "Theresa May": a month that is a surname.
            run.append((token, False, "NNP", _month_in_name(token, False, "NNP", run[-1])))
            opens = False
            continue
        name_part = "-" in token and _name_before_affix(token, opens)
        if name_part:
            # "Iran-backed militias": the name, then a word of its own.
            runs.append((*run, (name_part, opens, "NNP", False)))
            run = []
            opens = False
            continue
        lower = token.lower().replace("’", "'")
        # `isalpha` answers most words in C, before `_has_letter` is called.
        if (lower in STOPWORDS and not _joins_name(token, tokens, i)) or len(lower) < 2 \
                or not (lower.isalpha() or _has_letter(lower)):
            if run:
                runs.append(tuple(run))
            run = []
        else:
            run.append((token, opens, tags[i], bool(run) and token[:1] in _MONTH_INITIALS
                        and _month_in_name(token, opens, tags[i], run[-1])))
        opens = False
    if run:
        runs.append(tuple(run))
    return runs


# Longest number that ends a name ("Boeing 737", "Apollo 11"): longer
# ones are amounts.
MAX_NAME_DIGITS = 4


def _ends_name(token: str, previous: RunWord) -> bool:
    """True when `token`, a number or a single capital letter, belongs to
    the name before it: "Tesla Model S", "Boeing 737 Max", "Apollo 11";
    never after a word only the sentence start capitalises ("Nearly
    300"), a day or a month ("March 3"), or a function word ("At 5"),
    and never "A" or "I", which are words of their own."""
    if not ((token.isdigit() and len(token) <= MAX_NAME_DIGITS and token.isascii())
            or (len(token) == 1 and token.isupper() and token not in "AI")):
        return False
    form, opened, tag, _ = previous
    lower = form.lower()
    return (form[:1].isupper() and (not opened or is_proper(tag))
            and lower not in CALENDAR_WORDS and lower not in STOPWORDS)


# Months that are also surnames or given names ("Theresa May", "Nick
# August"), lowercase. "May" is a modal verb too, a function word anywhere
# else.
NAME_MONTHS = frozenset("april may june august".split())


# How a month that is a surname is written: the cheap test `_runs` asks
# of every word first.
_NAME_MONTH_FORMS = frozenset(f for m in NAME_MONTHS for f in (m.capitalize(), m.upper()))


# The first letters of those months, either case: most words start with
# none, and `_month_in_name` need not read them.
_MONTH_INITIALS = frozenset(f for m in NAME_MONTHS for f in (m[0], m[0].upper()))


def _is_surname_month(tokens: list[str], tags: list, i: int, previous: RunWord) -> bool:
    """True when `tokens[i]`, a month written as a name is (one of
    `_NAME_MONTH_FORMS`: `_runs` asks that first), is a surname that joins
    the run though it is a function word ("May"): it follows a name the
    tagger reads as one, and neither a day's number nor a verb's base form
    follows ("Theresa May said", never "In May", "Friday May 3", "Memorial
    Day May 28" or "Washington May consider")."""
    form, _, tag, _ = previous
    lower = form.lower()
    nxt, nxt_tag = (tokens[i + 1], tags[i + 1]) if i + 1 < len(tokens) else ("", None)
    return (form[:1].isupper() and is_proper(tag) and not nxt.isdigit() and nxt_tag != "VB"
            and not nxt[:1].isupper()
            and lower not in CALENDAR_WORDS and lower not in STOPWORDS and not is_designation(lower))


def _month_in_name(token: str, opens: bool, tag: str | None, previous: RunWord) -> bool:
    """True when `token`, joining a run after `previous`, is a month kept
    in the name before it ("Theresa May", "Cornelia June Rogers"): written
    as a name's inside its sentence, after a word written as a name's that
    the tagger reads as one and that is no day or month. A day or a month
    is otherwise outside every name (see `_pieces`). Asked of the words as
    `_word` will read them: the possessive off, a name's end capitalised."""
    lower = _bare(token.lower().replace("’", "'"))
    if lower not in NAME_MONTHS or opens or not (token[:1].isupper() or tag == "NNP"):
        return False
    form, _, previous_tag, _ = previous
    previous_lower = _bare(form.lower().replace("’", "'"))
    previous_upper = form[:1].isupper() or (previous_tag == "NNP" and (
        is_designation(previous_lower) or previous_lower in NAME_MONTHS))
    return previous_upper and is_proper(previous_tag) and previous_lower not in CALENDAR_WORDS


def _bare(lower: str) -> str:
    """A lowercase word without its possessive: "leno's" names Leno."""
    return lower[:-2] if lower.endswith("'s") and len(lower) > 3 else lower


def _joins_name(token: str, tokens: list[str], i: int) -> bool:
    """True when the capitalised function word `tokens[i]` sits inside a
    name: a capitalised content word follows it ("New York")."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    return token[0].isupper() and nxt[:1].isupper() and nxt.lower() not in STOPWORDS


def _has_letter(word: str) -> bool:
    # Most words are letters only: `isalpha` answers them in C.
    return word.isalpha() or any(c.isalpha() for c in word)


@lru_cache(maxsize=65536)
def _key_stem(lower: str) -> str:
    """A word's stem in an idea's key, from its singular, so "lane" meets
    "lanes" (see `terms.singular`)."""
    return stem(singular(lower))


def _name_before_affix(token: str, opens: bool) -> str | None:
    """The name in a capitalised word joined to a lowercase one inside a
    sentence ("Saudi-led", "Iran-backed", "York-based"): the name is the
    idea, the participle only says how it relates. None for other words
    ("Coca-Cola", "ex-wife", or "Anti-war" opening a sentence)."""
    if opens or not token[:1].isupper() or "-" not in token:
        return None
    name, _, affix = token.rpartition("-")
    if not affix[:1].islower() or not name or not name[-1:].isalpha():
        return None
    if any(part[:1].islower() for part in name.split("-")):
        return None
    return name


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
    # "Leno's" names Leno: the possessive is grammar, not the idea.
    possessive = _bare(lower) != lower
    if possessive:
        form, lower = form[:-2], lower[:-2]
    # A number or a letter that ends a name, or a month that is a surname
    # (see `_runs`, the one place that tags them so), is part of it:
    # capitalised, no function word ("May" is one elsewhere).
    name_end = tag == "NNP" and (is_designation(lower) or lower in NAME_MONTHS)
    return with_facts(Word(form, opens, lower, _key_stem(lower), zipf(lower, lang),
                           lower in STOPWORDS and not name_end, form[:1].isupper() or name_end,
                           possessive, tag, in_name))


def _pieces(ws: list[Word]) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """The [start, end) pieces of a run that may name an idea: up to
    MAX_IDEA_WORDS words, or a whole name however long (see `names`), and
    none that cuts a name; and those of them that hold a name only as the
    tail of a longer one ("John Waters" in "Camp John Waters")."""
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
                      # month `_runs` found kept in one ("Theresa May").
                      [(w.lower in CALENDAR_WORDS and not w.in_name)
                       or (w.lower in OPENERS and (k == 0 or not ws[k - 1].upper))
                       for k, w in enumerate(ws)])
    out = out + [whole for whole in spans.whole if whole[1] - whole[0] > MAX_IDEA_WORDS]
    # A possessive ends a piece: "Facebook's requests" is no idea's name.
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
    for run in _runs(text, lang):
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
