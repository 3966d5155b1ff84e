"""Actionable advice: which sentences are advice, and which of them make
the hatch's list.

A sentence is advice when it tells the reader to do something: it opens
with a verb in the imperative ("Back up your files.") or speaks to the
reader ("You should...", "Aim to...", "Start by...", "It is worth...").
A demand an article reports someone making ("They need to ramp up the
catalog," says Ward) is news, not advice for the reader; nor are past
modals ("should have been"), which look back, or questions. A verb that
opens a sentence is no instruction when it is its subject ("Work is
planned"), a label ("UPDATE:"), a cue to read on ("Note that...",
"Imagine..."), or a plea ("Let this be a lesson"); words in quotation
marks are someone else's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

from ..sentences import content_stems
from .drafts import (CONTEXT_REDUNDANCY, Draft, Ledger, SectionDraft, ThreadDraft, sentence_key,
                     without_highlight)
from .models import Source
from .plan import Plan
from .rank import overlap
from .reading import Reading
from .speech import penn_tags

# Verbs that, first in a sentence, make it an instruction. A closed list:
# an open guess ("any word ending in nothing") calls "Researchers found..."
# advice. Lowercase base forms.
IMPERATIVE_VERBS = frozenset(
    """    accept act add adjust agree aim allow apply archive arrive ask assume
    attend automate avoid back batch be begin block book bring build buy call
    calm cancel celebrate challenge change check choose claim clean clear
    close collect combine comment commit compare consider continue cook count
    create credit cut decide delegate delete deliver describe design dig
    disable discuss divide do document don't donate drink drop earn eat edit
    email empty enable encourage end enjoy ensure establish exercise expect
    experiment explain favor favour feed fill filter find finish fix fly focus
    follow forget forgive gather get give go grow handle help hire hold host
    identify ignore improve include increase install interview invest
    join jot keep kill label launch lean learn leave let lift limit link list
    listen lock log look lower make map mark master measure meet memorize mind
    move mute name negotiate note notice offer open order organise organize
    own pack pause pay phone pick pin plan plant play post practice practise
    pray prefer prepare print prioritise prioritize protect prune publish pull
    push put question quit raise rank rate reach read reassess record recycle
    reduce reflect refuse reject relax release rely remember remove rent
    repeat replace reply report request research reserve reset resist respect
    rest restart rethink return reuse review revisit reward rewrite run save
    say scan schedule search see seek select sell send separate serve set
    share ship show shut sign silence simplify sit skip sleep slice slow
    snooze sort speak spend split spread stand start stay step stick stop
    store study submit subscribe support swap switch tackle tag take talk
    taste teach tell test text thank think tidy toss track trade train travel
    treat trust try turn understand unplug unsubscribe update use verify visit
    vote wait walk want warm wash water watch wear weigh welcome wipe work worry
    wrap write yield
    """.split()
)

# Adverbs that may open an imperative: "Always test...", "Never share...".
_OPENERS = frozenset("always never just simply first then finally now please".split())

# A word in one of the two places after an opening verb (before any mark)
# that is a finite verb makes the opening word a subject, a noun ("Work is
# planned", "Email enables senders", "Change was slow"): tags of TextBlob's
# tagger (see `speech`), which reads "is" and "enables" so anywhere. A past
# form is as often a participle ("Get started", "Stay informed"): only
# "was" and "were" count.
_FINITE_TAGS = frozenset("VBZ VBP MD".split())
_FINITE_PAST = frozenset("was were".split())
_SUBJECT_REACH = 2
# Verbs of noticing and thinking that, before a clause, point at a fact
# rather than ask for an act: "Note that Velore is in play", "Remember
# how it ended". Before an object they may advise ("Consider a fund").
_CUE_VERBS = frozenset("note notice consider remember see understand recall mind look".split())
_CLAUSE_WORDS = frozenset("that how what why whether who where when which".split())
# Words that open a question even when a quotation ends it without a
# mark: "why", or a question word before an auxiliary ("What is", "How do",
# "Why not"); "When February comes, you should..." is no question.
_QUESTION_OPENING = re.compile(
    r"(?:(?:but|and|so|or|yet)[\s,]+)?(why|how|what|who|where|when|which)\b[^A-Za-z'’]{0,3}([A-Za-z'’]+)?",
    re.I)
_QUESTION_AUXILIARIES = frozenset(
    "is are was were do does did can could would should will not isn't aren't don't "
    "doesn't didn't can't won't".split())
# Words of a sentence's opening `is_imperative` reads.
_WORDS_ASKED = 8

# Guidance addressed to the reader: the second person with a modal, or an
# impersonal recommendation. "Teams need to" or "they must" is a third
# party's obligation, not the reader's.
_MODAL = re.compile(
    r"\b(?:you(?:'ll| will)? (?:should|must|need to|have to|ought to|want to|can start)|"
    r"you'd (?:better|want to)|"
    r"it(?:'s| is) (?:important|essential|vital|crucial|worth|better|best|wise) to|"
    r"make sure|be sure to|remember to|don't forget to|the key is to|"
    r"the best way to|aim to|start by|try to)\b",
    re.I,
)
# Verbs that attribute words to a speaker.
_SPEECH_VERBS = (
    r"(?:said|says|told|tells|added|adds|wrote|writes|argued|argues|warned|warns|"
    r"insisted|insists|noted|notes|explained|explains|suggested|suggests|urged|urges|"
    r"advised|advises|recommended|recommends|claimed|claims|stressed|stresses|"
    r"cautioned|cautions|observed|observes|contended|contends|maintained|maintains)"
)
# Reported speech: a quotation with a speaker ("..., says Ward", "she
# said"), or a speaker set off by commas mid-sentence or at its end
# ("Start by reviewing the rules, one of them argued, ..."). Linear enough:
# fixed words and a bounded run of words, no nested repetition.
_REPORTED = re.compile(
    r"[\"“”]\s*,?\s*(?:\w+\s+){0,3}" + _SPEECH_VERBS + r"\b"
    r"|,\s*(?:[\w'’]+\s+){1,4}" + _SPEECH_VERBS + r"\s*(?:[,;.!]|$)"
    r"|\b(?:said|says|according to)\b",
    re.I,
)
_LOOKS_BACK = re.compile(r"\b(?:should|must|ought to|could|would) (?:not )?have\b", re.I)
_FIRST_TWO_WORDS = re.compile(r"[^A-Za-z']*([A-Za-z']+)(?:[^A-Za-z']+([A-Za-z']+))?")

# A sentence the person did not highlight is advice only on a page that
# speaks to its reader: at least this many "you" and "your" in 1,000 of its
# words outside quotations. On the Multi-News tune half 11% of news articles
# reach it (their imperatives are quotes, memos and reviews' asides); the
# guides, recipes and deal posts of the extraction benchmark's pages reach
# 15-70.
READER_WORDS_PER_1000 = 5.0
# A page's voice is read in its first 100,000 characters (some 16,000
# words): a megabyte of text would cost a hatch tens of milliseconds.
VOICE_SAMPLE_CHARS = 100_000
# On lowercased text, opening with a literal so the engine skips to each
# "you" (a leading \b made it try every position); the word's start is
# checked by `_second_person`.
_SECOND_PERSON = re.compile(r"you(?:rs?|rself|rselves)?(?!\w)")
_QUOTE_MARKS = re.compile(r"[\"“”]")

# Advice ranking: a highlighted sentence counts ADVICE_HIGHLIGHT_FACTOR times
# one from its paragraph (the person chose it); each thread word it uses adds
# ADVICE_THREAD_BONUS (advice on the shared theme first); salience only
# breaks ties.
ADVICE_HIGHLIGHT_FACTOR = 2.0
ADVICE_THREAD_BONUS = 0.5
ADVICE_SALIENCE_TIEBREAK = 0.01


def is_imperative(sentence: str) -> bool:
    """True when the sentence opens with an instruction verb."""
    head = sentence[:80]
    # Most sentences open with no instruction verb: their first two words
    # say so.
    opening = _FIRST_TWO_WORDS.match(head)
    if not opening:
        return False
    first = opening.group(1).lower()
    at = 1 if first in _OPENERS and opening.group(2) else 0
    verb = opening.group(2).lower() if at else first
    if verb not in IMPERATIVE_VERBS:
        return False
    # The opening, read once: its words and marks for `_is_subject`, and
    # its first words (an opener, the verb, a plea's "be" up to six words
    # on), all that is asked further.
    tokens = list(_TOKENS.finditer(head))
    found = list(islice(_plain_words(tokens), _WORDS_ASKED))
    words = [head[start:end].lower() for start, end in found]
    after = words[at + 1] if at + 1 < len(words) else ""
    if (verb in _CUE_VERBS and after in _CLAUSE_WORDS) or _is_subject(tokens, at):
        return False
    # "UPDATE: 9 a.m. ...": a label, not a verb.
    if head[found[0][1] : found[0][1] + 1] == ":":
        return False
    # "Let this be a lesson": a plea, not something to do.
    return not (verb == "let" and "be" in words[at + 1 : at + 7])


# An opening's words (with either apostrophe inside) and single marks.
_TOKENS = re.compile(r"[A-Za-z'’]+|[^\sA-Za-z'’]")
# How many of the opening's tokens `_is_subject` reads.
_SUBJECT_TOKENS = _WORDS_ASKED + 4


def _plain_words(tokens: list[re.Match]) -> Iterator[tuple[int, int]]:
    """The (start, end) of each word of `tokens` as `is_imperative` and
    `_FIRST_TWO_WORDS` read words: letters and straight apostrophes, so a
    curly one splits "Let’s" into "Let" and "s"."""
    for token in tokens:
        text = token.group()
        if not (text[0].isascii() and text[0].isalpha() or text[0] in "'’"):
            continue  # a mark
        at = token.start()
        for part in text.split("’"):
            if part:
                yield at, at + len(part)
            at += len(part) + 1


def _is_subject(opening: list[re.Match], at: int) -> bool:
    """True when the word at `at` (the opening verb, counting words only)
    is followed, before any mark, by a finite verb: it is a noun, the
    sentence's subject.

    :param opening: the opening's tokens (`_TOKENS`), as `is_imperative` read them.
    """
    tokens = [m.group() for m in opening[:_SUBJECT_TOKENS]]
    words = [k for k, t in enumerate(tokens) if t[0].isalpha() or t[0] in "'’"]
    if at >= len(words):
        return False
    start = words[at]
    following = []
    for token in tokens[start + 1 : start + 1 + _SUBJECT_REACH]:
        if not (token[0].isalpha() or token[0] in "'’"):
            break
        following.append(token)
    tags = penn_tags(["x", *following], "en") or []
    return any(tag in _FINITE_TAGS or word.lower() in _FINITE_PAST
               for word, tag in zip(following, tags[1:]))


def is_modal(sentence: str) -> bool:
    """True when the sentence states an obligation or recommendation, in
    its own words (not inside a quotation: those are someone else's)."""
    found = _MODAL.search(sentence)
    if not found or _LOOKS_BACK.search(sentence):
        return False
    return not _inside_quote(sentence, found.start())


# Opening and closing quotation marks; a straight double quote toggles.
_QUOTE_OPEN, _QUOTE_CLOSE = "“«", "”»"
_CURLY_QUOTES = re.compile("[“«”»]")


def _inside_quote(text: str, at: int) -> bool:
    """True when position `at` of `text` lies inside a quotation: after an
    odd number of straight quotes, or inside curly ones, which nest (a
    closing mark with none open, as when a quotation began in the sentence
    before, closes nothing). Only the marks are visited, not every character."""
    if text.count('"', 0, at) % 2:
        return True
    depth = 0
    # Not plain counts: "” ... “" is inside a quotation, though the two match in number.
    for mark in _CURLY_QUOTES.findall(text, 0, at):
        depth = depth + 1 if mark in _QUOTE_OPEN else max(0, depth - 1)
    return depth > 0


def is_question(sentence: str) -> bool:
    """True for a question, with its mark or opened by a question word
    (a quotation may end it: 'But why not say, "..."')."""
    s = sentence.strip().lstrip("-•*\"'“‘( ")
    if s.rstrip("\"'”’) ").endswith("?"):
        return True
    opening = _QUESTION_OPENING.match(s)
    if not opening:
        return False
    word, after = opening.group(1).lower(), (opening.group(2) or "").lower().replace("’", "'")
    return word == "why" or after in _QUESTION_AUXILIARIES


def is_reported(sentence: str) -> bool:
    """True when the sentence reports what someone said or demanded."""
    return bool(_REPORTED.search(sentence))


# Asked of the same sentences again when a person hatches the same pages again.
@lru_cache(maxsize=65536)
def is_advice(sentence: str) -> bool:
    """True when the sentence tells the reader what to do."""
    s = sentence.strip().lstrip("-•*\"'“‘( ")
    if not s or is_question(s) or is_reported(sentence):
        return False
    return is_imperative(s) or is_modal(s)


def advice_strength(sentence: str) -> float:
    """How directly a sentence advises: imperatives > modals."""
    s = sentence.strip().lstrip("-•*\"'“‘( ")
    if is_imperative(s):
        return 2.0
    if is_modal(s):
        return 1.0
    return 0.0


def speaks_to_reader(text: str) -> bool:
    """True when a page addresses its reader (see READER_WORDS_PER_1000):
    a guide's "you" outside the quotations of the people it cites. Read
    in its first VOICE_SAMPLE_CHARS: a page's voice, not its length."""
    text = text[:VOICE_SAMPLE_CHARS].lower()
    words = len(text.split())
    # Every "you" is one, within words or not: too few, and it does not.
    if not words or text.count("you") * 1000 < READER_WORDS_PER_1000 * words:
        return False
    count = sum(_second_person(part) for part in _QUOTE_MARKS.split(text)[0::2])
    return count * 1000 >= READER_WORDS_PER_1000 * words


def _second_person(lowered: str) -> int:
    """How many words of the second person ("you", "yourself") `lowered` holds."""
    count = 0
    for found in _SECOND_PERSON.finditer(lowered):
        at = found.start()
        before = lowered[at - 1] if at else " "
        count += not (before.isalnum() or before == "_")
    return count


def pick_advice(
    sections: list[SectionDraft],
    reading: Reading,
    plan: Plan,
    threads: list[ThreadDraft],
    ledger: Ledger,
    sources: list[Source],
) -> list[Draft]:
    """Imperative and modal sentences among highlights and their paragraphs,
    the strongest `plan.advice` of them, no two alike; a sentence not
    highlighted only on a page that speaks to its reader.

    A sentence picked as advice leaves its section, unless that would empty
    the section; sentences not yet in the hatch join the ledger.
    """
    voices: dict[int, bool] = {}

    def page_advises(index: int) -> bool:
        # Read only for pages with a candidate: most pages have none.
        if index not in voices:
            voices[index] = speaks_to_reader(sources[index].text or reading.focus.get(index, ""))
        return voices[index]

    score = reading.score
    theme_stems = {s for t in threads for s in content_stems(t.phrase)}
    candidates: list[tuple[float, int, Draft]] = []
    seen: set[str] = set()
    order = 0
    in_hatch = {id(d): (sec, para) for sec in sections for para in sec.paragraphs for d in para}
    for sec in sections:
        for para in sec.paragraphs:
            for d in para:
                if is_advice(d.text) and not d.is_note:
                    from_highlight = any(k[1] is not None for k in d.keys)
                    if not from_highlight and not page_advises(d.keys[0][0]):
                        continue
                    value = advice_strength(d.text) * (ADVICE_HIGHLIGHT_FACTOR if from_highlight else 1.0)
                    value += ADVICE_THREAD_BONUS * len(theme_stems & d.stems)
                    value += ADVICE_SALIENCE_TIEBREAK * score(d.text)
                    candidates.append((value, order, d))
                    seen.add(sentence_key(d.text))
                    order += 1
    # Then the other sentences of the highlighted paragraphs (the whole text
    # of a page picked without highlights).
    for index, text in reading.focus.items():
        for s in score.clean(text):
            if sentence_key(s) in seen or not is_advice(s) or not page_advises(index):
                continue
            seen.add(sentence_key(s))
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
            if not any(x is d for x in para):
                continue  # it left with the highlight it travelled with
            travelling = sum(1 for x in para if x.anchor is not None and x.anchor in d.keys)
            if sum(len(p) for p in sec.paragraphs) - travelling <= 1 or has_note(d, para):
                continue
            without_highlight(para, d)
            if not para:
                sec.paragraphs.remove(para)
        elif not ledger.admit(d, CONTEXT_REDUNDANCY):
            continue
        picked.append(d)
    return picked


def has_note(draft: Draft, paragraph: list[Draft]) -> bool:
    """True when the person's note follows `draft`: they stay together."""
    at = paragraph.index(draft)
    return at + 1 < len(paragraph) and paragraph[at + 1].is_note
