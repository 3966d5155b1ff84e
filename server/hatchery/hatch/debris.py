"""Web debris: the text around an article that is not the article.

Extraction keeps the odd share prompt, embed notice, image credit or
"Advertisement" line; ranking must never pick one as a key sentence. Rules
are kept as short patterns on whole blocks and on single sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..sentences import split_blocks, split_sentences, word_count

# Blocks shorter than this with no sentence stop are headings, captions,
# bylines or buttons; they are context, not prose worth quoting.
MIN_PROSE_WORDS = 6

# A sentence must have at least this many words to stand on its own in a
# summary; shorter ones are fragments ("Read more:", "Photo").
MIN_SENTENCE_WORDS = 5

# Above this a "sentence" is usually a run-on list, a table or a lost split.
MAX_SENTENCE_WORDS = 70

# Each rule is (trigger, pattern): the pattern runs only when the trigger,
# a plain lowercase substring, is in the lowercased text, which keeps a check
# to a few substring tests for ordinary prose. A pattern starting "^" must
# match at the start of the block or sentence.
_RULES = [
    # social and share prompts
    ("tweet", r"\btweet with a location\b"),
    ("tweet", r"\badd (?:location information|a location) to your tweets?\b"),
    ("tweet", r"\byou always have the option to delete your tweet location\b"),
    ("share", r"\b(?:share|post) (?:this|on) (?:story|article|facebook|twitter)\b"),
    ("", r"^(?:share|tweet|email|e-mail|print|comment|like|follow)(?: this)?\b.{0,40}$"),
    ("follow", r"\bfollow (?:us|him|her|them) on (?:twitter|facebook|instagram)\b"),
    ("click", r"\bclick (?:here|to (?:share|email|print|watch|see))\b"),
    ("to a friend", r"\be-?mail this to a friend\b"),
    ("sign up", r"\bsign up (?:for|to) (?:our|the)\b.{0,40}\bnewsletter"),
    ("subscribe", r"\bsubscribe (?:now|today|to our)\b"),
    ("get breaking", r"\bget breaking news\b.{0,60}\b(?:alerts|notifications|app|inbox|device)\b"),
    ("get push", r"\bget push notifications\b"),
    ("get the latest", r"\bget the latest\b.{0,60}\b(?:alerts|notifications|app|inbox)\b"),
    (" tip", r"\b(?:have a|got a) (?:news )?tip\b"),
    # ads and page furniture
    ("advertisement", r"^advertisement\b"),
    ("continue", r"\bcontinue reading (?:the main story|below)\b"),
    ("continue", r"\bstory continue[sd] below\b"),
    ("", r"^(?:read|see|watch) (?:more|also|next|the full)\b.{0,80}$"),
    (":", r"^(?:related|also|more|photos?|video|watch|listen|editor's note)\s*:"),
    ("javascript", r"\bplease enable javascript\b"),
    ("browser", r"\byour browser does not support\b"),
    ("autoplay", r"\bautoplay\b"),
    ("cookie", r"\bwe use cookies\b|\bcookie policy\b"),
    ("policy", r"\bprivacy policy\b"),
    ("terms of", r"\bterms of (?:use|service)\b"),
    ("rights reserved", r"\ball rights reserved\b"),
    ("may not be", r"\bthis material may not be published\b"),
    ("copyright", r"^copyright\b"),
    ("©", r"©"),
    ("credit", r"\b(?:image|photo|picture|video) credit\b"),
    ("courtesy", r"\b(?:image|photo|picture|video) courtesy\b"),
    ("copyright", r"\b(?:image|photo|picture|video) copyright\b"),
    ("", r"^\(?(?:image|photo|picture|credit)s?\s*:"),
    ("getty", r"\bgetty images\b.{0,40}$"),
    ("photo", r"\bap photo\b.{0,40}$"),
    ("/", r"\b(?:reuters|afp)/.{0,40}$"),
    ("updated", r"\bthis (?:article|story) (?:was|has been) updated\b"),
    ("corrected", r"\bthis (?:article|story) (?:was|has been) corrected\b"),
    ("", r"^(?:posted|published|updated|last updated)\b.{0,60}$"),
    ("by ", r"^by [A-Z][^.]{0,60}$"),
    # web-archive crawl notes that end up as "documents"
    ("crawl", r"\bthe seed for (?:this|the) crawl\b|\bthis crawl was run\b"),
    ("wayback", r"\bwayback machine\b"),
    ("warc", r"\bwarc files?\b"),
    ("ranked urls", r"\bmost highly ranked urls\b"),
    # video players and photo captions inside article text
    ("story highlights", r"^story highlights\b"),
    ("just watched", r"\bjust watched\b"),
    ("photo", r"\bfile photo\b|^file\s*[-–—]|\bthis (?:\w+ )?(?:\d{4} )?(?:photo|image|picture)\b.{0,40}\bshows\b"),
    ("photo", r"\|\s*photo\b|\bphoto by\b.{0,40}$|\(photo\s*:"),
    ("caption", r"\bimage caption\b|\bcaption\s*:"),
]
_COMPILED = [
    (trigger, re.compile(p[1:], re.I).match if p.startswith("^") else re.compile(p, re.I).search)
    for trigger, p in _RULES
]

# A block longer than this is an article paragraph that may merely mention
# a share button or a photo ("he said in a post on Facebook"); only the
# rules below, which no article sentence matches, drop it whole. Its debris
# sentences are still dropped one by one.
LONG_BLOCK_WORDS = 40
_STRONG = [
    (trigger, test)
    for (trigger, test), (_, p) in zip(_COMPILED, _RULES)
    if trigger in {"tweet", "crawl", "wayback", "warc", "ranked urls", "rights reserved",
                   "may not be", "javascript", "browser", "just watched"}
]
_SYMBOLS_ONLY = re.compile(r"^[\W_]+$")
# Every rule's trigger at once, so most sentences (which hold none) test
# only the rules without one: a Python loop over forty rules per sentence
# was a tenth of a hatch. An alternation of literals is linear.
_UNTRIGGERED = [(t, test) for t, test in _COMPILED if not t]
_ANY_TRIGGER = re.compile("|".join(sorted({re.escape(t) for t, _ in _COMPILED if t}, key=len, reverse=True)))


# A person hatching again (another length, another pick of the same pages)
# asks this of the same sentences: a tenth of a warm hatch.
@lru_cache(maxsize=65536)
def is_debris(text: str) -> bool:
    """True when `text` (a block or a sentence) is page furniture, not prose."""
    text = text.strip()
    if not text or _SYMBOLS_ONLY.match(text):
        return True
    lowered = text.lower()
    if word_count(text) > LONG_BLOCK_WORDS:
        rules = _STRONG
    elif _ANY_TRIGGER.search(lowered):
        rules = _COMPILED
    else:
        rules = _UNTRIGGERED
    return any(trigger in lowered and test(text) for trigger, test in rules)


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


# A news dateline or page-furniture prefix before the first real word:
# "LONDON (Reuters) - ", "CHICAGO, Jan 6 (UPI) -- ", "(CNN) — ", "CLOSE ",
# "SATURDAY UPDATE: ". All-caps place names only, so "I - ..." survives.
_DATELINE = re.compile(
    r"^(?:"
    r"(?:[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+)*(?:,(?: [A-Z][\w.'’]*){1,3})?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?\s*)?"
    r"\((?:[A-Z][\w.&' ]{1,25})\)\s*(?:[-–—]{1,2}|:)?\s+"
    r"|[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+)*(?:,(?: [A-Z][\w.'’]*){1,3})?\s*(?:--|[–—]|-(?= ))\s*"
    r"|CLOSE\s+"
    r"|(?:[A-Z]+ )?(?:UPDATE|UPDATED|ORIGINAL POST|EXCLUSIVE|BREAKING)\s*:\s*"
    r")"
)


def trim(sentence: str) -> str:
    """`sentence` without a leading dateline or furniture prefix."""
    match = _DATELINE.match(sentence)
    if not match or match.end() >= len(sentence):
        return sentence
    rest = sentence[match.end():].lstrip()
    return rest[:1].upper() + rest[1:] if rest else sentence


def clean_sentences(text: str) -> list[str]:
    """The quotable sentences of `text` after debris is cut, datelines off."""
    return quotable_sentences(split_sentences(clean_text(text)))


def quotable_sentences(sentences: list[str]) -> list[str]:
    """The quotable ones of `sentences` (split from debris-free text),
    datelines off and tidied."""
    out = []
    for sentence in sentences:
        sentence = tidy(trim(sentence))
        if is_quotable(sentence):
            out.append(sentence)
    return out


# Page labels extraction glues to the sentence after them ("Summary Studies
# show...", "Key takeaways You can..."): dropped when a capitalised word
# follows, so "Summary judgments are..." keeps its first word.
_GLUED_LABEL = re.compile(
    r"^(?:Summary|Key takeaways?|Key points|Takeaways?|Advertisement|TL;?DR|Highlights"
    r"|Overview|In brief|At a glance|Related|Sponsored)\s*[:.\-–—]?\s+(?=[\"“‘']?[A-Z0-9])"
)

def strip_label(sentence: str) -> str:
    """`sentence` without a page label glued to its front."""
    match = _GLUED_LABEL.match(sentence)
    return sentence[match.end():] if match and match.end() < len(sentence) else sentence


_QUOTE_MARKS = re.compile('["“”„«»「」]')


def _unmatched(s: str, opener: str, closer: str) -> set[int]:
    """Positions of the `opener`s no `closer` follows and of the `closer`s
    no `opener` precedes: one pass, a stack of open positions."""
    open_at: list[int] = []
    stray: set[int] = set()
    for i, ch in enumerate(s):
        if ch == opener:
            open_at.append(i)
        elif ch == closer:
            if open_at:
                open_at.pop()
            else:
                stray.add(i)
    return stray | set(open_at)


def _unmatched_straight(s: str) -> set[int]:
    """The straight quote `"` left over when they are an odd number: the
    one at an end when there is one, else the last (the quote that opens
    and never closes, `He said: "It works.`)."""
    at = [i for i, ch in enumerate(s) if ch == '"']
    if len(at) % 2 == 0:
        return set()
    if at[0] == 0:
        return {0}
    return {at[-1]}


def balance_quotes(sentence: str) -> str:
    """`sentence` without an unmatched quotation mark, at an end or in the
    middle: a quote the sentence opens and another sentence closes (or the
    reverse), as in `He said: “It works.`"""
    s = sentence.strip()
    if not _QUOTE_MARKS.search(s):
        return s or sentence
    stray = _unmatched_straight(s)
    # German opens with „ and closes with “, which English opens with.
    pairs = [("„", "“")] if "„" in s else [("“", "”")]
    for opener, closer in pairs + [("«", "»"), ("「", "」")]:
        stray |= _unmatched(s, opener, closer)
    if not stray:
        return s or sentence
    kept = "".join(ch for i, ch in enumerate(s) if i not in stray)
    # A mark that stood between words leaves two spaces or one before a stop.
    kept = " ".join(kept.split())
    return kept or sentence


def tidy(sentence: str) -> str:
    """A source's sentence as the hatch quotes it: no glued page label, no
    unmatched quotation mark at an end."""
    return balance_quotes(strip_label(sentence))
