"""Drop scripts, styles, inline SVG and comments from raw HTML text, in
linear time.

A huge page is mostly scripts and styles; removing them before the page is
cut to size keeps its article. The obvious regex (``<!--.*?-->`` and
friends) is quadratic on a page full of openings that never close: each
``<!--`` scans to the end of the text looking for ``-->``. Here every search
for a closing remembers its answer, and the openings are visited in order,
so each part of the text is scanned a bounded number of times whatever the
page holds. An opening that never closes is left as it is, as the regex
left it.
"""

from __future__ import annotations

import re

# The openings we drop, and the closing each one waits for. JSON-LD scripts
# are metadata and stay.
_OPENING_RE = re.compile(r"<(?:(!--)|(script|style|svg|noscript)\b)", re.I)
_CLOSING_RES = {
    "!--": re.compile(r"-->"),
    "script": re.compile(r"</script\s*>", re.I),
    "style": re.compile(r"</style\s*>", re.I),
    "svg": re.compile(r"</svg\s*>", re.I),
    "noscript": re.compile(r"</noscript\s*>", re.I),
}
_TAG_END_RE = re.compile(">")
_JSON_LD_RE = re.compile(r"ld\+json", re.I)


class _ForwardSearch:
    """`pattern.search(text, start)` for starts that only grow, each answer
    reused while it is still ahead: the scanned stretches never overlap, so
    all searches together cost one pass over the text per pattern."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.answers: dict = {}

    def find(self, pattern: re.Pattern, start: int) -> tuple[int, int] | None:
        """(start, end) of the first match at or after `start`, or None."""
        known = self.answers.get(pattern)
        if known is not None:
            searched_from, span = known
            if searched_from <= start and (span is None or span[0] >= start):
                return span
        match = pattern.search(self.text, start)
        span = match.span() if match else None
        self.answers[pattern] = (start, span)
        return span


def strip_heavy(text: str) -> str:
    """`text` with every closed comment, script (not JSON-LD), style, svg and
    noscript element replaced by a space.

    :param text: raw HTML, any size.
    :returns: the HTML without those elements.
    """
    search = _ForwardSearch(text)
    out: list[str] = []
    kept_from = 0
    position = 0
    while True:
        opening = _OPENING_RE.search(text, position)
        if opening is None:
            break
        start = opening.start()
        name = (opening.group(1) or opening.group(2)).lower()
        body_from = opening.end()
        if name == "script":
            tag_end = search.find(_TAG_END_RE, body_from)
            if tag_end is None:
                break  # no ">" left anywhere: nothing further can close
            json_ld = search.find(_JSON_LD_RE, body_from)
            if json_ld is not None and json_ld[0] < tag_end[0]:
                position = start + 1
                continue
            body_from = tag_end[1]
        closing = search.find(_CLOSING_RES[name], body_from)
        if closing is None:
            position = start + 1  # never closed: leave it, as a browser shows it
            continue
        out.append(text[kept_from:start])
        out.append(" ")
        kept_from = position = closing[1]
    out.append(text[kept_from:])
    return "".join(out)
