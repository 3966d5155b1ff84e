"""One idea written two ways: where the ideas of one page (see `ideas`)
stand for an idea another page writes otherwise, so `threads` can see the
two pages share it.

- a first name alone for the full name its page writes ("Greta" for
  "Greta Fallowby"), never a place for a longer name ("Dunmarsh" for
  "Dunmarsh Republic");
- a people's word for its place ("Iraqi" for "Iraq");
- another spelling of one word or compound: hyphenated, open or closed,
  with or without accents, singular or plural ("cell phone",
  "cell-phones", "cellphone"; "ex-fiancé", "ex-fiance");
- an initialism for the name it stands for ("LVT" for "Lake Verrin
  Trust", "CA spokesman" for "Corvane Airways");
- a longer name for the name it starts with, when its page writes that
  name alone too ("Corvane Airways Cargo" for "Corvane Airways"; a name
  ending in a number holds its start already: see `names.name_units`);
- a head noun alone, or a hyphenated compound, for the open compound its
  own page writes, when the head says too little alone ("waste", or
  "e-waste", for "electronic waste").

Each alias claims only what its page writes: the short form in what the
person marked, the long form (when it needs one) in the page's text. An
alias has no forms of its own: the thread is named as a page writes it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..sentences import stem
from .drafts import Key
from .ideas import Idea, is_specific
from .names import demonym_roots
from .terms import singular

# One group's ideas (see `threads._group_ideas`): the key citing each idea,
# the ideas in the person's own words, and the ideas by their stems.
Ideas = dict[tuple[str, ...], Idea]
Group = tuple[dict[tuple[str, ...], Key], set[tuple[str, ...]], Ideas]

# Where a compound is cut into its words: spaces and hyphens of any kind.
_JOINS = re.compile(r"[\s\-‐‑–]+")

# A spelling this short ("AI", "EU") is too often two different things.
MIN_SPELLING_CHARS = 4

# An initialism is written in capitals, two to six of them ("BA", "NASA").
_INITIALISM = re.compile(r"[A-Z]{2,6}")

# Words a name's initialism skips: "The Washington Post" is "WP".
INITIALISM_SKIPS = frozenset("of and the for on in at to de del la le & y".split())


def alias(group: Group, short: tuple[str, ...], long: tuple[str, ...], template: Idea) -> None:
    """Let the idea `short` of `group` stand for the idea `long` another
    page writes (`template`): cited where `short` is, marked where it is.

    :param group: the group to add the alias to.
    :param short: the key of the idea the group holds.
    :param long: the key it stands for.
    :param template: the idea `long` as another group holds it.
    """
    seen, marked, ideas = group
    if long in seen or short not in seen:
        return
    seen[long] = seen[short]
    if short in marked:
        marked.add(long)
    # No forms: this page writes the short form, the thread the long one.
    ideas[long] = Idea(long, {}, template.specificity, count=ideas[short].count,
                       common=template.common, name=template.name)


def _outright(ideas: Ideas) -> Ideas:
    """The ideas a page writes in words of their own (see `Idea.borrowed`)."""
    return {key: idea for key, idea in ideas.items() if idea.forms and not idea.borrowed}


def add_first_name_aliases(per_group: list[Group], texts: list[str]) -> None:
    """Let a first name written alone (a name by itself, not the start of a
    longer one: see `names`) stand for the full name another page writes,
    when its own page writes that full name too ("Greta" for "Greta
    Fallowby", never "Dunmarsh" for "Dunmarsh Republic").

    :param texts: per group, its page's whole text.
    """
    alone = {key[0] for _, _, ideas in per_group for key, idea in ideas.items()
             if len(key) == 1 and idea.name}
    full: dict[str, tuple[tuple[str, ...], Idea]] = {}
    for _, _, ideas in per_group:
        for key, idea in ideas.items():
            if len(key) > 1 and key[0] in alone and key[0] not in full and all(
                    w[:1].isupper() for w in idea.surface().split()):
                full[key[0]] = (key, idea)
    if not full:
        return
    for group, text in zip(per_group, texts):
        seen, _, ideas = group
        for key in [k for k in seen if len(k) == 1 and k[0] in full]:
            name_key, name = full[key[0]]
            if ideas[key].name and name.surface() in text:
                alias(group, key, name_key, name)


def add_place_aliases(per_group: list[Group]) -> None:
    """Let a people's word ("Iraqi", "Syrian", "Dutch", "Saudi") stand for
    the place another page names ("Iraq", "Syria", "Netherlands", "Saudi
    Arabia"), as one idea: pages on Iraqi forces and on Iraq meet on Iraq."""
    # Any casing: opening a sentence, "Iraqi forces" is written "iraqi".
    # The places those words could name, first: only they are looked up
    # among every page's ideas (most pages name no people at all).
    wanted = [[(key, demonym_roots(next(iter(ideas[key].forms)).lower()))
               for key in seen if len(key) == 1 and ideas[key].forms]
              for seen, _, ideas in per_group]
    roots = {root for group in wanted for _, found in group for root in found}
    if not roots:
        return
    places: dict[str, tuple[tuple[str, ...], Idea]] = {}
    for _, _, ideas in per_group:
        for key, idea in ideas.items():
            # An alias has no forms of its own: only what a page writes.
            if not idea.forms or idea.borrowed:
                continue
            form = next(iter(idea.forms)).lower()
            if form not in roots:
                continue
            if (len(key) == 1 and idea.name) or (len(key) > 1 and _capitalised(idea)):
                places.setdefault(form, (key, idea))
    if not places:
        return
    for group, found in zip(per_group, wanted):
        for key, key_roots in found:
            for root in key_roots:
                place_key, place = places.get(root, (None, None))
                if place_key is not None:
                    alias(group, key, place_key, place)


@lru_cache(maxsize=65536)
def spelling(form: str) -> str:
    """How `form` is spelled once hyphens, spaces, accents, case and a
    plural ending are set aside: "cell-phones", "cell phone" and
    "Cellphone" are all "cellphone"; "ex-fiancé" is "exfiance".

    :param form: an idea as a page writes it.
    """
    folded = unicodedata.normalize("NFKD", form.lower().replace("’", "'"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    parts = [p for p in _JOINS.split(folded) if p]
    if not parts:
        return ""
    parts[-1] = singular(parts[-1])
    return "".join(parts)


def add_spelling_aliases(per_group: list[Group], outright: list[Ideas] | None = None) -> None:
    """Let one spelling of an idea stand for another page's (see
    `spelling`), where their stems differ: "cellphone" and "cell phone",
    "e-mail" and "email", "French-Canadian" and "French Canadian". The
    spelling more pages write names the thread, and of those the least
    rare, so a spelling never makes an idea more specific than it is.

    :param outright: per group, its `_outright` ideas, when known.
    """
    outright = outright or [_outright(ideas) for _, _, ideas in per_group]
    spelled: dict[str, dict[tuple[str, ...], list[int]]] = {}
    # Two spellings of one idea have two keys only where one of them is
    # joined, split or accented: the plain one-word forms are looked up
    # only against those.
    plain: list[tuple[int, tuple[str, ...], str]] = []
    for g, ideas in enumerate(outright):
        for key, idea in ideas.items():
            for form in idea.forms:
                if len(key) == 1 and form.isascii() and "-" not in form:
                    plain.append((g, key, form))
                    continue
                joined = spelling(form)
                if len(joined) >= MIN_SPELLING_CHARS:
                    groups = spelled.setdefault(joined, {}).setdefault(key, [])
                    if g not in groups:
                        groups.append(g)
    if not spelled:
        return
    for g, key, form in plain:
        keys = spelled.get(spelling(form))
        if keys is not None and g not in keys.setdefault(key, []):
            keys[key].append(g)
    for keys in spelled.values():
        if len(keys) < 2:
            continue
        # The key most pages hold, then the commonest spelling: two words
        # weigh more than the one word they make ("cell phone" than
        # "cellphone"), and a pair of pages should not gain by that.
        best = max(keys, key=lambda k: (len(keys[k]), -per_group[keys[k][0]][2][k].specificity, k))
        template = per_group[keys[best][0]][2][best]
        for key, groups in keys.items():
            for g in groups:
                if key != best:
                    alias(per_group[g], key, best, template)


@lru_cache(maxsize=16384)
def initials(name: str) -> str:
    """The initialism of a name in capitals ("Corvane Airways" -> "CA"),
    or "" when some word of it is not capitalised.

    :param name: a name of two words or more.
    """
    words = [w for w in name.split() if w.lower() not in INITIALISM_SKIPS]
    if len(words) < 2 or not all(w[:1].isupper() and w[:1].isalpha() for w in words):
        return ""
    return "".join(w[0] for w in words)


def add_initialism_aliases(per_group: list[Group], texts: list[str],
                           outright: list[Ideas] | None = None) -> None:
    """Let an initialism ("CA") stand for the name another page writes
    ("Corvane Airways") when its letters are the name's initials and one
    of the two pages writes both, as articles do ("Corvane Airways (CA)"):
    a coincidence of letters is not enough.

    :param texts: per group, its page's whole text.
    :param outright: per group, its `_outright` ideas, when known.
    """
    outright = outright or [_outright(ideas) for _, _, ideas in per_group]
    # The initialism alone, or opening a phrase ("CA spokesman"): one of
    # two letters is never an idea alone. Most pages hold none: look first.
    short: list[tuple[int, tuple[str, ...], str]] = []
    for g, ideas in enumerate(outright):
        for key, idea in ideas.items():
            form = _written(idea)
            if form[1:2].isupper() and _INITIALISM.fullmatch(form.split()[0]):
                short.append((g, key, form.split()[0]))
    if not short:
        return
    wanted = {letters for _, _, letters in short}
    names: dict[str, list[tuple[int, tuple[str, ...], Idea]]] = {}
    for g, ideas in enumerate(outright):
        for key, idea in ideas.items():
            if len(key) > 1 and len(key) <= 6 and _written(idea)[:1].isupper():
                letters = initials(_written(idea))
                if letters in wanted:
                    names.setdefault(letters, []).append((g, key, idea))
    for g, key, letters in short:
        for other, name_key, name in names.get(letters, ()):
            if other != g and (name.surface() in texts[g]
                               or re.search(rf"\b{letters}\b", texts[other])):
                alias(per_group[g], key, name_key, name)
                break


def head_stem(key: tuple[str, ...], idea: Idea) -> str:
    """The stem of a one-word idea's head noun: the word itself, or the
    last part of a hyphenated one ("e-waste" -> "wast", as "waste")."""
    form = _written(idea).lower()
    if "-" not in form:
        return key[0]
    return stem(singular(form.rpartition("-")[2]))


def add_head_aliases(per_group: list[Group], texts: list[str],
                     outright: list[Ideas] | None = None) -> None:
    """Let a head noun alone stand for a compound another page writes
    ("waste" for "electronic waste"), when the head says too little on its
    own (see `is_specific`) and its page writes the compound too; so too a
    hyphenated compound for the open one ("e-waste"). A head two such
    compounds share ("Korea": "North Korea", "South Korea") is left alone.
    Names have short forms of their own (a surname, a first name): here
    only common nouns.

    :param texts: per group, its page's whole text.
    :param outright: per group, its `_outright` ideas, when known.
    """
    outright = outright or [_outright(ideas) for _, _, ideas in per_group]
    compounds: dict[str, dict[tuple[str, ...], Idea]] = {}
    for ideas in outright:
        for key, idea in ideas.items():
            if len(key) > 1:
                compounds.setdefault(key[-1], {}).setdefault(key, idea)
    if not compounds:
        return
    for group, text, ideas in zip(per_group, texts, outright):
        seen = group[0]
        for key, idea in ideas.items():
            if len(key) != 1 or (key[0] not in compounds and not any("-" in f for f in idea.forms)):
                continue
            head = head_stem(key, idea)
            if head not in compounds or (head == key[0] and is_specific(idea)) or _capitalised(idea):
                continue
            written = [(k, c) for k, c in compounds[head].items()
                       if (k in seen or any(f in text for f in c.forms)) and not _capitalised(c)]
            if len(written) == 1:
                alias(group, key, *written[0])


def _written(idea: Idea) -> str:
    """The idea as its page writes it (`Idea.surface`, quick for the one
    form most ideas have)."""
    forms = idea.forms
    return next(iter(forms)) if len(forms) == 1 else idea.surface()


def _capitalised(idea: Idea) -> bool:
    """True when every word of the idea, as written, is capitalised."""
    form = _written(idea)
    return form[:1].isupper() and all(w[:1].isupper() for w in form.split())


def add_prefix_aliases(per_group: list[Group], texts: list[str],
                       outright: list[Ideas] | None = None) -> None:
    """Let a longer name a page writes ("Corvane Airways Cargo", "Serra
    Valley Almanac") stand for the name at its start another page writes
    alone ("Corvane Airways", "Serra Valley"), when its own page
    writes that name alone too, not only inside the longer one: a page
    that cites only the "Dunmarsh Republic" never meets one on Dunmarsh.

    :param texts: per group, its page's whole text.
    :param outright: per group, its `_outright` ideas, when known.
    """
    outright = outright or [_outright(ideas) for _, _, ideas in per_group]
    names: dict[tuple[str, ...], Idea] = {}
    for ideas in outright:
        for key, idea in ideas.items():
            if (len(key) > 1 or idea.name) and _capitalised(idea):
                names.setdefault(key, idea)
    if not names:
        return
    firsts = {key[0] for key in names}
    for group, text in zip(per_group, texts):
        seen, _, ideas = group
        for key, idea in list(ideas.items()):
            if len(key) < 2 or key[0] not in firsts or not idea.forms:
                continue
            starts = [k for k in range(len(key) - 1, 0, -1)
                      if key[:k] in names and key[:k] not in seen]
            if not starts or not _capitalised(idea):
                continue
            whole = idea.surface()
            for k in starts:
                part = names[key[:k]].surface()
                if whole.startswith(part + " ") and text.count(part) > text.count(whole):
                    alias(group, key, key[:k], names[key[:k]])
                    break


def add_aliases(per_group: list[Group], texts: list[str] | None = None) -> None:
    """Every alias above, in order: spellings first, so the others meet
    one idea however it is spelled.

    :param texts: per group, its page's whole text; without them only
        the aliases that need no page text.
    """
    outright = [_outright(ideas) for _, _, ideas in per_group]
    add_spelling_aliases(per_group, outright)
    if texts:
        add_first_name_aliases(per_group, texts)
    add_place_aliases(per_group)
    if texts:
        add_initialism_aliases(per_group, texts, outright)
        add_prefix_aliases(per_group, texts, outright)
        add_head_aliases(per_group, texts, outright)
