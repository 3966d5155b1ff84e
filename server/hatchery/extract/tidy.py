"""Block-level clean-up after readability: the headline, byline and date
lines, calls to action ("Read more: ...", "Follow us on ..."), lone links
to other stories, and a block repeating its neighbour are not part of the
article body."""

from __future__ import annotations

import re

from .metadata import Metadata
from .model import Block

# A byline, dateline or call to action is a short block; past this it is prose.
MAX_BYLINE_CHARS = 120
MAX_CALL_TO_ACTION_CHARS = 300

# A short block that is (nearly) all link text is a link to another story.
MIN_LINK_RATIO = 0.9
MAX_LINK_BLOCK_CHARS = 160

_NORM_RE = re.compile(r"\W+")
_BYLINE_RE = re.compile(
    r"^(?:by|von|par|por|door|written by|posted by|reporting by)\s+\S", re.I)
_CREDIT_RE = re.compile(
    r"^(?:photo|image|picture|credit|foto)s?\s*(?:credit)?\s*:", re.I)
# How sites start the lines that point away from the article. English only
# plus a few common equivalents; each is a whole leading phrase.
_CALL_TO_ACTION_RE = re.compile(r"""^\W*(?:
    read\ (?:more|also|next|the\ full)|related(?:\ articles?|\ stories|\ roundup)?\s*:
  | (?:see|watch|listen)\ (?:also|more|the\ video)\b|also\ (?:read|see|on)\b|more\ on\b
  | don'?t\ miss|you\ (?:may|might)\ also|recommended(?:\ for\ you)?\s*:
  | follow\ (?:us|him|her|them|[\w@.]+\ on)\b|like\ this\ story|share\ (?:this|on)\b
  | sign\ up\b|subscribe\b|click\ here\b|get\ (?:the\ )?[\w ]{0,30}\ app\b
  | have\ a\ (?:news\ )?tip|email\ [\w .]{1,40}\ at\ |contact\ (?:the\ )?(?:author|reporter)
  | image\ \d+\ of\ \d+|photo\ \d+\ of\ \d+|advert(?:isement)?\s*$|comments?\s*$
  | tags?\s*:|filed\ under\s*:|leia\ (?:tamb[ée]m|mais)|lesen\ sie\ auch|lire\ aussi
  | leggi\ anche|lee\ (?:tambi[ée]n|m[áa]s)
  | tags\ [^.]{0,200},[^.]{0,200}$
  | listen\ (?:to\ [\w ]{1,30}\ )?live\b|reach\ (?:the\ )?(?:reporters?|authors?|writers?)\b
  | follow\ [\w’']+\ (?:full\ )?coverage\b|more\ great\ \w+\ stories|more\s*:?\s*$
  | if\ you\ (?:enjoyed|liked)\ this\b
  | (?:reading\ time|tempo\ de\ leitura|tiempo\ de\ lectura|lesezeit|temps\ de\ lecture)\s*:
  | [^.]{0,80}\ contributed\ to\ this\ (?:report|story|article)
  | \(?(?:additional\ )?reporting\ by\ [^.]{0,200}(?:editing|writing)\ by
)""", re.I | re.X)
_DATELINE_RE = re.compile(
    r"^\W*(?:(?:updated|published|posted|last\ updated)\b.{0,60}$"
    r"|[\w\-]+,?\s+\d{1,2}\s+(?:de\s+)?\w+\s+(?:de\s+)?\d{4}.{0,20}$)",
    re.I | re.X)


# A link written out as its address is a reference the author cites.
_REFERENCE_RE = re.compile(r"^\s*(?:https?://|www\.|\S+@\S+\.\w+\s*$)", re.I)


# A WordPress-style shortcode the site failed to render: "[button ...]...[/button]".
_SHORTCODE_RE = re.compile(r"^\s*\[(\w+)\b[^\]]*\].*\[/\1\]\s*$", re.S)


def _norm(text: str) -> str:
    return _NORM_RE.sub("", text).lower()


def is_title_block(block: Block, meta: Metadata, leading: bool) -> bool:
    """The headline: a block repeating the page title, or an h1 before the
    article's first paragraph (`leading`)."""
    if leading and block.kind == "heading" and block.level == 1:
        return True
    if not meta.title or len(block.text) > 2 * len(meta.title) + 20:
        return False
    return _norm(block.text) == _norm(meta.title)


def is_byline_block(block: Block, meta: Metadata, leading: bool = True) -> bool:
    """A short "By Jane Doe" / "Photo: AP" line, or an "Updated 3 pm" line
    before the first paragraph (`leading`; later, "Born 14 March 1879 in
    Ulm." is prose)."""
    if len(block.text) > MAX_BYLINE_CHARS or block.kind == "code":
        return False
    if _BYLINE_RE.match(block.text) or _CREDIT_RE.match(block.text):
        return True
    if leading and _DATELINE_RE.match(block.text):
        return True
    return bool(meta.byline) and _norm(block.text) == _norm(meta.byline)


def is_call_to_action(block: Block) -> bool:
    """A short "Read more: ...", "Follow us on ...", "Sign up ..." line."""
    if block.kind == "code" or len(block.text) > MAX_CALL_TO_ACTION_CHARS:
        return False
    return bool(_CALL_TO_ACTION_RE.match(block.text)
                or _SHORTCODE_RE.match(block.text))


def is_link_block(block: Block, link_ratio: float) -> bool:
    """A short block that is nothing but a link elsewhere."""
    return (link_ratio >= MIN_LINK_RATIO
            and len(block.text) <= MAX_LINK_BLOCK_CHARS
            and not _REFERENCE_RE.match(block.text)
            and block.kind in ("paragraph", "heading"))


def tidy_blocks(blocks: list[tuple[Block, float]], meta: Metadata,
                dropped: list[Block] | None = None) -> list[Block]:
    """Drop non-article blocks; `blocks` pairs each block with its link ratio.
    Dropped blocks are appended to `dropped` when it is given.

    A block repeating the one just before it goes too (slideshows repeat
    captions); recipes legitimately repeat lines further apart, so only
    neighbours count.
    """
    kept: list[Block] = []
    previous = ""
    for block, link_ratio in blocks:
        key = _norm(block.text)
        if not key or key == previous:
            continue
        previous = key
        leading = not any(b.kind == "paragraph" for b in kept)
        if (is_title_block(block, meta, leading)
                or is_byline_block(block, meta, leading)
                or is_call_to_action(block) or is_link_block(block, link_ratio)):
            if dropped is not None:
                dropped.append(block)
            continue
        kept.append(block)
    return kept
