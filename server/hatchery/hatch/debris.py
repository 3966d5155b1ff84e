"""Web debris: the text around an article that is not the article.

Extraction keeps the odd share prompt, embed notice, image credit or
"Advertisement" line; ranking must never pick one as a key sentence. Rules
are kept as short patterns on whole blocks and on single sentences.
"""

from __future__ import annotations

import re

from .sentences import split_blocks, split_sentences, word_count

# Blocks shorter than this with no sentence stop are headings, captions,
# bylines or buttons; they are context, not prose worth quoting.
MIN_PROSE_WORDS = 6

# A sentence must have at least this many words to stand on its own in a
# summary; shorter ones are fragments ("Read more:", "Photo").
MIN_SENTENCE_WORDS = 5

# Above this a "sentence" is usually a run-on list, a table or a lost split.
MAX_SENTENCE_WORDS = 70

_DEBRIS_PATTERNS = [
    # social and share prompts
    r"\btweet with a location\b",
    r"\badd (?:location information|a location) to your tweets?\b",
    r"\byou always have the option to delete your tweet location\b",
    r"\b(?:share|post) (?:this|on) (?:story|article|facebook|twitter)\b",
    r"^(?:share|tweet|email|e-mail|print|comment|like|follow)(?: this)?\b.{0,40}$",
    r"\bfollow (?:us|him|her|them) on (?:twitter|facebook|instagram)\b",
    r"\bclick (?:here|to (?:share|email|print|watch|see))\b",
    r"\be-?mail this to a friend\b",
    r"\bsign up (?:for|to) (?:our|the)\b.{0,40}\bnewsletter",
    r"\bsubscribe (?:now|today|to our)\b",
    r"\bget (?:breaking news|push notifications|the latest)\b.{0,60}\b(?:alerts|notifications|app|inbox|device)\b",
    r"\b(?:have a|got a) (?:news )?tip\b",
    # ads and page furniture
    r"^advertisement\b",
    r"\bcontinue reading (?:the main story|below)\b",
    r"\bstory continue[sd] below\b",
    r"^(?:read|see|watch) (?:more|also|next|the full)\b.{0,80}$",
    r"^(?:related|also|more|photos?|video|watch|listen|exclusive|update|editor's note)\s*:",
    r"\bplease enable javascript\b",
    r"\byour browser does not support\b",
    r"\bautoplay\b",
    r"\bwe use cookies\b|\bcookie policy\b|\bprivacy policy\b|\bterms of (?:use|service)\b",
    r"\ball rights reserved\b|\bthis material may not be published\b",
    r"^copyright\b|©",
    r"\b(?:image|photo|picture|video) (?:copyright|credit|courtesy)\b",
    r"^\(?(?:image|photo|picture|credit)s?\s*:",
    r"\b(?:getty images|ap photo|reuters/|afp/)\b.{0,40}$",
    r"\bthis (?:article|story) (?:was|has been) (?:updated|corrected)\b",
    r"^(?:posted|published|updated|last updated)\b.{0,60}$",
    r"^by [A-Z][^.]{0,60}$",
    # web-archive crawl notes that end up as "documents"
    r"\bthe seed for (?:this|the) crawl\b|\bwayback machine\b|\bwarc files?\b",
    r"\bthis crawl was run\b|\bmost highly ranked urls\b",
]
_DEBRIS = re.compile("|".join(f"(?:{p})" for p in _DEBRIS_PATTERNS), re.I)
_SYMBOLS_ONLY = re.compile(r"^[\W_]+$")


def is_debris(text: str) -> bool:
    """True when `text` (a block or a sentence) is page furniture, not prose."""
    text = text.strip()
    if not text or _SYMBOLS_ONLY.match(text):
        return True
    return bool(_DEBRIS.search(text))


def _looks_like_prose(block: str) -> bool:
    """A block is prose when it is long enough or ends like a sentence."""
    if word_count(block) >= MIN_PROSE_WORDS and re.search(r"[.!?…。！？\"”’)]$", block):
        return True
    return word_count(block) >= 3 * MIN_PROSE_WORDS


def clean_text(text: str) -> str:
    """`text` without debris blocks, headings and captions."""
    kept = [b for b in split_blocks(text) if _looks_like_prose(b) and not is_debris(b)]
    return "\n\n".join(kept)


def is_quotable(sentence: str) -> bool:
    """True when a sentence can stand in a summary on its own."""
    n = word_count(sentence)
    return MIN_SENTENCE_WORDS <= n <= MAX_SENTENCE_WORDS and not is_debris(sentence)


def clean_sentences(text: str) -> list[str]:
    """The quotable sentences of `text` after debris is cut."""
    return [s for s in split_sentences(clean_text(text)) if is_quotable(s)]
