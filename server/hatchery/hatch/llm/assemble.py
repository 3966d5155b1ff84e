"""The verified answer as a `Hatch`: every part through the one verifier,
citations renumbered in reading order, and the rule for giving up on the
model's answer (the local engine then writes the hatch)."""

from __future__ import annotations

from ..models import Hatch, Source
from ..parts import Section, Sentence, Thread
from ..language import shared_language
from ..relatedness import SINGLE, relate
from ..plan import Plan
from . import prompt
from .errors import BadFormat
from .items import Packed
from .parse import Answer, Said
from .verify import Verifier

# More than this share of the answer's sentences dropped, and the answer
# is not kept: what is left is the model failing the format, not a hatch.
MAX_DROPPED_SHARE = 0.5


def assemble(answer: Answer, packed: Packed, sources: list[Source], plan: Plan,
             stats: dict | None = None) -> Hatch:
    """The verified answer as a `Hatch`.

    :param stats: filled with the sentences ``seen`` and ``kept``, for a benchmark.

    :raises BadFormat: the answer has no section on any source, or most of
        its sentences did not pass the checks.
    """
    verifier = Verifier(packed, sources)
    final: dict[int, int] = {}  # the model's number -> the hatch's number

    def sentences(said: list[Said], section: int | None = None) -> list[Sentence]:
        out = []
        for s in said:
            kept = verifier.check(s, section)
            if kept is not None:
                out.append(Sentence(kept.text, [final.setdefault(n, len(final) + 1)
                                                for n in kept.cites]))
        return out

    def flat(paragraphs: list[list[Said]]) -> list[Said]:
        return [s for p in paragraphs for s in p]

    title = verifier.check_title(answer.title)
    introduction = sentences(flat(answer.introduction))
    out_sections, unwritten = [], []
    for number, block in enumerate(packed.blocks, 1):
        paragraphs = [p for p in (sentences(p, block.index)
                                  for p in answer.sections.get(number, [])) if p]
        source = block.source
        if paragraphs:
            out_sections.append(Section(source.id, source.title or source.url, source.site_name,
                                        source.url, paragraphs))
        else:
            unwritten.append(source.title or source.url)
    strays = sorted(n for n in answer.sections if not 1 <= n <= len(packed.blocks))
    threads = []
    for said in answer.threads[: plan.threads]:
        if (kept := verifier.check(said)) is not None:
            cites = [final.setdefault(n, len(final) + 1) for n in kept.cites]
            ids = list(dict.fromkeys(sources[packed.numbers[n][0]].id for n in kept.cites))
            threads.append(Thread(kept.text.rstrip(".").strip(), ids, cites))
    advice = sentences(answer.advice[: plan.advice])
    conclusion = sentences(flat(answer.conclusion))

    if stats is not None:
        stats.update(seen=verifier.seen, kept=verifier.kept)
    _give_up_unless_kept(verifier, out_sections)

    notes = list(packed.notes) + verifier.notes()
    if answer.title and title is None:
        notes.append(f"The model's title (“{answer.title[:80]}”) did not pass the checks; "
                     "a plain one is used.")
    if unwritten:
        notes.append("The model wrote no cited section for " +
                     ", ".join(f"“{t}”" for t in unwritten) + ".")
    if strays:
        notes.append("Sections the model wrote for sources that do not exist "
                     f"(source {', '.join(map(str, strays))}) were left out.")
    citations = []
    for model_number, n in sorted(final.items(), key=lambda kv: kv[1]):
        index, highlight_id = packed.numbers[model_number]
        source = sources[index]
        citations.append(source.citation(n, highlight_id))
    title = title or (f"Notes on {sources[packed.blocks[0].index].title}"
                      if len(packed.blocks) == 1 else f"Notes from {len(packed.blocks)} sources")
    # The model may say the pages are linked; what the hatch records is what
    # the offline reading of the same pages finds (their words, no threads).
    used = [block.index for block in packed.blocks]
    lang = shared_language([sources[i].text or " ".join(h.text for h in sources[i].highlights)
                            for i in used])
    relation = relate(sources, used, [], lang).kind if len(used) > 1 else SINGLE
    return Hatch(title, introduction, out_sections, threads, advice, conclusion, citations,
                 engine="llm", length=plan.length, prompt_version=prompt.PROMPT_VERSION,
                 notes=notes, relation=relation)


def _give_up_unless_kept(verifier: Verifier, sections: list[Section]) -> None:
    """Raise BadFormat when the answer is not the model's hatch: nothing
    kept, no section on any source, or most of it dropped."""
    reasons = "; ".join(verifier.notes()[:2])
    if not verifier.kept:
        raise BadFormat("The language model's answer had no sentence citing the sources; "
                        "it may not follow the requested format." +
                        (f" {reasons}" if reasons else ""))
    if not sections:
        raise BadFormat("The language model's answer had no cited section on any source."
                        + (f" {reasons}" if reasons else ""))
    if verifier.dropped > verifier.seen * MAX_DROPPED_SHARE:
        raise BadFormat(f"Most of the language model's answer ({verifier.dropped} of "
                        f"{verifier.seen} sentences) did not pass the checks. {reasons}")
