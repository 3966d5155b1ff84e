"""Common threads: ideas (see `ideas`) that several sources hold in what
the person marked: their highlights, the paragraphs around them, their
notes and tags. A note that names another page's idea makes a thread.

A thread claims only the sources whose marked text holds it, and cites in
each the highlight (or note) that holds it; on pages already linked that
share no such idea, a page's headline and lead may hold it for that page
(`subject_candidates`). Fewer, truer threads: at most
`plan.threads`, none inside a better one ("index funds" and "funds").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..sentences import STOPWORDS, split_blocks, split_sentences
from .aliases import add_aliases
from .drafts import Key, ThreadDraft
from .ideas import SINGLE_WORD_ZIPF, Idea, ideas_in, is_specific
from .models import Source
from .passages import Passage
from .plan import Plan
from .speech import penn_tags
from .titles import title_of

# A thread seen in a highlight or a note itself (not only in the paragraph
# around it) is what the person cared about.
MARKED_BONUS = 0.5

# A page's headline and its first sentences say what the whole page is
# about: every highlight on it sits under them.
LEAD_SENTENCES = 2

# Each extra use adds a little, up to REPEAT_CAP uses.
REPEAT_BONUS = 0.1
REPEAT_CAP = 10


def tag_text(tag: str) -> str:
    """A tag as words: "deep-work" and "deep_work" read "deep work"."""
    return " ".join(tag.replace("-", " ").replace("_", " ").split())


@dataclass
class Holder:
    """One piece of what the person marked on a source: the key citing it,
    the ideas in its own words (highlight, note, tags) and in its paragraph,
    and those words and that paragraph as text."""

    key: Key
    own: dict[tuple[str, ...], Idea]
    near: dict[tuple[str, ...], Idea]
    text: str = ""


def holders(index: int, source: Source, passages: list[Passage], focus: str, lang: str) -> list[Holder]:
    """What the person marked on the source at `index`, piece by piece; a
    page picked without highlights is one piece, its weighed text."""
    out = []
    for p in passages:
        h = p.highlight
        own = " \n".join([h.text, h.note or "", *(tag_text(t) + "." for t in h.tags)])
        paragraph = " ".join(p.before + p.sentences + p.after)
        if h.context and h.context.strip() and not paragraph.strip():
            paragraph = h.context
        out.append(Holder((index, h.id), ideas_in(own, lang), ideas_in(paragraph, lang),
                          own + " \n" + paragraph))
    if not out:
        out.append(Holder((index, None), {}, ideas_in(focus, lang), focus))
    return out


class MarkedTexts:
    """Per group of holders, what the person marked on it as one text,
    joined when first asked for: only the few ideas that become threads
    need it (joining every group's text each hatch was a tenth of a warm
    one)."""

    def __init__(self, groups: list[list[Holder]]) -> None:
        self.groups = groups
        self.joined: dict[int, str] = {}

    def __getitem__(self, g: int) -> str:
        text = self.joined.get(g)
        if text is None:
            text = self.joined[g] = " \n".join(h.text for h in self.groups[g])
        return text


@dataclass
class Shared:
    """An idea and the sources (by holder group) that hold it, with what
    the person marked on each of them as text."""

    idea: Idea
    groups: list[int]
    keys: list[Key]
    own: list[bool]
    count: int
    marked_texts: MarkedTexts | None = None

    @property
    def texts(self) -> list[str]:
        """Per group holding the idea, what the person marked on it."""
        if self.marked_texts is None:
            return []
        return [self.marked_texts[g] for g in self.groups]

    @property
    def marked(self) -> bool:
        """True when some source holds it in the person's own words."""
        return any(self.own)


def _group_ideas(group: list[Holder]) -> tuple[dict, set, dict]:
    """One group's ideas: the key citing each (its own words first), the
    ideas in the person's own words, and each idea."""
    seen: dict[tuple[str, ...], Key] = {}
    marked: set[tuple[str, ...]] = set()
    ideas: dict[tuple[str, ...], Idea] = {}
    for holder in group:
        for key, idea in holder.own.items():
            if key not in marked:
                seen[key] = holder.key
                marked.add(key)
            ideas.setdefault(key, idea)
        for key, idea in holder.near.items():
            seen.setdefault(key, holder.key)
            ideas.setdefault(key, idea)
    return seen, marked, ideas


