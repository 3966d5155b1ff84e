"""The offline engine: a hatch built only from the sources' own sentences.

Every sentence of a local hatch is either a sentence of a source (a
highlighted one, cited to its highlight, or one around it or from the
article, cited to the page) or a short framing sentence that names sources
and threads and cites the pages it names. Nothing is generated beyond that,
so nothing can be unattributed.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from .advice import advice_strength, is_advice
from .debris import clean_sentences, is_debris
from .models import Citation, Hatch, NothingToHatch, Section, Sentence, Source, Thread
from .passages import Passage, highlight_passages
from .plan import Plan
from .rank import Unit, overlap, select, term_weights
from ..sentences import content_stems, normalise, split_blocks, split_sentences
from .themes import find_threads

LOGGER = logging.getLogger(__name__)

# (source index, highlight id or None for the page's article text)
Key = tuple[int, "str | None"]

# A sentence sharing more than this fraction of content stems with one
# already in the hatch is left out (highlights are kept unless nearly equal).
CONTEXT_REDUNDANCY = 0.6
HIGHLIGHT_REDUNDANCY = 0.85

# The person's note is woven in after the sentence it is on, marked so.
NOTE_PREFIX = "My note: "

# Paragraphs either side of a highlighted one that count as its
# neighbourhood (for weights, threads and the conclusion). 0: the paragraphs
# that hold highlights, as `SourceHighlight.context` is defined.
FOCUS_BLOCKS = 0

# Advice ranking: a highlighted sentence counts ADVICE_HIGHLIGHT_FACTOR times
# one from its paragraph (the person chose it); each thread word it uses adds
# ADVICE_THREAD_BONUS (advice on the shared theme first); salience only
# breaks ties.
ADVICE_HIGHLIGHT_FACTOR = 2.0
ADVICE_THREAD_BONUS = 0.5
ADVICE_SALIENCE_TIEBREAK = 0.01

# When a section must drop highlights (short lengths), a highlight with a
# note counts NOTE_FACTOR times: the person wrote about it.
NOTE_FACTOR = 2.0

# How many source titles a framing sentence names before "and N more".
NAMED_SOURCES = 4


@dataclass
class Draft:
    """A sentence before citation numbers are given."""

    text: str
    keys: list[Key]
    stems: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not self.stems:
            self.stems = frozenset(content_stems(self.text))


@dataclass
class _SectionDraft:
    source: int
    paragraphs: list[list[Draft]]


class _Ledger:
    """Every sentence already in the hatch, to keep each one only once.

    Drafts are indexed by content stem, so a redundancy check compares a
    sentence only with the sentences that share a word with it.
    """

    def __init__(self) -> None:
        self.by_text: dict[str, Draft] = {}
        self.drafts: list[Draft] = []
        self.sizes: list[int] = []
        self.by_stem: dict[str, list[int]] = {}

    def find(self, text: str) -> Draft | None:
        return self.by_text.get(normalise(text))

    def redundant(self, draft: Draft, threshold: float) -> bool:
        shared: Counter[int] = Counter()
        for s in draft.stems:
            shared.update(self.by_stem.get(s, ()))
        # overlap = n / min(size, other) > threshold, without a division
        # per candidate: true when n beats the threshold for either size.
        limit = threshold * len(draft.stems)
        sizes = self.sizes
        return any(n > limit or n > threshold * sizes[i] for i, n in shared.items())

    def add(self, draft: Draft) -> None:
        self.by_text[normalise(draft.text)] = draft
        number = len(self.drafts)
        self.drafts.append(draft)
        self.sizes.append(len(draft.stems))
        for s in draft.stems:
            self.by_stem.setdefault(s, []).append(number)


def _has_material(source: Source) -> bool:
    return bool(source.text.strip()) or any(h.text.strip() for h in source.highlights)


def _note_sentence(note: str) -> str:
    note = " ".join(note.split())
    if note[-1] not in ".!?…)\"”":
        note += "."
    return f"{NOTE_PREFIX}{note}"


class _Scorer:
    """Salience of a sentence within this hatch, memoised: the same
    sentences are weighed for sections, advice and the conclusion.

    Calling it gives the summed cluster weight of the sentence's content
    stems over the square root of their number (dense sentences win without
    favouring one-word ones).
    """

    def __init__(self, units: list[Unit]) -> None:
        self.weights = term_weights(units)
        self._stems = {u.text: u.stems for u in units}
        self._memo: dict[str, float] = {}
        self._clean: dict[str, list[str]] = {}

    def __call__(self, text: str) -> float:
        value = self._memo.get(text)
        if value is None:
            stems = self._stems.get(text)
            if stems is None:
                stems = frozenset(content_stems(text))
            value = sum(self.weights.get(s, 0.0) for s in stems) / len(stems) ** 0.5 if stems else 0.0
            self._memo[text] = value
        return value

    def clean(self, text: str) -> list[str]:
        """`clean_sentences(text)`, computed once per text."""
        if text not in self._clean:
            self._clean[text] = clean_sentences(text)
        return self._clean[text]


def _pick_passages(passages: list[Passage], plan: Plan, score: _Scorer) -> list[Passage]:
    """The most salient passages (notes count double), kept in article order."""
    if len(passages) <= plan.highlights_per_section:
        return passages
    scored = sorted(
        range(len(passages)),
        key=lambda i: (
            -(
                sum(score(s) for s in passages[i].sentences)
                * (NOTE_FACTOR if passages[i].highlight.note else 1.0)
            ),
            i,
        ),
    )
    keep = sorted(scored[: plan.highlights_per_section])
    return [passages[i] for i in keep]


def _context(passage: Passage, plan: Plan, score: _Scorer) -> tuple[list[str], list[str]]:
    """The best `plan.context_sentences` neighbours, split into before/after."""
    if not plan.context_sentences:
        return [], []
    near = [(s, "before") for s in passage.before[-plan.context_sentences:]]
    near += [(s, "after") for s in passage.after[: plan.context_sentences]]
    near = [(s, side) for s, side in near if not is_debris(s) and len(s.split()) >= 4]
    best = sorted(range(len(near)), key=lambda i: (-score(near[i][0]), i))
    chosen = sorted(best[: plan.context_sentences])
    before = [near[i][0] for i in chosen if near[i][1] == "before"]
    after = [near[i][0] for i in chosen if near[i][1] == "after"]
    return before, after


def focus_text(source: Source, passages: list[Passage]) -> str:
    """The part of a page a hatch weighs: the paragraphs around its
    highlights (FOCUS_BLOCKS either side) and their contexts, or the whole
    text when nothing was highlighted or found. Bounds the work by what the
    person highlighted, not by the length of the page."""
    blocks = split_blocks(source.text)
    near: set[int] = set()
    for p in passages:
        if p.block is not None:
            near.update(range(p.block - FOCUS_BLOCKS, p.block + FOCUS_BLOCKS + 1))
    contexts = [" ".join(h.context.split()) for h in source.highlights if h.context and h.context.strip()]
    if not near:
        return "\n\n".join(contexts) if contexts else source.text
    kept = [b for i, b in enumerate(blocks) if i in near]
    return "\n\n".join(kept + [c for c in contexts if c not in kept])


def _section(
    index: int, source: Source, passages: list[Passage], plan: Plan, score: _Scorer, ledger: _Ledger
) -> _SectionDraft:
    page: Key = (index, None)
    paragraphs: list[list[Draft]] = []
    if passages:
        last_block: int | None = None
        for passage in _pick_passages(passages, plan, score):
            hl: Key = (index, passage.highlight.id)
            before, after = _context(passage, plan, score)
            drafts: list[Draft] = []
            note = passage.highlight.note
            # The person's note goes right after the highlighted sentences,
            # before the context that follows them.
            for text, key, threshold in (
                [(s, page, CONTEXT_REDUNDANCY) for s in before]
                + [(s, hl, HIGHLIGHT_REDUNDANCY) for s in passage.sentences]
                + ([(_note_sentence(note), hl, None)] if note and note.strip() else [])
                + [(s, page, CONTEXT_REDUNDANCY) for s in after]
            ):
                if threshold is None:
                    same = ledger.find(text)
                    if same is None:
                        draft = Draft(text, [key])
                        ledger.add(draft)
                        drafts.append(draft)
                    elif same.keys[0][0] == index and key not in same.keys:
                        same.keys.append(key)
                    continue
                same = ledger.find(text)
                if same is not None:
                    if key == hl and key not in same.keys and same.keys[0][0] == index:
                        same.keys.append(key)
                    continue
                draft = Draft(text, [key])
                if ledger.redundant(draft, threshold):
                    continue
                ledger.add(draft)
                drafts.append(draft)
            if not drafts:
                continue
            if paragraphs and passage.block is not None and passage.block == last_block:
                paragraphs[-1].extend(drafts)
            else:
                paragraphs.append(drafts)
            last_block = passage.block
    elif source.text.strip():
        units = [Unit(s, 0, i) for i, s in enumerate(score.clean(source.text))]
        drafts = []
        for unit in select(units, plan.summary_words):
            draft = Draft(unit.text, [page])
            if ledger.find(unit.text) or ledger.redundant(draft, CONTEXT_REDUNDANCY):
                continue
            ledger.add(draft)
            drafts.append(draft)
        if drafts:
            paragraphs.append(drafts)
    if not paragraphs:
        paragraphs = [_fallback(index, source, passages, plan, ledger)]
    return _SectionDraft(index, paragraphs)


def _fallback(index: int, source: Source, passages: list[Passage], plan: Plan, ledger: _Ledger) -> list[Draft]:
    """A section for a page whose sentences were all too short, debris or
    near repeats of earlier pages: its own sentences, if any is new, else one
    sentence saying it repeats the pages above. A picked page never vanishes."""
    if passages:
        pool = [(s, (index, p.highlight.id)) for p in passages for s in p.sentences]
    else:
        pool = [(s, (index, None)) for s in split_sentences(source.text)]
    drafts: list[Draft] = []
    words = 0
    for text, key in pool:
        if words >= plan.summary_words:
            break
        if ledger.find(text) is None:
            draft = Draft(text, [key])
            ledger.add(draft)
            drafts.append(draft)
            words += len(text.split())
    if drafts:
        return drafts
    keys = list(dict.fromkeys(key for _, key in pool)) or [(index, None)]
    title = source.title or source.url
    draft = Draft(f"What was picked from “{title}” repeats points made above.", keys)
    if ledger.find(draft.text) is not None:
        draft.text = f"{draft.text[:-1]}, again (source {index + 1})."
    ledger.add(draft)
    return [draft]


def _tag_text(tag: str) -> str:
    """A tag as words: "deep-work" and "deep_work" read "deep work"."""
    return " ".join(tag.replace("-", " ").replace("_", " ").split())


def _source_texts(sources: list[Source], focus: list[str]) -> tuple[list[str], list[str]]:
    """Per source, the text threads are looked for in, and the text the
    person marked (highlights, notes and tags, which name their own themes)."""
    texts, highlighted = [], []
    for source, body in zip(sources, focus):
        hl = [h.text for h in source.highlights] + [h.note or "" for h in source.highlights]
        hl += [_tag_text(t) + "." for h in source.highlights for t in h.tags]
        texts.append("\n\n".join([source.title, body, *hl]))
        highlighted.append("\n\n".join(hl))
    return texts, highlighted


def _threads(sources: list[Source], focus: list[str], plan: Plan) -> list[tuple[str, list[int], list[Key]]]:
    """Key phrases shared by several sources (or, with one source, recurring
    in several of its paragraphs and highlights), each with its keys."""
    texts, highlighted = _source_texts(sources, focus)
    if len(sources) > 1:
        found = find_threads(texts, highlighted, limit=plan.threads, min_docs=2)
        doc_sources = None
    else:
        # One source: themes are phrases that recur across its paragraphs
        # (highlights are in those paragraphs already; counting them again
        # would make every highlighted phrase "recur").
        source = sources[0]
        notes = [h.note or "" for h in source.highlights]
        notes += [_tag_text(t) + "." for h in source.highlights for t in h.tags]
        body = focus[0] if focus[0].strip() else "\n\n".join(h.text for h in source.highlights)
        parts = split_blocks("\n\n".join([source.title, body, *notes]))
        found = find_threads(parts, highlighted * len(parts), limit=plan.threads, min_docs=2)
        doc_sources = [0] * len(parts)
    out = []
    for thread in found:
        indices = sorted({doc_sources[d] for d in thread.docs}) if doc_sources else thread.docs
        wanted = set(thread.stems)
        keys: list[Key] = []
        for i in indices:
            key: Key = (i, None)
            for h in sources[i].highlights:
                marked = " ".join([h.text, h.note or "", *map(_tag_text, h.tags)])
                if wanted <= set(content_stems(marked)):
                    key = (i, h.id)
                    break
            keys.append(key)
        out.append((thread.phrase, indices, keys))
    return out


def _advice(
    sections: list[_SectionDraft],
    sources: list[Source],
    focus: dict[int, str],
    plan: Plan,
    threads: list[tuple[str, list[int], list[Key]]],
    score: _Scorer,
    ledger: _Ledger,
) -> list[Draft]:
    """Imperative and modal sentences among highlights and their paragraphs.

    A sentence picked as advice leaves its section, unless that would empty
    the section; sentences not yet in the hatch join the ledger.
    """
    theme_stems = {s for phrase, _, _ in threads for s in content_stems(phrase)}
    candidates: list[tuple[float, int, Draft]] = []
    seen: set[str] = set()
    order = 0
    in_hatch = {id(d): (sec, para) for sec in sections for para in sec.paragraphs for d in para}
    for sec in sections:
        for para in sec.paragraphs:
            for d in para:
                if is_advice(d.text) and not d.text.startswith(NOTE_PREFIX):
                    from_highlight = any(k[1] is not None for k in d.keys)
                    value = advice_strength(d.text) * (ADVICE_HIGHLIGHT_FACTOR if from_highlight else 1.0)
                    value += ADVICE_THREAD_BONUS * len(theme_stems & d.stems)
                    value += ADVICE_SALIENCE_TIEBREAK * score(d.text)
                    candidates.append((value, order, d))
                    seen.add(normalise(d.text))
                    order += 1
    # Then the other sentences of the highlighted paragraphs (the whole text
    # of a page picked without highlights).
    for index, text in focus.items():
        for s in score.clean(text):
            if normalise(s) in seen or not is_advice(s):
                continue
            seen.add(normalise(s))
            d = Draft(s, [(index, None)])
            value = advice_strength(s) + ADVICE_THREAD_BONUS * len(theme_stems & d.stems)
            value += ADVICE_SALIENCE_TIEBREAK * score(s)
            candidates.append((value, order, d))
            order += 1
    candidates.sort(key=lambda c: (-c[0], c[1]))
    picked: list[Draft] = []
    for _, _, d in candidates:
        if len(picked) >= plan.advice:
            break
        if any(overlap(d.stems, p.stems) > CONTEXT_REDUNDANCY for p in picked):
            continue
        where = in_hatch.get(id(d))
        if where is not None:
            sec, para = where
            if sum(len(p) for p in sec.paragraphs) <= 1 or _has_note(d, para):
                continue
            para.remove(d)
            if not para:
                sec.paragraphs.remove(para)
        else:
            if ledger.find(d.text) or ledger.redundant(d, CONTEXT_REDUNDANCY):
                continue
            ledger.add(d)
        picked.append(d)
    return picked


def _has_note(draft: Draft, paragraph: list[Draft]) -> bool:
    """True when the person's note follows `draft`: they stay together."""
    at = paragraph.index(draft)
    return at + 1 < len(paragraph) and paragraph[at + 1].text.startswith(NOTE_PREFIX)


