"""One section per source: its highlighted passages (the most salient when
the length allows fewer), the person's notes after them, a little context,
or, for a page picked without highlights, a summary of its article text.
"""

from __future__ import annotations

from ..sentences import split_sentences
from .debris import is_debris
from .drafts import (
    CONTEXT_REDUNDANCY,
    HIGHLIGHT_REDUNDANCY,
    Draft,
    Key,
    Ledger,
    SectionDraft,
    note_sentence,
)
from .models import Source
from .passages import Passage
from .plan import Plan
from .rank import Unit, select
from .reading import Reading, Scorer

# When a section must drop highlights (short lengths), a highlight with a
# note counts NOTE_FACTOR times: the person wrote about it.
NOTE_FACTOR = 2.0


def draft_sections(sources: list[Source], reading: Reading, plan: Plan, ledger: Ledger) -> list[SectionDraft]:
    """A section for every used source, in the person's order; each new
    sentence joins `ledger`."""
    return [
        draft_section(i, sources[i], reading.passages[i], plan, reading.score, ledger, reading.lang)
        for i in reading.used
    ]


def pick_passages(passages: list[Passage], plan: Plan, score: Scorer) -> list[Passage]:
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


def pick_context(passage: Passage, plan: Plan, score: Scorer) -> tuple[list[str], list[str]]:
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


def draft_section(
    index: int, source: Source, passages: list[Passage], plan: Plan, score: Scorer, ledger: Ledger,
    lang: str = "en",
) -> SectionDraft:
    """The section of the source at `index`; never empty (see `fallback`)."""
    if passages:
        paragraphs = _passage_paragraphs(index, passages, plan, score, ledger, lang)
    elif source.text.strip():
        paragraphs = _summary_paragraphs(index, source, plan, score, ledger)
    else:
        paragraphs = []
    if not paragraphs:
        paragraphs = [fallback(index, source, passages, plan, ledger)]
    return SectionDraft(index, paragraphs)


def _new_highlight_sentences(passage: Passage, ledger: Ledger) -> bool:
    """True when some sentence of the passage is not in the hatch yet."""
    return any(
        ledger.find(s) is None and not ledger.redundant(Draft(s, []), HIGHLIGHT_REDUNDANCY)
        for s in passage.sentences
    )


def _passage_paragraphs(
    index: int, passages: list[Passage], plan: Plan, score: Scorer, ledger: Ledger, lang: str
) -> list[list[Draft]]:
    """The picked passages with their notes and context; passages of one
    article paragraph stay one paragraph. Context comes only with a
    highlight that is quoted: a passage whose sentences are all in the
    hatch already brings only its note."""
    page: Key = (index, None)
    paragraphs: list[list[Draft]] = []
    last_block: int | None = None
    for passage in pick_passages(passages, plan, score):
        hl: Key = (index, passage.highlight.id)
        quoted = _new_highlight_sentences(passage, ledger)
        before, after = pick_context(passage, plan, score) if quoted else ([], [])
        drafts: list[Draft] = []
        note = passage.highlight.note
        # The person's note goes right after the highlighted sentences,
        # before the context that follows them.
        for text, key, threshold in (
            [(s, page, CONTEXT_REDUNDANCY) for s in before]
            + [(s, hl, HIGHLIGHT_REDUNDANCY) for s in passage.sentences]
            + ([(note_sentence(note, lang), hl, None)] if note and note.strip() else [])
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
            draft = Draft(text, [key], anchor=hl if key == page else None)
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
    return paragraphs


def _summary_paragraphs(
    index: int, source: Source, plan: Plan, score: Scorer, ledger: Ledger
) -> list[list[Draft]]:
    """The most salient new sentences of an article picked without highlights."""
    units = [Unit(s, 0, i) for i, s in enumerate(score.clean(source.text))]
    drafts = []
    for unit in select(units, plan.summary_words):
        draft = Draft(unit.text, [(index, None)])
        if ledger.admit(draft, CONTEXT_REDUNDANCY):
            drafts.append(draft)
    return [drafts] if drafts else []


def fallback(index: int, source: Source, passages: list[Passage], plan: Plan, ledger: Ledger) -> list[Draft]:
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
