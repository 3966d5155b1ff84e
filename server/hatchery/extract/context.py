"""Where a highlight sits in an article: its block, the sentences around it
and the headings above it.

The browser's selection text and the extractor's text differ in small ways:
whitespace and line breaks (`<br>`, inline markup), soft hyphens, curly
quotes and dashes, ligatures. We therefore match on a *compact* form: the
NFKC-normalised, lower-cased letters and digits only, with a map back to the
original characters. Several matches are told apart by the highlight's
prefix and suffix, as the extension's anchoring does.
"""

from __future__ import annotations

import bisect
import unicodedata

from ..sentences import sentence_spans
from .model import Article, Block, HighlightContext


# Occurrences of a needle considered before picking one by prefix/suffix.
MAX_OCCURRENCES = 200

# A long highlight not found verbatim is matched by its first and last this
# many compact characters, spanning at most APPROX_MAX_STRETCH its length.
APPROX_END_CHARS = 24
APPROX_MAX_STRETCH = 1.3

# Sentences are looked for only this far either side of the highlight: a
# block can be 200 KB, and context needs a sentence or two.
CONTEXT_WINDOW_CHARS = 1500


def compact(text: str) -> tuple[str, list[int]]:
    """Letters and digits of `text`, NFKC-normalised and lower-cased, with
    the index in `text` each compact character came from."""
    chars: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        if c.isascii():
            if c.isalnum():
                chars.append(c.lower())
                index.append(i)
            continue
        for n in unicodedata.normalize("NFKC", c).lower():
            if n.isalnum():
                chars.append(n)
                index.append(i)
    return "".join(chars), index