def _names(sources: list[Source], indices: list[int]) -> tuple[str, list[Key]]:
    named = indices[:NAMED_SOURCES]
    titles = [f"“{sources[i].title or sources[i].url}”" for i in named]
    rest = len(indices) - len(named)
    if rest:
        titles.append(f"{rest} more")
    return _and(titles), [(i, None) for i in named]


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _shared_by_all(thread: tuple[str, list[int], list[Key]], sources: list[Source]) -> bool:
    return len(set(thread[1])) >= len(sources)


def _title(sources: list[Source], threads: list[tuple[str, list[int], list[Key]]]) -> str:
    # The top thread names the hatch; a second joins it when it is a phrase
    # (a lone second word, "hours", reads as noise in a title) and when there
    # are several sources to share it.
    phrases = [t[0] for t in threads[:1]]
    if len(threads) > 1 and len(sources) > 1 and " " in threads[1][0]:
        phrases.append(threads[1][0])
    if phrases:
        topic = _and(phrases)
        topic = topic[:1].upper() + topic[1:]
        if len(sources) == 1:
            return f"{topic}: notes on {sources[0].title or sources[0].url}"
        if _shared_by_all(threads[0], sources):
            return f"{topic}: what {len(sources)} sources share"
        # Claim only what is true: the top thread runs through some sources.
        return f"{topic}: threads across {len(sources)} sources"
    if len(sources) == 1:
        return f"Notes on {sources[0].title or sources[0].url}"
    return f"Notes from {len(sources)} sources"


