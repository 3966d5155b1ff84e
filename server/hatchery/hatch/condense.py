"""Condensing a hatch to its length's word budget (`Plan.words`), before
citations are numbered, so what is cut leaves no gap in the numbers.

What goes first is what the person did not pick: the sentences around
highlights, then advice beyond the first, then the closing quotation, then
the least salient highlights of the longest sections. A section keeps at
least one sentence, so every picked source stays represented; a sentence
is never cut in the middle.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from .drafts import Draft, HatchDraft, SectionDraft, without_highlight

# Advice items kept however tight the budget: one piece of advice is
# worth more than a third quotation from a long page.
MIN_ADVICE = 1


def hatch_words(draft: HatchDraft) -> int:
    """Words the reader reads before Sources: title, frame, sections,
    threads, advice and conclusion."""
    def count(drafts: list[Draft]) -> int:
        return sum(len(d.text.split()) for d in drafts)

    total = len(draft.title.split()) + count(draft.introduction) + count(draft.advice)
    total += count(draft.conclusion) + sum(len(t.phrase.split()) for t in draft.threads)
    total += sum(count(p) for sec in draft.sections for p in sec.paragraphs)
    return total


@lru_cache(maxsize=8192)
def _word_count(text: str) -> int:
    """Words of a sentence, counted once: the cut recounts sections often."""
    return len(text.split())


def _section_words(sec: SectionDraft) -> int:
    return sum(_word_count(d.text) for p in sec.paragraphs for d in p)


def _section_size(sec: SectionDraft) -> int:
    return sum(len(p) for p in sec.paragraphs)


def _drop(sec: SectionDraft, draft: Draft) -> None:
    for para in sec.paragraphs:
        if any(d is draft for d in para):
            if draft.anchor is None:
                without_highlight(para, draft)
            else:
                para[:] = [d for d in para if d is not draft]
    sec.paragraphs[:] = [p for p in sec.paragraphs if p]


def condense(draft: HatchDraft, budget: int, score: Callable[[str], float]) -> HatchDraft:
    """`draft` cut to at most `budget` words where it can be (see the
    module's doc); changed in place and returned.

    :param draft: the hatch's parts.
    :param budget: the most words before Sources.
    :param score: a sentence's salience, to cut the least salient first.
    """
    words = hatch_words(draft)
    # 1. Context sentences, least salient first.
    context = sorted(
        ((score(d.text), n, sec, d) for n, (sec, d) in enumerate(
            (sec, d) for sec in draft.sections for p in sec.paragraphs for d in p
            if d.anchor is not None)),
        key=lambda c: (c[0], -c[1]),
    )
    for _, _, sec, d in context:
        if words <= budget:
            return draft
        if _section_size(sec) > 1:
            _drop(sec, d)
            words -= len(d.text.split())
    # 2. Advice beyond the first, from the end of the list.
    while words > budget and len(draft.advice) > MIN_ADVICE:
        words -= len(draft.advice.pop().text.split())
    # 3. The closing quotation (the conclusion's sentences after the frame).
    # A note moved there (`closing`) is not cut: it left its section, so
    # cutting it would drop the person's own words from the hatch.
    while words > budget and len(draft.conclusion) > 1 and not draft.conclusion[-1].is_note:
        words -= len(draft.conclusion.pop().text.split())
    # 4. Highlights of the longest section, least salient first; notes stay
    # with their highlight (dropped with it), a section keeps one sentence.
    # Each section's words, kept as they are cut: recounting every section
    # per cut was a tenth of a long hatch.
    sizes = [_section_words(sec) for sec in draft.sections]
    while words > budget:
        at = max(range(len(sizes)), key=sizes.__getitem__)
        longest = draft.sections[at]
        candidates = [d for p in longest.paragraphs for d in p if d.anchor is None and not d.is_note]
        if _section_size(longest) <= 1 or len(candidates) <= 1:
            break
        weakest = min(candidates, key=lambda d: score(d.text))
        _drop_with_note(longest, weakest)
        after = _section_words(longest)
        words -= sizes[at] - after
        sizes[at] = after
    return draft


def _drop_with_note(sec: SectionDraft, draft: Draft) -> None:
    """Drop a highlighted sentence, the context it travels with, and the
    note that follows it (a note without its highlight is an orphan too)."""
    for para in sec.paragraphs:
        for at, d in enumerate(para):
            if d is draft:
                if at + 1 < len(para) and para[at + 1].is_note and para[at + 1].keys == d.keys[:1]:
                    del para[at + 1]
                without_highlight(para, d)
                break
    sec.paragraphs[:] = [p for p in sec.paragraphs if p]
