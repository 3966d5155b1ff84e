"""The frame around the sources' own sentences: the title and the
introduction, in the sources' language (`vocabulary`); the conclusion is
in `closing`.

The frame claims only what `relatedness` found: unrelated pages get a
title that is the lead page's own headline and an introduction that says
they stand apart; linked pages are named with the threads they share.
"""

from __future__ import annotations

from .drafts import Draft, Key, ThreadDraft
from .models import Source
from .rarity import zipf
from .reading import Reading
from .relatedness import SINGLE, STORY, THEME, Relation
from .titles import title_of
from .terms import has_final_consonant
from .vocabulary import phrase, quoted

# How many source titles a framing sentence names before "and N more".
NAMED_SOURCES = 4

# A single everyday word ("Lanes", Zipf 4.0) is true but thin as a title;
# a rare term ("Groundwater", 3.4) or a name still says what the pages share.
TITLE_WORD_ZIPF = 3.6


def names(sources: list[Source], indices: list[int], lang: str = "en") -> tuple[str, list[Key]]:
    """“Title A”, “Title B” and 2 more: the sources at `indices`, and the
    keys citing the ones named."""
    named = indices[:NAMED_SOURCES]
    titles = [quoted(lang, title_of(sources[i])) for i in named]
    rest = len(indices) - len(named)
    if rest:
        titles.append(phrase(lang, "more", n=rest))
    return and_list(titles, lang), [(i, None) for i in named]


def and_list(items: list[str], lang: str = "en") -> str:
    """"a, b and c" (in `lang`)."""
    if len(items) <= 1:
        return "".join(items)
    comma = "、" if lang in ("ja", "zh") else ", "
    joiner = phrase(lang, "and")
    if lang == "ko" and has_final_consonant(items[-2]):
        joiner = "과 "  # "와" follows a vowel, "과" a consonant
    return comma.join(items[:-1]) + joiner + items[-1]


def title(sources: list[Source], reading: Reading, relation: Relation, threads: list[ThreadDraft]) -> str:
    """The hatch's title: the shared subject in the threads' own words when
    the pages share a theme; otherwise the lead page's own headline (one
    story, one page, or pages that stand apart)."""
    lead = title_of(sources[reading.used[0]])
    if relation.kind != THEME or not threads:
        return lead
    # A plain common word joined to an idea makes a keyword pair, not a
    # subject ("Life-threatening allergy and spread"): it is left out.
    shared = [t.phrase for t in threads[:2]
              if len(t.sources) > 1 and not _thin_title(t.phrase, reading.lang)]
    if not shared:
        return lead
    topic = and_list(shared, reading.lang)
    return topic[:1].upper() + topic[1:]


def _thin_title(thread: str, lang: str) -> bool:
    """True when the thread is one common lowercase word: it would title
    the hatch truly but say little ("Lanes")."""
    words = thread.split()
    return len(words) == 1 and not thread[:1].isupper() and zipf(thread, lang) >= TITLE_WORD_ZIPF


def introduction(sources: list[Source], reading: Reading, relation: Relation,
                 threads: list[ThreadDraft]) -> list[Draft]:
    """What the hatch is drawn from and how its pages relate."""
    used, lang = reading.used, reading.lang
    named, keys = names(sources, used, lang)
    n = len(used)
    if relation.kind == SINGLE:
        count = reading.highlight_count
        what = (phrase(lang, "what_many", n=count) if count > 1
                else phrase(lang, "what_one") if count == 1 else phrase(lang, "what_none"))
        out = [Draft(phrase(lang, "single", names=named, what=what), keys)]
        if threads:
            out.append(Draft(phrase(lang, "recurring", phrase=quoted(lang, threads[0].phrase)),
                             list(threads[0].keys)))
        return out
    if not relation.linked:
        return [Draft(phrase(lang, "unrelated", n=n, names=named), keys)]
    out = [Draft(phrase(lang, "story" if relation.kind == STORY else "theme", n=n, names=named), keys)]
    if threads:
        # The thread most pages share, the stronger of equals: "They meet
        # on X" claims breadth ("drone" in all three before a name in two).
        top = max(threads, key=lambda t: len(t.sources))
        text = (phrase(lang, "strongest_all", phrase=quoted(lang, top.phrase))
                if len(top.sources) >= n
                else phrase(lang, "strongest_some", phrase=quoted(lang, top.phrase),
                            k=len(top.sources), n=n))
        out.append(Draft(text, list(top.keys)))
    if relation.apart:
        apart, apart_keys = names(sources, relation.apart, lang)
        out.append(Draft(phrase(lang, "apart", names=apart), apart_keys))
    return out
