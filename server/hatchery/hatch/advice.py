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
    """
    add aim allow apply ask automate avoid back be begin build buy call
    change check choose clean commit compare consider continue cut decide
    delete describe design do document don't drink eat enable encourage
    ensure establish expect explain find fix focus follow forget get give go
    handle help identify imagine include invest keep learn leave let limit
    list listen look make measure meet move name note notice open pay pick
    plan practice practise prefer prepare prioritise prioritize protect put
    read reduce remember remove repeat replace review run save schedule see
    seek separate set share ship show sleep slow spend split start stay stop
    switch take talk teach tell test think track treat try turn understand
    update use verify wait walk watch write
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