def shared_ideas(groups: list[list[Holder]], min_groups: int = 2,
                 texts: list[str] | None = None) -> list[Shared]:
    """The ideas held by at least `min_groups` of `groups`, each with the
    key that holds it in every group (its own words first).

    :param texts: per group, its page's whole text, for first names.
    """
    found: dict[tuple[str, ...], Shared] = {}
    per_group = [_group_ideas(group) for group in groups]
    marked_texts = MarkedTexts(groups)
    add_aliases(per_group, texts)
    # Most ideas are in one group only: count first, build only the shared.
    held = Counter(key for seen, _, _ in per_group for key in seen)
    borrowed = _borrowed_only(groups)
    for g, (seen, marked, ideas) in enumerate(per_group):
        for key, holder_key in seen.items():
            if held[key] < min_groups or key in borrowed:
                continue
            idea = ideas[key]
            entry = found.get(key)
            if entry is None:
                entry = found[key] = Shared(Idea(key, {}, idea.specificity, common=idea.common),
                                            [], [], [], 0, marked_texts)
            entry.idea.name = entry.idea.name or idea.name or _reads_as_name(idea)
            for form, n in idea.forms.items():
                entry.idea.forms[form] = entry.idea.forms.get(form, 0) + n
            entry.groups.append(g)
            entry.keys.append(holder_key)
            entry.own.append(key in marked)
            entry.count += idea.count
    return [s for s in found.values() if len(s.groups) >= min_groups and s.idea.forms]


def _reads_as_name(idea: Idea) -> bool:
    """True when a one-word idea is written as a name: capitalised as its
    page writes it most ("Lorne said" opens a sentence, yet the tagger
    reads a name there and keeps the capital: see `ideas_in`), though
    every use opened a sentence."""
    return idea.words == 1 and bool(idea.forms) and idea.surface()[:1].isupper()


def _borrowed_only(groups: list[list[Holder]]) -> set[tuple[str, ...]]:
    """Ideas no group holds outright (see `Idea.borrowed`): "Tobin
    Ashgrove" is a thread where one page writes "Camp Tobin Ashgrove" and
    another "Tobin Ashgrove", never where both write only "Camp Tobin
    Ashgrove"; "electronics" is one where a page writes it and another
    "electronic products"."""
    borrowed, outright = set(), set()
    for group in groups:
        for holder in group:
            for ideas in (holder.own, holder.near):
                for key, idea in ideas.items():
                    (borrowed if idea.borrowed else outright).add(key)
    return borrowed - outright


def thread_score(shared: Shared) -> float:
    """How strong a thread is: how many sources hold it, how specific it is,
    whether the person's own words hold it, how often it is used."""
    score = len(shared.groups) * shared.idea.specificity
    score *= 1 + (MARKED_BONUS if shared.marked else 0.0)
    return score * (1 + REPEAT_BONUS * min(shared.count, REPEAT_CAP))


def best_threads(candidates: list[Shared], limit: int) -> list[Shared]:
    """The strongest `limit` candidates, none nested in a stronger one."""
    ranked = sorted(candidates, key=lambda s: (-thread_score(s), s.idea.stems))
    kept: list[Shared] = []
    for cand in ranked:
        if len(kept) >= limit:
            break
        words = _singular(cand.idea.stems)
        if any(words <= _singular(k.idea.stems) or _singular(k.idea.stems) <= words for k in kept):
            continue
        kept.append(cand)
    return kept


def _singular(stems: tuple[str, ...]) -> set[str]:
    """Stems with a plural ending cut, so "lane" and "lanes" (stemmed
    "lane" and "lan") are one thread."""
    return {s[:-1] if s.endswith("e") and len(s) > 3 else s for s in stems} | {
        s.rstrip("s") for s in stems}


def thread_candidates(
    sources: list[Source],
    used: list[int],
    passages: dict[int, list[Passage]],
    focus: dict[int, str],
    lang: str,
) -> list[Shared]:
    """Every idea that could be a thread of the used sources: held by two
    of them (or, with one source, by two of its highlights).

    :param sources: the picked pages.
    :param used: indices of the sources with something to hatch.
    :param passages: per used source, its highlights' passages.
    :param focus: per used source, the text the hatch weighs.
    :param lang: the sources' language, for word rarity.
    """
    groups = [holders(i, sources[i], passages[i], focus[i], lang) for i in used]
    if len(used) > 1:
        return shared_ideas(groups, texts=[sources[i].text or "" for i in used])
    # One source: ideas that recur across its highlights (each highlight a
    # group of its own; a paragraph two highlights share counts once).
    single = []
    seen_paragraphs: set[frozenset] = set()
    for holder in groups[0]:
        near = frozenset(holder.near)
        if near in seen_paragraphs:
            holder = Holder(holder.key, holder.own, {}, holder.text)
        seen_paragraphs.add(near)
        single.append([holder])
    return shared_ideas(single)


