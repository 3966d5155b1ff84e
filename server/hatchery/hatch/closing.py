"""The conclusion: how the pages tie together, built only from what the
person highlighted or wrote, every sentence cited.

For linked pages it says where the threads meet, then closes on the
person's own synthesis: a note that names a thread or an idea of another
page, moved out of its section so it is read once, as the last word. A
note that points back at its highlight ("The same release...", "It
contradicts...") stays beside it: see `leans_on_highlight`.
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

# A note that points back at its highlight ("The same release the Herald
# wrote about") stays beside it instead of carrying its highlight to the
# conclusion. Carrying it would read the highlight twice or empty its
# place in the section, its context sentences would have to go with it (no
# context without its highlight), and the antecedent is often in that
# context rather than the highlight ("The spillway release began late on
# Friday" follows it), so a quoted highlight would still leave "the same"
# unanswered. Beside its highlight such a note always reads true; the
# conclusion takes the next tying note that stands alone, or closes as it
# would without one. A mistaken "leans" costs the conclusion one note; a
# mistaken "stands alone" ends the hatch on a riddle, so the rule errs
# toward leaning.
#
# English words that open a note pointing back: pronouns and demonstratives
# with no antecedent in the note itself, "same"/"such" (the same as what?),
# and openers that continue a sentence before them ("Also", "But", "So").
# "I", "we" and "you" point at people, not at the highlight, and stay out.
_POINTING_OPENERS = frozenset(
    "this that these those it its they them their he she his her him here "
    "same such also too likewise similarly again but yet so which".split())
# After an opening "the": "The same release", "The other article".
_POINTING_AFTER_THE = frozenset("same other former latter above".split())
# A note ending on a pronoun leans back as well: "The Herald missed this."
_POINTING_ENDINGS = frozenset("this that these those it them".split())
# Only English is read so; in another language the engine cannot tell a
# pointing note from one that stands alone, and keeps every note with its
# highlight (never wrong there) so the conclusion closes as without a note.
_POINTING_LANGUAGES = ("en",)


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
        if leans_on_highlight(note_words, lang):
            continue
        named = set(ideas_in(note, lang))
        # A note naming no idea meets no page: the other pages' marked
        # text is read only for a note that names something.
        if any(_holds(note_words, thread) for thread in thread_words) or named and any(
                named & ideas_of(other) for other in linked if other != index):
            return note, (index, highlight.id)
    return None


def leans_on_highlight(note_words: list[str], lang: str) -> bool:
    """True when a note (its `words`) points back at its highlight and
    would lose its antecedent away from it: it opens with a pointing word
    ("It contradicts the Herald", "Same as the council's plan", "The same
    release...") or ends on a pronoun ("The Herald missed this"). Reads the
    first two words and the last one: a pointer later in a note that names
    its own subject ("The Verrin ferry landing decides whether these
    bookings hold") resolves in the hatch just read, and the note moves.

    :param lang: the hatch's language; outside `_POINTING_LANGUAGES` every
        note is taken to lean (see there).
    """
    if lang not in _POINTING_LANGUAGES:
        return True
    if not note_words:
        return True
    # "It's", "That's": the word before the apostrophe decides.
    first = _bare(note_words[0])
    if first in _POINTING_OPENERS or _bare(note_words[-1]) in _POINTING_ENDINGS:
        return True
    return first == "the" and len(note_words) > 1 and note_words[1] in _POINTING_AFTER_THE


def _bare(word: str) -> str:
    """`word` without a contraction's tail ("it's" -> "it")."""
    return word.split("'", 1)[0].split("’", 1)[0]


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
