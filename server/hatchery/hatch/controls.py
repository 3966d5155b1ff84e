"""C1 control characters in page text, mended before the hatch reads it.

Text from some sources holds U+0080-U+009F: cp1252 bytes read as latin-1,
so "\\x97" stands where an em dash was meant and "\\x92" where an
apostrophe was. No one means a C1 control in prose. Each one that cp1252
gives a character to becomes that character ("\\x97" -> "—", "\\x92" ->
"’", "\\x85" -> "…"); the five cp1252 leaves undefined are dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .models import Source, SourceHighlight


def _cp1252_table() -> dict[int, str | None]:
    """Each C1 code point -> the cp1252 character its byte stands for, or
    None (drop it) where cp1252 defines none (0x81, 0x8D, 0x8F, 0x90, 0x9D)."""
    table: dict[int, str | None] = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            table[byte] = None
    return table


_C1_TO_CP1252 = _cp1252_table()
# Most text holds no C1 character: one search in C says so, and the text
# is not copied.
_ANY_C1 = re.compile("[\u0080-\u009f]")


def mend_controls(text: str) -> str:
    """`text` with each C1 control character as the cp1252 character it
    stands for, or without it where there is none.

    :param text: any text.
    """
    if not text or not _ANY_C1.search(text):
        return text
    return text.translate(_C1_TO_CP1252)


def _mend_highlight(highlight: SourceHighlight) -> SourceHighlight:
    return replace(highlight, text=mend_controls(highlight.text),
                   note=highlight.note and mend_controls(highlight.note),
                   context=highlight.context and mend_controls(highlight.context))


def mend_sources(sources: list[Source]) -> list[Source]:
    """`sources` with C1 characters mended in every text a hatch reads or
    quotes: the article, the title and site name, each highlight, its note
    and its paragraph. The page and its highlights mend alike, so a
    highlight is still found in its page. Sources with none are returned
    as they are (not copied).

    :param sources: the picked pages.
    """
    mended = []
    for source in sources:
        texts = [source.text, source.title, source.site_name or ""]
        texts += [t or "" for h in source.highlights for t in (h.text, h.note, h.context)]
        if not any(_ANY_C1.search(t) for t in texts if t):
            mended.append(source)
            continue
        mended.append(replace(source, text=mend_controls(source.text),
                              title=mend_controls(source.title),
                              site_name=source.site_name and mend_controls(source.site_name),
                              highlights=[_mend_highlight(h) for h in source.highlights]))
    return mended