def subject_text(source: Source) -> str:
    """What a page says it is about: its headline and the first sentences
    of its article."""
    blocks = [b for b in split_blocks(source.text) if b.strip()]
    lead = split_sentences(blocks[0])[:LEAD_SENTENCES] if blocks else []
    return " \n".join([title_of(source) + ".", *lead])


def subject_candidates(
    sources: list[Source],
    linked: list[int],
    passages: dict[int, list[Passage]],
    focus: dict[int, str],
    lang: str,
) -> list[Shared]:
    """Ideas a page's subject (see `subject_text`) shares with what the
    person marked on another page: "Lake Verrin" where one page's highlight
    names the lake and the other page's highlights, on its farms' water
    quotas, sit under a headline that does. Every idea is in the
    highlights or their paragraphs of one page at least.

    :param linked: indices of the sources `relatedness` links, two or more.
    """
    groups = []
    for i in linked:
        subject = subject_text(sources[i])
        groups.append(holders(i, sources[i], passages[i], focus[i], lang)
                      + [Holder((i, None), {}, ideas_in(subject, lang), subject)])
    shared = shared_ideas(groups, texts=[sources[i].text or "" for i in linked])
    return [s for s in shared if any(key[1] is not None for key in s.keys)]


def pick_threads(candidates: list[Shared], used: list[int], limit: int,
                 word_zipf: float = SINGLE_WORD_ZIPF, lang: str = "en") -> list[ThreadDraft]:
    """The strongest `limit` specific candidates (see `is_specific`) as
    threads, with source indices and keys into the picked sources, each
    named as its pages write it (see `with_head`).

    :param word_zipf: how common a one-word thread may be.
    :param lang: the sources' language, for the head noun of a name.
    """
    # Across pages, an idea more of them hold may be a commoner word; the
    # highlights of one page repeat its words anyway.
    specific = [c for c in candidates
                if is_specific(c.idea, word_zipf, len(c.groups) if len(used) > 1 else 2)]
    if len(used) > 1:
        # An idea no page holds in the person's own words, only in the
        # paragraphs around them, is a thread only when no other is.
        specific = [c for c in specific if c.marked] or specific
    out = []
    for s in best_threads(specific, limit):
        if len(used) > 1:
            indices, keys, own = [used[g] for g in s.groups], s.keys, tuple(s.own)
        else:
            indices, keys, own = [used[0]], list(dict.fromkeys(s.keys)), (s.marked,)
        phrase = with_head(s.idea.surface(), s.texts, lang) if s.idea.words == 1 else s.idea.surface()
        out.append(ThreadDraft(phrase, indices, keys, own, s.idea.specificity))
    return out


# The word after a name, when a space and a word follow it. Linear: one
# run of spaces, one run of letters, nothing nested.
_NEXT_WORD = r"(?![\w-])(?:\s+([^\W\d_]+))?"


def with_head(name: str, texts: list[str], lang: str = "en") -> str:
    """A one-word name as its pages write it with its head noun: "Serra
    river" where every use of "Serra" in what the person marked on every
    page is followed by "river" (a lowercase noun), else `name` as it is:
    "Millbrook" where one page writes "Millbrook dam" and another
    "Millbrook reservoir". English only: the tagger says what a noun is.

    :param name: the thread as its pages write it, one word.
    :param texts: per page the thread runs through, what the person marked.
    :param lang: the pages' language.
    """
    if not name[:1].isupper() or not texts:
        return name
    pattern = re.compile(r"(?<![\w-])" + re.escape(name) + _NEXT_WORD)
    heads: set[str | None] = set()
    for text in texts:
        found = [m.group(1) for m in pattern.finditer(text)]
        if not found:
            return name
        heads.update(found)
        if len(heads) > 1:
            return name
    head = next(iter(heads))
    if head is None or not head.islower() or head in STOPWORDS:
        return name
    tags = penn_tags([name, head], lang)
    if not tags or tags[1] not in ("NN", "NNS"):
        return name
    return f"{name} {head}"
