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

from ..sentences import STOPWORDS, stem
from .rarity import zipf

# Longest idea, in words.
MAX_IDEA_WORDS = 4

# A single word names an idea only when it is at most this common (Zipf):
# "groundwater" 3.4, "saudi" 4.3 and "pollution" 4.2 do; "early" 5.4 and
# "tuesday" 4.6 do not. Tuned on the tune half of the news clusters.
SINGLE_WORD_ZIPF = 4.4

# A name (capitalised inside a sentence every time it is seen) may be a
# little commoner: "Obama" 4.9, "Trump" 4.9.
NAME_ZIPF = 5.0

# A phrase of several words names an idea when its rarest word is at most
# this common: "air pollution" and "index funds" do, "young people" and
# "last week" do not.
PHRASE_ZIPF = 5.0

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

    @property
    def words(self) -> int:
        """How many words the idea has."""
        return len(self.stems)

    def surface(self) -> str:
        """The idea as the text writes it most often (casing kept)."""
        return min(self.forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _runs(text: str) -> list[list[tuple[str, bool]]]:
    """Runs of content words inside clauses, each word with whether it
    opens its sentence. A capitalised function word joins a run when a
    capitalised word follows ("New York", "Bank Of"), so names stay whole."""
    runs: list[list[tuple[str, bool]]] = []
    run: list[tuple[str, bool]] = []
    tokens = _TOKEN.findall(text)
    opens = True
    for i, token in enumerate(tokens):
        if token in _CLAUSE_END or not token[0].isalnum():
            if run:
                runs.append(run)
            run = []
            opens = opens or token in ".!?。！？\"“”"
            continue
        lower = token.lower()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        joins_name = token[0].isupper() and nxt[:1].isupper() and nxt.lower() not in STOPWORDS
        if (lower in STOPWORDS and not joins_name) or len(lower) < 2 or lower.isdigit():
            if run:
                runs.append(run)
            run = []
        else:
            run.append((token, opens))
        opens = False
    if run:
        runs.append(run)
    return runs


def _is_name(word: str, opens: bool) -> bool:
    return word[:1].isupper() and not opens


def ideas_in(text: str, lang: str = "en") -> dict[tuple[str, ...], Idea]:
    """The ideas of `text`, by stems.

    :param text: any text: highlights, their paragraphs and notes.
    :param lang: the text's language code, for word rarity.
    """
    found: dict[tuple[str, ...], Idea] = {}
    for run in _runs(text):
        stems = [stem(w.lower()) for w, _ in run]
        for n in range(1, MAX_IDEA_WORDS + 1):
            for i in range(len(run) - n + 1):
                piece = run[i : i + n]
                if not _allowed(piece, lang):
                    continue
                key = tuple(stems[i : i + n])
                idea = found.get(key)
                if idea is None:
                    spec = sum(7.0 - min(7.0, zipf(w, lang)) for w, _ in piece)
                    idea = found[key] = Idea(key, specificity=spec)
                idea.count += 1
                form = " ".join(w for w, _ in piece)
                if piece[0][1] and not _is_name_form(piece, lang):
                    form = form[:1].lower() + form[1:]
                idea.forms[form] = idea.forms.get(form, 0) + (1 if piece[0][1] else 2)
    return found


def _is_name_form(piece: list[tuple[str, bool]], lang: str) -> bool:
    """True when a sentence-initial run reads as a name anyway: every word
    capitalised and the first one no common word."""
    return len(piece) > 1 and all(w[:1].isupper() for w, _ in piece) or zipf(piece[0][0].lower(), lang) < 3.0


def _allowed(piece: list[tuple[str, bool]], lang: str) -> bool:
    """True when the words `piece` name an idea (see the module's doc)."""
    first, last = piece[0][0], piece[-1][0]
    if first.lower() in STOPWORDS or last.lower() in STOPWORDS:
        # A capitalised function word may sit inside a name, not at its end
        # ("New York" yes, "York New" no); at its start only as a name.
        if last.lower() in STOPWORDS or not first[:1].isupper():
            return False
    if first.isdigit() or last.isdigit():
        return False
    if len(piece) == 1:
        word, opens = piece[0]
        if len(word) < MIN_WORD_CHARS:
            return False
        common = zipf(word.lower(), lang)
        return common <= SINGLE_WORD_ZIPF or (_is_name(word, opens) and common <= NAME_ZIPF)
    rarest = min(zipf(w.lower(), lang) for w, _ in piece if w.lower() not in STOPWORDS)
    names = all(w[:1].isupper() for w, _ in piece)
    return rarest <= PHRASE_ZIPF or (names and not piece[0][1])
