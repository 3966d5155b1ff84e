"""The page view's article: its blocks in order, with the person's
highlights drawn in the words they cover.

A highlight is drawn inside the block extraction located it in, at the
first place its exact words appear there (ignoring case and
whitespace); one that spans blocks or
overlaps another drawn one is listed under its block instead, and one not
located at all is listed after the article. Nothing here builds HTML: the
template escapes every piece.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Segment:
    text: str
    highlight: dict | None = None


@dataclass
class ReadingBlock:
    kind: str
    level: int | None
    segments: list[Segment]
    beside: list[dict] = field(default_factory=list)  # located here, not drawable inline


def _block_of(highlight: dict, texts: list[str]) -> int | None:
    context = highlight.get("context") or {}
    index = context.get("block_index")
    if context.get("found") and context.get("in_body") and isinstance(index, int) \
            and 0 <= index < len(texts):
        return index
    exact = highlight.get("exact") or ""
    return next((i for i, text in enumerate(texts) if find_quote(text, exact)), None)


def _fold(text: str) -> tuple[str, list[int]]:
    """`text` in lower case with each run of whitespace as one space, and
    for each of its characters the index it came from in `text`."""
    folded, origin = [], []
    for index, char in enumerate(text):
        if char.isspace():
            if folded and folded[-1] == " ":
                continue
            char = " "
        for lowered in char.lower():  # a few characters lower to two
            folded.append(lowered)
            origin.append(index)
    return "".join(folded), origin


def find_quote(text: str, exact: str) -> tuple[int, int] | None:
    """Where `exact` appears in `text`, ignoring case and how whitespace
    runs (the page may have had "the Moon" where the quote says "The
    Moon"); None when it does not.

    :returns: the start and end offsets in `text`
    """
    needle = _fold(exact.strip())[0]
    if not needle:
        return None
    haystack, origin = _fold(text)
    at = haystack.find(needle)
    if at < 0:
        return None
    return origin[at], origin[at + len(needle) - 1] + 1


def _split(text: str, spans: list[tuple[int, int, dict]]) -> list[Segment]:
    segments, at = [], 0
    for start, end, highlight in sorted(spans, key=lambda s: s[0]):
        if start > at:
            segments.append(Segment(text[at:start]))
        segments.append(Segment(text[start:end], highlight))
        at = end
    if at < len(text):
        segments.append(Segment(text[at:]))
    return segments


def reading_view(article: dict | None, highlights: list[dict]) -> tuple[list[ReadingBlock],
                                                                          list[dict]]:
    """The article's blocks with highlights drawn in, and the highlights
    that could not be placed in it.

    :param article: the stored Article as a dict (None: nothing extracted)
    :param highlights: the page's highlights
    """
    blocks = (article or {}).get("blocks") or []
    texts = [b.get("text") or "" for b in blocks]
    spans: dict[int, list[tuple[int, int, dict]]] = {}
    beside: dict[int, list[dict]] = {}
    unplaced = []
    for highlight in highlights:
        index = _block_of(highlight, texts)
        if index is None:
            unplaced.append(highlight)
            continue
        found = find_quote(texts[index], highlight.get("exact") or "")
        taken = spans.setdefault(index, [])
        if found is None or any(found[0] < e and s < found[1] for s, e, _ in taken):
            beside.setdefault(index, []).append(highlight)
        else:
            taken.append((*found, highlight))
    reading = [ReadingBlock(b.get("kind") or "paragraph", b.get("level"),
                            _split(texts[i], spans.get(i, [])), beside.get(i, []))
               for i, b in enumerate(blocks)]
    return reading, unplaced
