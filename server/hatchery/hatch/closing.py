"""The conclusion: how the pages tie together, built only from what the
person highlighted or wrote, every sentence cited.

For linked pages it says where the threads meet, then closes on the
person's own synthesis: a note that names a thread or an idea of another
page, moved out of its section so it is read once, as the last word.
Without such a note (and for one page, or pages that stand apart) it
closes on the most central highlighted sentence not yet in the hatch.
"""

from __future__ import annotations

from ..sentences import words
from .drafts import CONTEXT_REDUNDANCY, Draft, Key, Ledger, SectionDraft, ThreadDraft, note_sentence
from .framing import and_list, names
from .ideas import ideas_in
from .models import Source
from .reading import Reading
from .relatedness import SINGLE, Relation
from .titles import title_of
from .vocabulary import phrase, quoted

# Threads the conclusion names.
CONCLUSION_THREADS = 3


def conclusion(sources: list[Source], reading: Reading, relation: Relation,
               threads: list[ThreadDraft], ledger: Ledger,
               sections: list[SectionDraft] | None = None) -> list[Draft]:
    """Where the threads meet (when the pages are linked), then the
    person's synthesis note (see the module's doc) or the most central
    highlighted sentence not yet in the hatch. Empty when there is nothing
    true to close on: never an unhighlighted sentence.

    :param sections: the drafted sections; a synthesis note is taken out
        of its own. Without them the conclusion never moves a note.
    """
    out = _thread_sentence(sources, reading, relation, threads)
    if relation.linked and sections is not None:
        found = synthesis_note(sources, reading, relation, threads)
        moved = _move_note(sections, note_sentence(found[0], reading.lang), found[1]) if found else None
        if moved is not None:
            out.append(moved)
            return out
    closing = _central_sentence(reading, ledger)
    return out + ([closing] if closing else [])


def _thread_sentence(sources: list[Source], reading: Reading, relation: Relation,
                     threads: list[ThreadDraft]) -> list[Draft]:
    """"Taken together, … meet on X, Y and Z": the top threads and the
    pages they join, or nothing when no link may be claimed."""
    if not threads or not (relation.linked or relation.kind == SINGLE):
        return []
    lang = reading.lang
    top = threads[:CONCLUSION_THREADS]
    phrases = and_list([quoted(lang, t.phrase) for t in top], lang)
    keys = list(dict.fromkeys(k for t in top for k in t.keys))
    if relation.kind == SINGLE:
        text = phrase(lang, "together_single", phrases=phrases)
    else:
        indices = sorted({i for t in top for i in t.sources})
        if len(indices) == len(reading.used):
            # The introduction named every page already.
            text = phrase(lang, "together_all", n=len(indices), phrases=phrases)
        else:
            text = phrase(lang, "together", names=names(sources, indices, lang)[0], phrases=phrases)
    return [Draft(text, keys)]


def _central_sentence(reading: Reading, ledger: Ledger) -> Draft | None:
    """The most central highlighted sentence not in the hatch yet (and
    not a near repeat of one), added to `ledger`."""
    score = reading.score
    pool: list[tuple[float, int, str, Key]] = []
    for index in reading.used:
        for passage in reading.passages[index]:
            for s in passage.sentences:
                pool.append((-score(s), len(pool), s, (index, passage.highlight.id)))
    pool.sort()
    for _, _, s, key in pool:
        if ledger.find(s):
            continue
        d = Draft(s, [key])
        if ledger.redundant(d, CONTEXT_REDUNDANCY):
            continue
        ledger.add(d)
        return d
    return None


def synthesis_note(sources: list[Source], reading: Reading, relation: Relation,
                   threads: list[ThreadDraft]) -> tuple[str, Key] | None:
    """The person's first note that ties linked pages together, as (note,
    key of its highlight): one naming a thread, or an idea of another
    linked page (in its headline, its site's name, or what the person
    marked or wrote on it). Pages that stand apart neither give nor take
    one: naming them would claim a link the hatch does not make."""
    lang = reading.lang
    linked = [i for i in reading.used if i not in relation.apart]
    notes = [(index, passage.highlight, note) for index in linked
             for passage in reading.passages[index]
             if (note := (passage.highlight.note or "").strip())]
    if not notes:  # most hatches: nothing to read
        return None
    thread_words = [words(t.phrase) for t in threads]
    page_ideas: dict[int, set[tuple[str, ...]]] = {}

    def ideas_of(page: int) -> set[tuple[str, ...]]:
        if page not in page_ideas:
            page_ideas[page] = set(ideas_in(marked_text(sources[page]), lang))
        return page_ideas[page]

    for index, highlight, note in notes:
        note_words = words(note)
        named = set(ideas_in(note, lang))
        if any(_holds(note_words, thread) for thread in thread_words) or any(
                named & ideas_of(other) for other in linked if other != index):
            return note, (index, highlight.id)
    return None


def marked_text(source: Source) -> str:
    """What names a page or what the person did on it, as one text: its
    headline, its site, its highlights and notes (not its whole article: a
    note that meets a word deep in another article ties nothing). Read
    ahead with the page (`hatch.read_ahead`)."""
    parts = [title_of(source), source.site_name or ""]
    parts += [h.text + "\n" + (h.note or "") for h in source.highlights]
    # A stop after each part: no idea runs from a headline into a highlight.
    return ".\n".join(p.strip() for p in parts) + "."


def _holds(words: list[str], phrase: list[str]) -> bool:
    """True when the words of `phrase` are in `words` in a row: a thread
    is named in a note so ("traffic" in "Fixing one problem (traffic)...")."""
    size = len(phrase)
    return size > 0 and any(words[i:i + size] == phrase for i in range(len(words) - size + 1))


def _move_note(sections: list[SectionDraft], text: str, key: Key) -> Draft | None:
    """Take the woven-in note out of its section, unless it is all the
    section holds (a section never empties); the note's draft, or None
    when it stays."""
    for sec in sections:
        for para in sec.paragraphs:
            for d in para:
                if d.is_note and d.text == text and key in d.keys:
                    if sum(len(p) for p in sec.paragraphs) <= 1:
                        return None
                    para.remove(d)
                    sec.paragraphs[:] = [p for p in sec.paragraphs if p]
                    return d
    return None
