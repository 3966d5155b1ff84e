"""The offline engine: a hatch built only from the sources' own sentences.

Every sentence of a local hatch is either a sentence of a source (a
highlighted one, cited to its highlight, or one around it or from the
article, cited to the page) or a short framing sentence that names sources
and threads and cites the pages it names. Nothing is generated beyond that,
so nothing can be unattributed.

The steps, each in its own module: `reading` (passages, focus, salience),
`sections`, `threads`, `advice`, `framing` (title, introduction),
`closing` (conclusion) and `assembly` (citation numbers). They share one `Ledger`
(in `drafts`), so no sentence appears twice.
"""

from __future__ import annotations

import logging

from . import closing, framing
from .advice import pick_advice
from .assembly import assemble
from .condense import condense
from .drafts import HatchDraft, Ledger
from .models import Hatch, Source
from .plan import Plan
from .reading import read_sources
from .sections import draft_sections
from .ideas import SINGLE_WORD_ZIPF, STORY_WORD_ZIPF
from .relatedness import STORY, THEME, UNRELATED, relate
from .threads import pick_threads, subject_candidates, thread_candidates

LOGGER = logging.getLogger(__name__)


def hatch_local(sources: list[Source], plan: Plan) -> Hatch:
    """Build a hatch from `sources` with no model and no network.

    :param sources: the picked pages, in the person's order.
    :param plan: the length's tunables.
    :raises NothingToHatch: no source has article text or a highlight.
    """
    reading = read_sources(sources)
    ledger = Ledger()
    # Sections first: the person's highlights claim their sentences before
    # advice and the conclusion look for theirs.
    sections = draft_sections(sources, reading, plan, ledger)
    candidates = thread_candidates(sources, reading.used, reading.passages, reading.focus, reading.lang)
    threads = pick_threads(candidates, reading.used, plan.threads, lang=reading.lang)
    # How the pages relate decides what may be claimed: pages that stand
    # apart get no threads and no frame that links them; pages on one
    # story may share commoner words.
    relation = relate(sources, reading.used, threads, reading.lang)
    if relation.kind == UNRELATED:
        threads = []
    elif relation.kind == STORY:
        threads = pick_threads(candidates, reading.used, plan.threads, STORY_WORD_ZIPF, reading.lang)
    if relation.kind in (STORY, THEME) and not threads:
        # Linked pages whose marked words share no idea may still share
        # their subject: one page's highlight names what the other's
        # headline and first sentences are about.
        linked = [i for i in reading.used if i not in relation.apart]
        if len(linked) > 1:
            zipf = STORY_WORD_ZIPF if relation.kind == STORY else SINGLE_WORD_ZIPF
            threads = pick_threads(
                subject_candidates(sources, linked, reading.passages, reading.focus, reading.lang),
                linked, plan.threads, zipf, reading.lang)
    advice = pick_advice(sections, reading, plan, threads, ledger, sources)
    introduction = framing.introduction(sources, reading, relation, threads)
    conclusion = closing.conclusion(sources, reading, relation, threads, ledger, sections)
    LOGGER.debug(
        "hatched %d sources, %d highlights: %s, %d threads, %d advice",
        len(reading.used), reading.highlight_count, relation.kind, len(threads), len(advice),
    )
    title = framing.title(sources, reading, relation, threads)
    draft = condense(HatchDraft(title, introduction, sections, threads, advice, conclusion),
                     plan.words, reading.score)
    return assemble(sources, plan, draft, relation=relation.kind, lang=reading.lang)
