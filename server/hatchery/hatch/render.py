"""A hatch as Markdown: `[n]` markers after every sentence, a Sources list
that quotes each cited highlight, and the notes."""

from __future__ import annotations

import re

from .parts import Citation, Sentence, Writeup

# Characters that would turn page text into Markdown markup.
_MARKUP = re.compile(r"([\\`*_\[\]<>])")

# A Sources entry quotes at most this many characters of its highlight:
# enough to recognise the passage, short enough to keep the list a list.
QUOTE_CHARS = 200

# A shortened quote is cut at the last word end, unless that would keep
# less than this share of QUOTE_CHARS (one enormous "word", such as a URL).
QUOTE_MIN_SHARE = 0.5


def escape(text: str) -> str:
    """Page text as literal Markdown text."""
    return _MARKUP.sub(r"\\\1", text)


def link(url: str) -> str:
    """A URL safe inside `<...>`: the characters that would end it or break
    the line are percent-encoded."""
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20").replace("\n", "")


def marks(cites: list[int]) -> str:
    """`[1][3]` for citations 1 and 3."""
    return "".join(f"[{n}]" for n in cites)


def paragraph(sentences: list[Sentence]) -> str:
    """Sentences joined as one paragraph, each followed by its markers."""
    return " ".join(f"{escape(s.text)} {marks(s.cites)}" for s in sentences)


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """`text` on one line, cut at a word end to at most `limit` characters
    (and an ellipsis) when longer.

    :param text: any text; runs of whitespace become one space.
    :param limit: the most characters kept before the ellipsis.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    at = head.rfind(" ")
    if at >= limit * QUOTE_MIN_SHARE:
        head = head[:at]
    return head.rstrip(" ,;:.") + "…"


def source_entry(citation: Citation) -> str:
    """One line of the Sources list: the cited words and the page they are
    on, or the page alone when its article text is cited."""
    page = f"[{escape(citation.title)}](<{link(citation.url)}>)"
    if citation.quote and citation.quote.strip():
        return f"{citation.n}. “{escape(shorten(citation.quote))}” — {page}"
    what = "highlight" if citation.highlight_id else "article text"
    return f"{citation.n}. {page}, {what}"


def render_markdown(hatch: Writeup) -> str:
    """The whole hatch as Markdown text, up to its notes."""
    out = [f"# {escape(hatch.title)}", "", paragraph(hatch.introduction), ""]
    for section in hatch.sections:
        out.append(f"## {escape(section.title)}")
        meta = f"*{escape(section.site)}* · " if section.site else ""
        out += [f"{meta}<{link(section.url)}>", ""]
        for para in section.paragraphs:
            out += [paragraph(para), ""]
    if hatch.threads:
        out += ["## Common threads", ""]
        for thread in hatch.threads:
            where = f", in {len(thread.source_ids)} sources" if len(thread.source_ids) > 1 else ""
            out.append(f"- **{escape(thread.phrase)}**{where} {marks(thread.cites)}")
        out.append("")
    if hatch.advice:
        out += ["## Actionable advice", ""]
        for item in hatch.advice:
            out.append(f"- {escape(item.text)} {marks(item.cites)}")
        out.append("")
    if hatch.conclusion:
        out += ["## In conclusion", "", paragraph(hatch.conclusion), ""]
    out += ["## Sources", ""]
    out += [source_entry(c) for c in hatch.citations]
    return "\n".join(out) + "\n"


def render_notes(notes: list[str]) -> str:
    """The Notes section that follows the hatch, or nothing without notes."""
    if not notes:
        return ""
    return "\n## Notes\n\n" + "".join(f"- {escape(n)}\n" for n in notes)