def _introduction(sources: list[Source], used: list[int], threads, n_highlights: int) -> list[Draft]:
    names, keys = _names(sources, used)
    if len(used) == 1:
        what = f"the {n_highlights} passages highlighted in it" if n_highlights > 1 else (
            "the passage highlighted in it" if n_highlights == 1 else "its article text")
        out = [Draft(f"This hatch is drawn from {names} and {what}.", keys)]
    else:
        out = [Draft(f"This hatch draws together {len(used)} sources: {names}.", keys)]
    if threads:
        phrase, indices, tkeys = threads[0]
        if len(indices) > 1:
            out.append(Draft(
                f"The strongest thread is “{phrase}”, found in "
                + (
                    ("both." if len(used) == 2 else f"all {len(used)}.")
                    if len(indices) == len(used)
                    else f"{len(indices)} of the {len(used)}."
                ),
                [(i, None) for i in indices[:NAMED_SOURCES]],
            ))
        else:
            out.append(Draft(f"Its recurring theme is “{phrase}”.", list(tkeys)))
    return out


def _conclusion(sources, focus: dict[int, str], used, threads, score, ledger: _Ledger) -> list[Draft]:
    out: list[Draft] = []
    if threads:
        phrases = _and([f"“{t[0]}”" for t in threads[:3]])
        indices = sorted({i for t in threads[:3] for i in t[1]})
        if len(used) > 1:
            names, keys = _names(sources, indices)
            text = f"Taken together, {names} meet on {phrases}."
        else:
            keys = [(indices[0], None)] if indices else [(used[0], None)]
            text = f"Taken together, these passages keep returning to {phrases}."
        out.append(Draft(text, keys))
    # The most central sentence not yet used, from the highlights' paragraphs
    # or the article: the closing quotation.
    pool: list[tuple[float, int, str, int]] = []
    for index in used:
        for s in score.clean(focus[index]):
            pool.append((-score(s), len(pool), s, index))
    pool.sort()
    for _, _, s, index in pool:
        if ledger.find(s):
            continue
        d = Draft(s, [(index, None)])
        if ledger.redundant(d, CONTEXT_REDUNDANCY):
            continue
        ledger.add(d)
        out.append(d)
        break
    if not out:
        names, keys = _names(sources, used)
        out.append(Draft(f"These are the passages that mattered in {names}.", keys))
    return out


