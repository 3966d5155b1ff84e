"""A hatch as Markdown: `[n]` markers after every sentence, a Sources list
that quotes each cited highlight, and the notes."""

from __future__ import annotations

import re

from .fragments import passage_link
from .parts import Citation, Sentence, Writeup
from .vocabulary import headings

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


def source_pages(citations: list[Citation]) -> list[tuple[Citation, list[Citation]]]:
    """The citations grouped by page, pages in the order first cited: each
    page (its first citation stands for it) with its citations in order."""
    pages: dict[object, list[Citation]] = {}
    for c in citations:
        pages.setdefault(c.source_id if c.source_id is not None else c.url, []).append(c)
    return [(group[0], group) for group in pages.values()]


def passage_entry(citation: Citation, article_words: str = "article text") -> str:
    """One cited highlight under its page: its marker, its words (trimmed)
    and a link to the exact passage; or the article text, linked to the page."""
    if citation.quote and citation.quote.strip():
        target = citation.link or passage_link(citation.url, citation.quote)
        return f"[{citation.n}] “{escape(shorten(citation.quote))}” ([↗](<{link(target)}>))"
    if citation.highlight_id:  # stored before quotes were kept
        return f"[{citation.n}] highlight"
    return f"[{citation.n}] {article_words}"


def sources_list(citations: list[Citation]) -> list[str]:
    """The Sources list: pages numbered, each highlight its own entry."""
    out = []
    for number, (page, cited) in enumerate(source_pages(citations), 1):
        out.append(f"{number}. [{escape(page.title)}](<{link(page.url)}>)")
        out += [f"   - {passage_entry(c)}" for c in cited]
    return out


def render_markdown(hatch: Writeup, lang: str = "en") -> str:
    """The whole hatch as Markdown text, up to its notes.

    :param hatch: the write-up.
    :param lang: the language of its section names (`vocabulary`).
    """
    names = headings(lang)
    out = [f"# {escape(hatch.title)}", "", paragraph(hatch.introduction), ""]
    for section in hatch.sections:
        out.append(f"## {escape(section.title)}")
        meta = f"*{escape(section.site)}* · " if section.site else ""
        out += [f"{meta}<{link(section.url)}>", ""]
        for para in section.paragraphs:
            out += [paragraph(para), ""]
    if hatch.threads:
        out += [f"## {names['threads']}", ""]
        for thread in hatch.threads:
            out.append(f"- **{escape(thread.phrase)}** {marks(thread.cites)}")
        out.append("")
    if hatch.advice:
        out += [f"## {names['advice']}", ""]
        for item in hatch.advice:
            out.append(f"- {escape(item.text)} {marks(item.cites)}")
        out.append("")
    if hatch.conclusion:
        out += [f"## {names['conclusion']}", "", paragraph(hatch.conclusion), ""]
    out += [f"## {names['sources']}", ""]
    out += sources_list(hatch.citations)
    return "\n".join(out) + "\n"


def render_notes(notes: list[str], lang: str = "en") -> str:
    """The Notes section that follows the hatch, or nothing without notes."""
    if not notes:
        return ""
    return f"\n## {headings(lang)['notes']}\n\n" + "".join(f"- {escape(n)}\n" for n in notes)