class _Corpus:
    """Blocks joined in compact form, with block boundaries."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.maps: list[list[int]] = []
        self.offsets: list[int] = []
        parts = []
        total = 0
        for block in blocks:
            text, index = compact(block.text)
            self.offsets.append(total)
            self.maps.append(index)
            parts.append(text)
            total += len(text)
        self.text = "".join(parts)

    def block_at(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.offsets, position) - 1)

    def _score(self, start: int, end: int, prefix: str,
               suffix: str) -> tuple[int, bool]:
        """Agreement of prefix and suffix, then: does the match stay inside
        one block (a selection rarely straddles two paragraphs)."""
        within = self.block_at(start) == self.block_at(end - 1)
        return _affix_score(self.text, start, end, prefix, suffix), within

    def find(self, needle: str, prefix: str,
             suffix: str) -> tuple[int, int] | None:
        """(start, end) of the best occurrence of `needle`, or None."""
        best, best_score = None, (-1, False)
        start = self.text.find(needle)
        count = 0
        while start != -1 and count < MAX_OCCURRENCES:
            end = start + len(needle)
            score = self._score(start, end, prefix, suffix)
            if score > best_score:
                best, best_score = (start, end), score
            start = self.text.find(needle, start + 1)
            count += 1
        return best

    def find_ends(self, needle: str, prefix: str,
                  suffix: str) -> tuple[int, int] | None:
        """Approximate match for a long highlight whose middle differs from
        the extracted text (a footnote marker or an ad the extractor dropped,
        a word the page changed): its first and last APPROX_END_CHARS compact
        characters, in order, no further apart than the highlight allows."""
        if len(needle) < 3 * APPROX_END_CHARS:
            return None
        head, tail = needle[:APPROX_END_CHARS], needle[-APPROX_END_CHARS:]
        limit = int(len(needle) * APPROX_MAX_STRETCH) + APPROX_END_CHARS
        best, best_score = None, (-1, False)
        start = self.text.find(head)
        count = 0
        while start != -1 and count < MAX_OCCURRENCES:
            stop = self.text.find(tail, start + len(head), start + limit)
            if stop != -1:
                end = stop + len(tail)
                score = self._score(start, end, prefix, suffix)
                if score > best_score:
                    best, best_score = (start, end), score
            start = self.text.find(head, start + 1)
            count += 1
        return best

    def locate(self, needle: str, prefix: str,
               suffix: str) -> tuple[int, int] | None:
        """Exact match first, then the approximate one."""
        return (self.find(needle, prefix, suffix)
                or self.find_ends(needle, prefix, suffix))


def _affix_score(text: str, start: int, end: int, prefix: str,
                 suffix: str) -> int:
    """How many compact characters of prefix and suffix agree around a match."""
    score = 0
    before = text[max(0, start - len(prefix)):start]
    for a, b in zip(reversed(prefix), reversed(before)):
        if a != b:
            break
        score += 1
    for a, b in zip(suffix, text[end:end + len(suffix)]):
        if a != b:
            break
        score += 1
    return score


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """The text from the sentence before the highlight's sentence up to the
    highlight, and from the highlight to the end of the sentence after it."""
    offset = max(0, start - CONTEXT_WINDOW_CHARS)
    text = text[offset:end + CONTEXT_WINDOW_CHARS]
    start, end = start - offset, end - offset
    spans = sentence_spans(text)
    first = next((i for i, (s, e) in enumerate(spans) if s <= start < e), 0)
    last = next((i for i, (s, e) in enumerate(spans) if s < end <= e),
                len(spans) - 1)
    begin = spans[max(0, first - 1)][0]
    finish = spans[min(len(spans) - 1, last + 1)][1]
    return text[begin:start].strip(), text[end:finish].strip()


def heading_path(blocks: list[Block], index: int) -> list[str]:
    """The headings above block `index`, outermost first."""
    path: list[tuple[int, str]] = []
    for block in blocks[: index + 1]:
        if block.kind != "heading":
            continue
        level = block.level or 1
        path = [(lv, t) for lv, t in path if lv < level] + [(level, block.text)]
    return [t for _, t in path]


def locate_blocks(blocks: list[Block], exact: str, prefix: str = "",
                  suffix: str = "") -> tuple[int, int] | None:
    """The first and last index in `blocks` a highlight spans, or None.

    :param blocks: blocks in reading order (an article's, or a page's).
    :param exact: the highlighted text as the browser saw it.
    :param prefix: text just before the highlight on the page.
    :param suffix: text just after it.
    """
    needle, _ = compact(exact or "")
    if not needle:
        return None
    corpus = _Corpus(blocks)
    span = corpus.locate(needle, compact(prefix or "")[0],
                         compact(suffix or "")[0])
    if span is None:
        return None
    return corpus.block_at(span[0]), corpus.block_at(span[1] - 1)


def find_context(article: Article, exact: str, prefix: str = "",
                 suffix: str = "") -> HighlightContext:
    """Find where a highlight sits in `article`.

    :param article: what `extract_article` returned for the page.
    :param exact: the highlighted text as the browser saw it.
    :param prefix: text just before the highlight on the page (any length).
    :param suffix: text just after it.
    :returns: found/in_body True with the block, the text before and after
        it (up to one sentence beyond its own) and the heading path; found
        True and in_body False when it is only in `article.outside` (a
        caption, an aside); found False when it is nowhere.
    """
    needle, _ = compact(exact or "")
    if not needle:
        return HighlightContext(found=False, in_body=False)
    pre, _ = compact(prefix or "")
    suf, _ = compact(suffix or "")

    body = _Corpus(article.blocks)
    span = body.locate(needle, pre, suf)
    if span is not None:
        start, end = span
        i = body.block_at(start)
        block = article.blocks[i]
        index = body.maps[i]
        local_start = index[start - body.offsets[i]]
        last = end - 1 - body.offsets[i]
        local_end = index[last] + 1 if last < len(index) else len(block.text)
        before, after = _around(block.text, local_start, local_end)
        if block.kind == "heading":
            path = heading_path(article.blocks, i)[:-1]
        else:
            path = heading_path(article.blocks, i)
        return HighlightContext(True, True, i, block.text, before, after,
                                path, block.kind)

    outside = _Corpus(article.outside)
    span = outside.locate(needle, pre, suf)
    if span is not None:
        block = article.outside[outside.block_at(span[0])]
        return HighlightContext(True, False, None, block.text,
                                block_kind=block.kind)
    return HighlightContext(found=False, in_body=False)
