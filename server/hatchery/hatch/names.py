"""Names kept whole: where a phrase may start and end inside a proper noun.

A run of capitalised words ("Special Counsel Corin Hallet") is one name,
perhaps behind a title. A thread cut out of it reads as a mistake:
"Special Counsel Corin" ends before the surname, "Counsel Corin Hallet"
starts inside the title. So a phrase that touches a name must hold all of
it past its titles ("Corin Hallet"), or only its last word (a surname
alone, "Hallet", as later mentions write it), and must never end inside
it. Words before a title name something of their own ("FBI" in "FBI
Director Anselm Kray"). A sentence's first word is capitalised anyway, so
a name may also start one word later when it opens the sentence
("Yesterday Edda Lorne").
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

# Words that title a person rather than name them: "President Edda
# Lorne" names Edda Lorne. Lowercase.
TITLE_WORDS = frozenset(
    """
    president counsel minister senator sen rep representative congressman
    congresswoman gov governor secretary attorney judge mayor sheriff
    detective sgt sergeant capt captain lieutenant lt colonel col commander
    admiral pastor rev reverend bishop cardinal pope king queen prince
    princess sir lord lady dame mr mrs ms dr prof professor coach ceo
    chairman chairwoman chancellor spokesman spokeswoman ambassador
    director commissioner superintendent inspector administrator
    """.split()
)

# Words that title someone only after another title ("Attorney General",
# "Chief Justice", "Vice President"): alone they start names ("General
# Motors", "Justice Department", "Prime Video").
AFTER_TITLE_WORDS = frozenset("general justice chief vice prime special deputy first former acting".split())

# Function words that, capitalised, open a sentence rather than a name
# ("On Friday", "The White House"); "New" in "New York" is no such word.
OPENERS = frozenset("the a an on in at of for and but or to by from with as after before when".split())

# How a people's or language's word ends where its place's name ends
# otherwise: "Syrian" is of Syria, "Iraqi" of Iraq, "Chinese" of China,
# "Ukrainian" of Ukraine, "Italian" of Italy.
# Lowercase; irregular ones ("Dutch") are in IRREGULAR_DEMONYMS.
DEMONYM_ENDINGS = (
    ("ian", ("ia", "a", "", "e", "y")), ("an", ("a", "o", "")), ("ese", ("a", "", "on")),
    ("ish", ("ey", "and", "en")), ("i", ("",)), ("n", ("",)),
)

# People's words that are not their place's name with an ending changed
# ("Dutch" of the Netherlands) or whose place has a name of two words
# ("Saudi" of Saudi Arabia). Lowercase; those too common to be an idea
# alone ("British", "French": see `wording`) would never be looked up.
IRREGULAR_DEMONYMS = {
    "afghan": ("afghanistan",), "argentine": ("argentina",), "argentinian": ("argentina",),
    "danish": ("denmark",), "dutch": ("netherlands",),
    "emirati": ("united arab emirates",), "filipino": ("philippines",), "finnish": ("finland",),
    "greek": ("greece",), "haitian": ("haiti",), "irish": ("ireland",),
    "norwegian": ("norway",), "peruvian": ("peru",), "polish": ("poland",),
    "portuguese": ("portugal",), "saudi": ("saudi arabia",), "scottish": ("scotland",),
    "spanish": ("spain",), "swedish": ("sweden",), "swiss": ("switzerland",),
    "thai": ("thailand",), "welsh": ("wales",),
}

# Words after a surname that say which of a family's namesakes is meant
# ("Harlan Ives Ostby Jr", "Corin Hallet III"): the surname before
# them is the short form later mentions use. Lowercase.
SUFFIX_WORDS = frozenset("jr sr ii iii iv".split())

# The longest name kept whole, in words: longer capitalised runs are a
# headline's words in title case, not one name, and are not guarded.
MAX_NAME_WORDS = 5


@lru_cache(maxsize=8192)
def demonym_roots(word: str) -> tuple[str, ...]:
    """The place names `word` may be the people's word of, lowercase:
    "iraqi" -> ["iraq"], "mexican" -> [..., "mexico", ...]. Which one is
    real depends on the pages: a thread needs another page to write it.

    :param word: one word, lowercase.
    """
    out = list(IRREGULAR_DEMONYMS.get(word, ()))
    for ending, replacements in DEMONYM_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3:
            out.extend(stem + r for r in replacements)
    return tuple(out)


def _is_title(lowers: Sequence[str], k: int) -> bool:
    """True when the word at `k` is a title in its place."""
    word = lowers[k]
    if word in TITLE_WORDS:
        return True
    return word in AFTER_TITLE_WORDS and k > 0 and (
        lowers[k - 1] in TITLE_WORDS or lowers[k - 1] in AFTER_TITLE_WORDS)


def title_block(lowers: Sequence[str]) -> tuple[int, int] | None:
    """The last run of title words in a name, as [start, end), or None:
    "Former Vice President Tamsin Welk" has (0, 3), "FBI Director Anselm
    Kray" (1, 2), "Velore Gov" (1, 2).

    :param lowers: the name's words, lowercase.
    """
    last = max((k for k in range(len(lowers)) if _is_title(lowers, k)), default=-1)
    if last < 0:
        return None
    first = last
    while first > 0 and (lowers[first - 1] in TITLE_WORDS or lowers[first - 1] in AFTER_TITLE_WORDS):
        first -= 1
    return first, last + 1


def inner_names(s: int, e: int, lowers: Sequence[str]) -> set[tuple[int, int]]:
    """The [start, end) tails of the capitalised run [s, e) of two words or
    more that may be a name of their own inside it, opened by an ordinary
    capitalised word: "Camp Tobin Ashgrove" holds "Tobin Ashgrove".
    Whether one is depends on other pages: a tail is a name where another
    page writes it alone (see `threads`), so "York Times" never is.

    :param lowers: the words of the whole run of text, lowercase.
    """
    if title_block(lowers[s:e]) is not None:
        return set()  # the title says where the name starts
    return {(k, e) for k in range(s + 1, e - 1)}


def is_designation(lower: str) -> bool:
    """True for a number or a single letter inside a name, as `ideas` lets
    one end a name ("Boeing 737", "Model S"): a model, a mission, a number."""
    return lower.isdigit() or (len(lower) == 1 and lower.isalpha())


def name_units(s: int, e: int, lowers: Sequence[str], opens: bool) -> set[tuple[int, int]]:
    """The [start, end) pieces of the capitalised run [s, e) that name
    something whole (see the module's doc).

    :param lowers: the words of the whole run of text, lowercase.
    :param opens: whether the run's first word opens its sentence.
    """
    block = title_block(lowers[s:e])
    if block is None or block == (0, e - s):
        units = {(s, e), (e - 1, e)}
        # A sentence's first word is capitalised anyway.
        if opens:
            units.add((s + 1, e))
        if e - s > 1 and lowers[e - 1] in SUFFIX_WORDS:
            # "Hallet III" is Hallet; "Harlan Ives Ostby Jr" is Ostby.
            units = (units - {(e - 1, e)}) | {(s, e - 1), (e - 2, e - 1)}
        marks = [k for k in range(s + 1, e) if is_designation(lowers[k])]
        if marks:
            # "Boeing 737 Max" is also Boeing; "Tesla Model S" is Tesla and
            # the "Model S" later sentences write: the name before the
            # number or letter and the word it follows, and from that word.
            k = marks[0]
            units |= {(s, max(s + 1, k - 1)), (k - 1, e)}
        return units
    b0, b1 = s + block[0], s + block[1]
    # The words before the title name a place or a body ("Velore",
    # "FBI"); after it, the person ("Bram Tolliver", "Tolliver"). No unit
    # ends on the title: "Velore Gov" is cut before the governor's name.
    units: set[tuple[int, int]] = set()
    if b0 > s:
        units |= {(s, b0), (b0 - 1, b0)}
    if b1 < e:
        units |= {(b1, e), (e - 1, e)}
    return units


class NameSpans:
    """The names of one run of words, asked piece by piece.

    :param upper: per word, whether it is capitalised.
    :param lowers: per word, its lowercase form.
    :param opens: per word, whether it opens its sentence.
    :param ends_name: per word, whether a name stops after it (a
        possessive: "Lorne's lawyer Piet Danvers" holds two names).
    :param outside: per word, whether it is never part of a name though
        capitalised: a function word opening one ("On", "The") or a day
        or month ("On Friday Special Counsel Corin Hallet").
    """

    def __init__(self, upper: Sequence[bool], lowers: Sequence[str],
                 opens: Sequence[bool], ends_name: Sequence[bool],
                 outside: Sequence[bool]) -> None:
        n = len(upper)
        self._upper, self._lowers = upper, lowers
        # Per word, the span holding it as (start, end), or None.
        self._span: list[tuple[int, int] | None] = [None] * n
        self._units: dict[tuple[int, int], set[tuple[int, int]]] = {}
        self._inner: dict[tuple[int, int], set[tuple[int, int]]] = {}
        i = 0
        while i < n:
            if not upper[i] or outside[i]:
                i += 1
                continue
            j = i + 1
            while j < n and upper[j] and not ends_name[j - 1] and not outside[j]:
                j += 1
            if 1 < j - i <= MAX_NAME_WORDS:
                self._units[(i, j)] = name_units(i, j, lowers, opens[i])
                self._inner[(i, j)] = inner_names(i, j, lowers) - self._units[(i, j)]
                for k in range(i, j):
                    self._span[k] = (i, j)
            i = j

    def is_inner(self, i: int, j: int) -> bool:
        """True when the piece [i, j) holds a name only as the tail of a
        longer one (see `inner_names`): a name only where another page
        writes it alone."""
        return any(span is not None and (max(i, span[0]), min(j, span[1])) in self._inner[span]
                   for span in {self._span[k] for k in range(i, j)})

    @property
    def whole(self) -> set[tuple[int, int]]:
        """Every piece that names something whole, however long."""
        return set().union(*self._units.values())

    def allows(self, i: int, j: int) -> bool:
        """True when the piece of words [i, j) cuts no name: its part inside
        each name it touches is a whole unit of that name.

        :param i: the piece's first word.
        :param j: one past its last word.
        """
        for span in {self._span[k] for k in range(i, j)}:
            if span is not None and (max(i, span[0]), min(j, span[1])) not in self._units[span] \
                    and not self.is_inner(i, j):
                return False
        # A lowercase title before a name ("special counsel Corin
        # Hallet") is no part of it either.
        return not (j - i > 1 and not self._upper[i] and _is_title(self._lowers, i)
                    and any(self._upper[k] for k in range(i + 1, j)))
