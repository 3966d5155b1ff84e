"""The prompt, versioned: a stored hatch records PROMPT_VERSION, so a
change in wording that changes hatches is visible in the history.

The model gets the sources as numbered items and is asked for Markdown in
the local engine's shape; Markdown streams readably to the popup and small
local models follow it more reliably than JSON.
"""

from __future__ import annotations

from ..models import Source
from .items import Item, Packed

# Bump when the wording or the requested shape changes.
PROMPT_VERSION = "hatch-llm-1"

# Words asked for per length, and the answer's token allowance (markers and
# Markdown cost tokens too, so roughly three tokens per word asked).
TARGET_WORDS = {"short": 250, "medium": 500, "long": 900}
ANSWER_TOKENS = {"short": 1000, "medium": 1800, "long": 3000}

SYSTEM = """\
You write a "hatch": one merged write-up of passages a person highlighted \
on several web pages, with their notes. Follow these rules exactly.

1. Use only the numbered items in the sources. Add no facts of your own.
2. End every sentence with the number of each item it rests on, in square \
brackets: "Tides are largest at new and full moon [2]." or "[1][4]". \
Use only numbers that appear in the sources. A sentence without a number \
will be deleted.
3. Put quotation marks only around words copied exactly from an item.
4. Write in the language of the sources. Answer with the Markdown below and \
nothing else: no preamble, no code fence.

# <a short title>

## Introduction
<two or three sentences on what the sources are about>

## Source 1
<a paragraph on what the person highlighted in source 1 and why it matters>

## Source 2
<the same for source 2; one section for every source, in order>

## Common threads
- <an idea several sources share> [n][m]

## Actionable advice
- <one concrete thing to do, from the sources> [n]

## Conclusion
<one or two sentences>
"""


def source_header(number: int, source: Source) -> str:
    site = f" — {source.site_name}" if source.site_name else ""
    return f"## Source {number}: {source.title or source.url}{site}\n<{source.url}>\n"


def render_item(item: Item) -> str:
    """One numbered item as the model sees it."""
    if item.kind == "article":
        label = "Article text (excerpt)" if item.cut else "Article text"
        return f"[{item.n}] {label}:\n{item.text}\n"
    lines = [f"[{item.n}] Highlight: \"{item.text}\""]
    if item.note:
        lines.append(f"    The person's note on it: \"{item.note}\"")
    if item.context:
        lines.append(f"    Its paragraph: \"{item.context}\"")
    return "\n".join(lines) + "\n"


def instructions(length: str, threads: int, advice: int, n_sources: int) -> str:
    return (f"Write the hatch now: about {TARGET_WORDS.get(length, 250)} words, "
            f"one section for each of the {n_sources} sources, at most {threads} common "
            f"threads and at most {advice} pieces of advice. Cite every sentence.")


def messages(packed: Packed, length: str, threads: int, advice: int) -> list[dict]:
    """The chat messages for a packed set of sources."""
    body = ["# Sources", ""]
    for number, block in enumerate(packed.blocks, 1):
        body.append(source_header(number, block.source))
        body.extend(render_item(item) for item in block.items)
    body.append(instructions(length, threads, advice, len(packed.blocks)))
    return [{"role": "system", "content": SYSTEM},
            {"role": "user", "content": "\n".join(body)}]


def overhead_chars(length: str, threads: int, advice: int, n_sources: int) -> int:
    """Characters of prompt around the sources (system text, instructions)."""
    return len(SYSTEM) + len(instructions(length, threads, advice, n_sources)) + 20
