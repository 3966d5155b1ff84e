"""A hatch as Markdown: `[n]` markers after every sentence, a Sources list."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Hatch, Sentence

# Characters that would turn page text into Markdown markup.
_MARKUP = re.compile(r"([\\`*_\[\]<>])")


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


def render_markdown(hatch: Hatch) -> str:
    """The whole hatch as Markdown text."""
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
    for c in hatch.citations:
        what = "highlight" if c.highlight_id else "article text"
        out.append(f"{c.n}. [{escape(c.title)}](<{link(c.url)}>), {what}")
    return "\n".join(out) + "\n"
