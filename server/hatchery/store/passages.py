"""A page's article cut into passages for search.

Search finds and ranks pages on their whole article (`pages_fts`), but a
snippet cut from a 60 KB row costs SQLite a pass over all of it, for every
page it shows. So the article is also indexed in passages (`passages_fts`,
one row per paragraph or run of short paragraphs), and a page's snippet is
cut from its first passage that matches. A passage is a span of
`pages.article_text` (its start and length), so the text is stored once.

The schema's triggers call `passage_spans()` as an SQL function, so every
write to a page, from any part of the store, keeps its passages in step.
"""

from __future__ import annotations

import json

# Paragraphs shorter than this (headings, list items) join the next one, so
# a page full of one-line items does not become thousands of rows.
MIN_PASSAGE_CHARS = 300
# A paragraph longer than this (a page with no blank lines, text kept when
# extraction failed) is cut at a space, so no row is costly to snippet.
MAX_PASSAGE_CHARS = 3000
# What ends a paragraph in `article_text`.
PARAGRAPH_BREAK = "\n\n"
# The name the schema's triggers call it by.
SQL_FUNCTION = "passage_spans"


def passage_spans(text: str) -> list[tuple[int, int]]:
    """Where each passage of `text` starts and how long it is, in order.

    Passages cover every paragraph; blank runs between them are left out.
    Linear in the length of `text`.

    :param text: an article as `pages.article_text` holds it
    """
    spans: list[tuple[int, int]] = []
    start = end = None  # of the passage being gathered
    for begin, end in _paragraphs(text):
        if start is None:
            start = begin
        if end - start >= MIN_PASSAGE_CHARS:
            spans.extend(_cut(text, start, end))
            start = None
    if start is not None:  # the last paragraphs, short together
        spans.extend(_cut(text, start, end))
    return spans


def spans_json(text: str | None) -> str:
    """`passage_spans` as the JSON list of [start, length] pairs the
    triggers read with json_each; what SQLite calls."""
    return json.dumps(passage_spans(text) if isinstance(text, str) else [])


def _paragraphs(text: str):
    """(start, end) of each non-blank paragraph."""
    pos, size = 0, len(text)
    while pos < size:
        end = text.find(PARAGRAPH_BREAK, pos)
        if end < 0:
            end = size
        if text[pos:end].strip():
            yield pos, end
        pos = end + len(PARAGRAPH_BREAK)


def _cut(text: str, start: int, end: int):
    """(start, length) pieces of text[start:end], none longer than
    MAX_PASSAGE_CHARS, each cut after a space when there is one."""
    while end - start > MAX_PASSAGE_CHARS:
        space = text.rfind(" ", start + 1, start + MAX_PASSAGE_CHARS)
        cut = space + 1 if space > start else start + MAX_PASSAGE_CHARS
        yield start, cut - start
        start = cut
    yield start, end - start
