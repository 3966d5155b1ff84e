"""The hatching engine: merged write-ups from highlights across pages.

A plain library (no Flask): the API and the CLI call `hatch`; the benchmark
calls `summarize_documents`.

    from hatchery.hatch import hatch, Source, SourceHighlight
    result = hatch([Source(id=1, url=..., title=..., text=..., highlights=[...])])
    print(result.markdown)
"""

from __future__ import annotations

from .bounds import within_bounds
from .controls import mend_sources
from .engines import ENGINES, get_engine
from .models import Hatch, NothingToHatch, Source, SourceHighlight
from .parts import Citation, Section, Sentence, Thread
from .plan import PLANS, plan_for
from .summarize import summarize_documents

__all__ = [
    "ENGINES",
    "PLANS",
    "Citation",
    "Hatch",
    "NothingToHatch",
    "Section",
    "Sentence",
    "Source",
    "SourceHighlight",
    "Thread",
    "hatch",
    "read_ahead",
    "summarize_documents",
]


def hatch(sources: list[Source], *, engine: str = "local", length: str = "short",
          options: object | None = None) -> Hatch:
    """One merged write-up of `sources`, every sentence cited.

    :param sources: the pages, each with its article text and highlights,
        in the order the person picked them.
    :param engine: the engine's name: "local" (offline) or "llm".
    :param length: "short", "medium" or "long".
    :param options: the engine's settings object, for engines that take one
        (the "llm" engine takes `hatchery.hatch.llm.LLMOptions`).
    :raises NothingToHatch: no source has a highlight or article text.
    :raises ValueError: unknown `engine` or `length`.
    """
    plan = plan_for(length)
    run = get_engine(engine)
    if not sources:
        raise NothingToHatch("nothing to hatch: pick at least one page or highlight")
    # Every engine reads the pages as they were meant: no C1 controls.
    sources = mend_sources(list(sources))
    # Read no more than the bounds (`bounds`): a hatch's time is bounded
    # whatever the pages hold.
    sources = within_bounds(sources)
    if options is None:
        return run(sources, plan)
    return run(sources, plan, options)


def read_ahead(sources: list[Source]) -> None:
    """Read each page now as a hatch would read it, so a later Hatch that
    picks it finds its paragraphs, words, ideas and tags remembered and pays
    only for what joins the pages (the server calls this once a captured
    page is extracted, and for the latest pages when it starts).

    Each page is read on its own, at the length the popup opens on; the
    write-up is dropped, only the bounded per-text memos keep anything, and
    what a later hatch returns is the same either way.
    """
    from .closing import marked_text
    from .ideas import ideas_in
    from .relatedness import profile
    from .threads import subject_text

    for source in sources:
        try:
            alone = hatch([source], length="short")
        except NothingToHatch:
            continue  # no text and no highlight yet: nothing to remember
        # A page alone is never compared, nor its subject read (they join
        # pages); with others they are, in the frame's language, which
        # pages in one language share.
        mended = within_bounds(mend_sources([source]))[0]
        profile(mended, alone.lang)
        ideas_in(subject_text(mended), alone.lang)
        # What the conclusion looks for in the person's notes (`closing`).
        ideas_in(marked_text(mended), alone.lang)
        for highlight in mended.highlights:
            if highlight.note and highlight.note.strip():
                ideas_in(highlight.note.strip(), alone.lang)
