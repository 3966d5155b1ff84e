"""The last step of the offline engine: number the citations in reading
order and turn the drafts into a `Hatch`."""

from __future__ import annotations

from .drafts import Draft, HatchDraft, Key
from .models import Hatch, Source
from .parts import Section, Sentence, Thread
from .plan import Plan
from .titles import title_of


def assemble(sources: list[Source], plan: Plan, draft: HatchDraft, *,
             relation: str = "single", lang: str = "en") -> Hatch:
    """The finished hatch: every key becomes a citation number, the first
    one read gets 1, and each citation quotes the highlight it cites.

    :param sources: the picked pages; keys index into them.
    :param plan: the length the hatch was written for.
    :param draft: the hatch's parts, in reading order.
    :param relation: how the sources relate (`relatedness`).
    :param lang: the language of the frame.
    """
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

    introduction = sentences(draft.introduction)
    sections = []
    for sec in draft.sections:
        source = sources[sec.source]
        sections.append(Section(
            source_id=source.id,
            title=title_of(source),
            site=source.site_name,
            url=source.url,
            paragraphs=[sentences(p) for p in sec.paragraphs if p],
        ))
    threads = [Thread(t.phrase, [sources[i].id for i in t.sources], cite(t.keys)) for t in draft.threads]
    advice = sentences(draft.advice)
    conclusion = sentences(draft.conclusion)
    citations = [
        sources[i].citation(n, highlight_id)
        for (i, highlight_id), n in sorted(numbers.items(), key=lambda kv: kv[1])
    ]
    return Hatch(draft.title, introduction, sections, threads, advice, conclusion, citations,
                 engine="local", length=plan.length, relation=relation, lang=lang)
