"""Runs: the content words of each clause of a text, the stuff ideas are
read from (see `ideas`).

A run is the words between function words and marks of punctuation, each
with whether it opens its sentence, its part-of-speech tag and whether it
is a month kept in a name. A name stays whole: a capitalised function word
joins a run when a capitalised word follows ("New York", "Bank Of"), a
number or a letter may end one ("Model S", "Boeing 737"), and a month
that is a surname stays in it ("Odile May").
"""

from __future__ import annotations

import re

from ..sentences import STOPWORDS
from .names import is_designation
from .speech import is_proper, penn_tags
from .terms import compounds, is_spaceless
from .wording import CALENDAR_WORDS

# Tokens: words (with inner apostrophes and hyphens) and single marks of
# punctuation, which end a clause. Linear: no nested quantifier can retry.
_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*|[^\w\s]")
_CLAUSE_END = frozenset(".,;:!?()[]{}\"“”«»—–…|/。！？、，；：")


# A word of a run: its form, whether it opens its sentence, its part of
# speech (None when the language is not tagged: see `speech`), and whether
# it is a month kept in the name before it ("Odile May": see
# `_month_in_name`), decided once, where the run is read.
RunWord = tuple[str, bool, "str | None", bool]


def clause_runs(text: str, lang: str) -> list[tuple[RunWord, ...]]:
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
            # name; "Odile May": a month that is a surname.
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


# Months that are also surnames or given names ("Odile May", "Tobin
# August"), lowercase. "May" is a modal verb too, a function word anywhere
# else.
NAME_MONTHS = frozenset("april may june august".split())


# How a month that is a surname is written: the cheap test `clause_runs` asks
# of every word first.
_NAME_MONTH_FORMS = frozenset(f for m in NAME_MONTHS for f in (m.capitalize(), m.upper()))


# The first letters of those months, either case: most words start with
# none, and `_month_in_name` need not read them.
_MONTH_INITIALS = frozenset(f for m in NAME_MONTHS for f in (m[0], m[0].upper()))


def _is_surname_month(tokens: list[str], tags: list, i: int, previous: RunWord) -> bool:
    """True when `tokens[i]`, a month written as a name is (one of
    `_NAME_MONTH_FORMS`: `clause_runs` asks that first), is a surname that joins
    the run though it is a function word ("May"): it follows a name the
    tagger reads as one, and neither a day's number nor a verb's base form
    follows ("Odile May said", never "In May", "Friday May 3", "Founders
    Day May 28" or "Velore May consider")."""
    form, _, tag, _ = previous
    lower = form.lower()
    nxt, nxt_tag = (tokens[i + 1], tags[i + 1]) if i + 1 < len(tokens) else ("", None)
    return (form[:1].isupper() and is_proper(tag) and not nxt.isdigit() and nxt_tag != "VB"
            and not nxt[:1].isupper()
            and lower not in CALENDAR_WORDS and lower not in STOPWORDS and not is_designation(lower))


def _month_in_name(token: str, opens: bool, tag: str | None, previous: RunWord) -> bool:
    """True when `token`, joining a run after `previous`, is a month kept
    in the name before it ("Odile May", "Maren June Ashby"): written
    as a name's inside its sentence, after a word written as a name's that
    the tagger reads as one and that is no day or month. A day or a month
    is otherwise outside every name (see `_pieces`). Asked of the words as
    `_word` will read them: the possessive off, a name's end capitalised."""
    lower = bare(token.lower().replace("’", "'"))
    if lower not in NAME_MONTHS or opens or not (token[:1].isupper() or tag == "NNP"):
        return False
    form, _, previous_tag, _ = previous
    previous_lower = bare(form.lower().replace("’", "'"))
    previous_upper = form[:1].isupper() or (previous_tag == "NNP" and (
        is_designation(previous_lower) or previous_lower in NAME_MONTHS))
    return previous_upper and is_proper(previous_tag) and previous_lower not in CALENDAR_WORDS


def bare(lower: str) -> str:
    """A lowercase word without its possessive: "lorne's" names Lorne."""
    return lower[:-2] if lower.endswith("'s") and len(lower) > 3 else lower


def _joins_name(token: str, tokens: list[str], i: int) -> bool:
    """True when the capitalised function word `tokens[i]` sits inside a
    name: a capitalised content word follows it ("New York")."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    return token[0].isupper() and nxt[:1].isupper() and nxt.lower() not in STOPWORDS


def _has_letter(word: str) -> bool:
    # Most words are letters only: `isalpha` answers them in C.
    return word.isalpha() or any(c.isalpha() for c in word)


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
