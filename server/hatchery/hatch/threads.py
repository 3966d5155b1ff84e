"""The common threads of a pick: key phrases several sources share (or, with
one source, that recur across its paragraphs), each cited to the highlight
that names it where there is one, else to the page.
"""

from __future__ import annotations

from ..sentences import content_stems, split_blocks
from .drafts import Key, ThreadDraft
from .models import Source
from .plan import Plan
from .reading import Reading
from .themes import find_threads


def tag_text(tag: str) -> str:
    """A tag as words: "deep-work" and "deep_work" read "deep work"."""
    return " ".join(tag.replace("-", " ").replace("_", " ").split())


def source_texts(sources: list[Source], focus: list[str]) -> tuple[list[str], list[str]]:
    """Per source, the text threads are looked for in, and the text the
    person marked (highlights, notes and tags, which name their own themes)."""
    texts, highlighted = [], []
    for source, body in zip(sources, focus):
        hl = [h.text for h in source.highlights] + [h.note or "" for h in source.highlights]
        hl += [tag_text(t) + "." for h in source.highlights for t in h.tags]
        texts.append("\n\n".join([source.title, body, *hl]))
        highlighted.append("\n\n".join(hl))
    return texts, highlighted


def common_threads(sources: list[Source], reading: Reading, plan: Plan) -> list[ThreadDraft]:
    """The threads of the used sources, strongest first, with source
    indices and keys into `sources`."""
    used = reading.used
    found = find_source_threads([sources[i] for i in used], [reading.focus[i] for i in used], plan)
    return [
        ThreadDraft(t.phrase, [used[i] for i in t.sources], [(used[k[0]], k[1]) for k in t.keys])
        for t in found
    ]


def find_source_threads(sources: list[Source], focus: list[str], plan: Plan) -> list[ThreadDraft]:
    """Key phrases shared by several sources (or, with one source, recurring
    in several of its paragraphs and highlights), each with its keys.

    :param sources: the sources with something to hatch.
    :param focus: per source, the text the hatch weighs.
    :param plan: how many threads to find.
    """
    texts, highlighted = source_texts(sources, focus)
    if len(sources) > 1:
        found = find_threads(texts, highlighted, limit=plan.threads, min_docs=2)
        doc_sources = None
    else:
        # One source: themes are phrases that recur across its paragraphs
        # (highlights are in those paragraphs already; counting them again
        # would make every highlighted phrase "recur").
        source = sources[0]
        notes = [h.note or "" for h in source.highlights]
        notes += [tag_text(t) + "." for h in source.highlights for t in h.tags]
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
                marked = " ".join([h.text, h.note or "", *map(tag_text, h.tags)])
                if wanted <= set(content_stems(marked)):
                    key = (i, h.id)
                    break
            keys.append(key)
        out.append(ThreadDraft(thread.phrase, indices, keys))
    return out
