"""Links to the exact passage: URL text fragments (`#:~:text=`), which
Chromium-family browsers and Safari scroll to and mark.

Syntax (WICG scroll-to-text-fragment): `#:~:text=[prefix-,]start[,end][,-suffix]`,
each part percent-encoded, with "-", "," and "&" encoded too since they
are the syntax's own marks. A long passage is linked by its first and last
words (start,end), so the URL stays short and still spans the passage; a
short one gets the words around it, so the browser finds the right "the
lanes" among several.
"""

from __future__ import annotations

from urllib.parse import quote

# Passages longer than this (in words) are linked by their ends.
WHOLE_QUOTE_WORDS = 10

# Words kept at each end of a long passage.
END_WORDS = 4

# Passages this short (in words) get context words either side.
SHORT_QUOTE_WORDS = 3
CONTEXT_WORDS = 3


def encode(part: str) -> str:
    """One part of a text directive, percent-encoded with "-", "," and "&"
    escaped (quote() leaves "-" alone)."""
    return quote(part, safe="").replace("-", "%2D")


def text_directive(text: str, before: str = "", after: str = "") -> str:
    """`text=...` for `text`, with `before`/`after` context when it is short.

    :param text: the passage as it stands on the page.
    :param before: the page text just before it, if known.
    :param after: the page text just after it, if known.
    """
    words = text.split()
    if len(words) > WHOLE_QUOTE_WORDS:
        parts = [encode(" ".join(words[:END_WORDS])), encode(" ".join(words[-END_WORDS:]))]
    else:
        parts = [encode(" ".join(words))]
    if len(words) <= SHORT_QUOTE_WORDS:
        prefix = before.split()[-CONTEXT_WORDS:]
        suffix = after.split()[:CONTEXT_WORDS]
        if prefix:
            parts.insert(0, encode(" ".join(prefix)) + "-")
        if suffix:
            parts.append("-" + encode(" ".join(suffix)))
    return "text=" + ",".join(parts)


def passage_link(url: str, text: str | None, context: str | None = None) -> str:
    """`url` with a text fragment pointing at `text`; `url` itself when
    there is no text to point at.

    :param url: the page's URL (its own #fragment, if any, is kept).
    :param text: the highlighted words.
    :param context: the paragraph around them, for short passages.
    """
    words = " ".join((text or "").split())
    if not words:
        return url
    before = after = ""
    if context:
        paragraph = " ".join(context.split())
        at = paragraph.find(words)
        if at >= 0:
            before, after = paragraph[:at], paragraph[at + len(words):]
    directive = text_directive(words, before, after)
    base, hash_mark, fragment = url.partition("#")
    fragment = fragment.split(":~:", 1)[0] if hash_mark else ""
    return f"{base}#{fragment}:~:{directive}"
