"""Actionable advice: imperative and should/must/need-to statements.

A sentence is advice when it tells the reader to do something: it opens
with a verb in the imperative ("Back up your files.") or carries a modal of
obligation ("You should...", "Teams need to..."). Past modals ("should have
been") look back, not forward, and are not advice; nor are questions.
"""

from __future__ import annotations

import re

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
    identify ignore imagine improve include increase install interview invest
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

_MODAL = re.compile(
    r"\b(?:should|shouldn't|must|mustn't|ought to|needs? to|have to|has to|"
    r"it(?:'s| is) (?:important|essential|vital|crucial|worth|better|best) to|"
    r"make sure|be sure to|remember to|don't forget to|the key is to|"
    r"the best way to|try to|avoid)\b",
    re.I,
)
_LOOKS_BACK = re.compile(r"\b(?:should|must|ought to|could|would) (?:not )?have\b", re.I)
_FIRST_WORDS = re.compile(r"[A-Za-z']+")


def is_imperative(sentence: str) -> bool:
    """True when the sentence opens with an instruction verb."""
    tokens = _FIRST_WORDS.findall(sentence[:80])
    if not tokens:
        return False
    first = tokens[0].lower().replace("’", "'")
    if first in _OPENERS and len(tokens) > 1:
        first = tokens[1].lower()
    if first not in IMPERATIVE_VERBS:
        return False
    # "Make sure" / "Keep going" yes; "Read more" style prompts are debris
    # and filtered before. A verb followed by a verb-like "-ed"/"-s" word is
    # more likely a noun phrase subject ("Cut costs rose...") - rare; accept.
    return True


def is_modal(sentence: str) -> bool:
    """True when the sentence states an obligation or recommendation."""
    return bool(_MODAL.search(sentence)) and not _LOOKS_BACK.search(sentence)


def is_advice(sentence: str) -> bool:
    """True when the sentence tells the reader what to do."""
    s = sentence.strip().lstrip("-•*\"'“‘( ")
    if not s or s.rstrip("\"'”’) ").endswith("?"):
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