def hatch_local(sources: list[Source], plan: Plan) -> Hatch:
    """Build a hatch from `sources` with no model and no network."""
    used = [i for i, s in enumerate(sources) if _has_material(s)]
    if not used:
        raise NothingToHatch(
            "nothing to hatch: the chosen pages have no highlights and no article text"
        )
    passages = {i: highlight_passages(sources[i].highlights, sources[i].text) for i in used}
    focus = {i: focus_text(sources[i], passages[i]) for i in used}
    units = []
    for i in used:
        for pos, s in enumerate(split_sentences(focus[i])):
            units.append(Unit(s, i, pos))
        for pos, h in enumerate(sources[i].highlights):
            units.append(Unit(f"{h.text} {h.note or ''}", i, pos))
    score = _Scorer(units)

    ledger = _Ledger()
    sections = [_section(i, sources[i], passages[i], plan, score, ledger) for i in used]
    threads = _threads([sources[i] for i in used], [focus[i] for i in used], plan)
    threads = [(p, [used[i] for i in idx], [(used[k[0]], k[1]) for k in keys]) for p, idx, keys in threads]
    advice = _advice(sections, sources, focus, plan, threads, score, ledger)
    n_highlights = sum(1 for i in used for h in sources[i].highlights if h.text.strip())
    introduction = _introduction(sources, used, threads, n_highlights)
    conclusion = _conclusion(sources, focus, used, threads, score, ledger)
    LOGGER.debug(
        "hatched %d sources, %d highlights: %d threads, %d advice",
        len(used), n_highlights, len(threads), len(advice),
    )
    return _assemble(sources, plan, _title(sources, threads), introduction, sections, threads, advice, conclusion)


def _assemble(sources, plan, title, introduction, sections, threads, advice, conclusion) -> Hatch:
    """Number the citations in reading order and build the `Hatch`."""
    numbers: dict[Key, int] = {}

    def cite(keys: list[Key]) -> list[int]:
        out = []
        for key in keys:
            if key not in numbers:
                numbers[key] = len(numbers) + 1
            if numbers[key] not in out:
                out.append(numbers[key])
        return out

    def sentences(drafts: list[Draft]) -> list[Sentence]:
        return [Sentence(d.text, cite(d.keys)) for d in drafts]

    intro = sentences(introduction)
    out_sections = []
    for sec in sections:
        source = sources[sec.source]
        out_sections.append(Section(
            source_id=source.id,
            title=source.title or source.url,
            site=source.site_name,
            url=source.url,
            paragraphs=[sentences(p) for p in sec.paragraphs if p],
        ))
    out_threads = [Thread(p, [sources[i].id for i in idx], cite(keys)) for p, idx, keys in threads]
    out_advice = sentences(advice)
    out_conclusion = sentences(conclusion)
    citations = [
        Citation(n, sources[i].id, hid, sources[i].url, sources[i].title or sources[i].url)
        for (i, hid), n in sorted(numbers.items(), key=lambda kv: kv[1])
    ]
    return Hatch(title, intro, out_sections, out_threads, out_advice, out_conclusion, citations,
                 engine="local", length=plan.length)
