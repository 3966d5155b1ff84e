"""The prompt, versioned: a stored hatch records PROMPT_VERSION, so a
change in wording that changes hatches is visible in the history.

The model gets the sources as numbered items and is asked for the local
engine's shape: as JSON matching a schema (structured.py) where the server
enforces one, else as Markdown. A stored hatch's prompt_version says which
("…-json" or "…-markdown").
"""

from __future__ import annotations

from ..models import Source
from .items import Item, Packed

# Bump when the wording or the requested shape changes.
PROMPT_VERSION = "hatch-llm-2"

# Words asked for per length, and the answer's token allowance (markers and
# Markdown cost tokens too, so roughly three tokens per word asked).
TARGET_WORDS = {"short": 250, "medium": 500, "long": 900}
ANSWER_TOKENS = {"short": 1000, "medium": 1800, "long": 3000}

SYSTEM = """\
You write a "hatch": one merged write-up of passages a person highlighted \
on several web pages, with their notes. Follow these rules exactly.

1. Use only the numbered items in the sources. Add no facts of your own. \
Write your own sentences: never repeat the listing or its labels.
2. End every sentence with the number of each item it rests on, in square \
brackets: "Tides are largest at new and full moon [2]." or "[1][4]". \
Use only numbers that appear in the sources. A sentence without a number \
will be deleted.
3. A sentence under "## Source N" is about source N and cites its items; \
ideas several sources share belong in the common threads.
4. Put quotation marks only around words copied exactly from an item.
5. Write in the language of the sources. Answer with the Markdown below and \
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


SYSTEM_JSON = """\
You write a "hatch": one merged write-up of passages a person highlighted \
on several web pages, with their notes. Follow these rules exactly.

1. Use only the numbered items in the sources. Add no facts of your own. \
Write your own sentences: never repeat the listing or its labels.
2. Every sentence is an object {"text": "...", "cites": [n]} whose "cites" \
holds the numbers of the items it rests on.
3. In "sections", "source_1" holds sentences about source 1 citing its \
items, "source_2" the same for source 2, and so on. Ideas several sources \
share go in "threads"; the introduction and conclusion may cite any source.
4. Put quotation marks only around words copied exactly from an item.
5. Write in the language of the sources. Answer with one JSON object:
{"title": "<a short title>", "introduction": [<two or three sentences>], \
"sections": {"source_1": [<sentences>], "source_2": [...]}, \
"threads": [<ideas several sources share>], "advice": [<concrete things to \
do>], "conclusion": [<one or two sentences>]}
"""


def version(structured: bool) -> str:
    """The prompt_version a hatch records: which prompt, which answer shape."""
    return f"{PROMPT_VERSION}-{'json' if structured else 'markdown'}"


def source_header(number: int, source: Source) -> str:
    site = f" — {source.site_name}" if source.site_name else ""
    return f"## Source {number}: {source.title or source.url}{site}\n<{source.url}>\n"


# The labels of the source listing. An answer line that starts with one
# of them is the listing copied back, not the model's writing.
HIGHLIGHT_LABEL = "Highlight:"
NOTE_LABEL = "The person's note on it:"
PARAGRAPH_LABEL = "Its paragraph:"
ARTICLE_LABEL = "Article text"
LISTING_HEADING = "Sources"
LABELS = (HIGHLIGHT_LABEL, NOTE_LABEL, PARAGRAPH_LABEL, ARTICLE_LABEL)


def render_item(item: Item) -> str:
    """One numbered item as the model sees it."""
    if item.kind == "article":
        label = f"{ARTICLE_LABEL} (excerpt)" if item.cut else ARTICLE_LABEL
        return f"[{item.n}] {label}:\n{item.text}\n"
    lines = [f"[{item.n}] {HIGHLIGHT_LABEL} \"{item.text}\""]
    if item.note:
        lines.append(f"    {NOTE_LABEL} \"{item.note}\"")
    if item.context:
        lines.append(f"    {PARAGRAPH_LABEL} \"{item.context}\"")
    return "\n".join(lines) + "\n"


def instructions(length: str, threads: int, advice: int, n_sources: int) -> str:
    return (f"Write the hatch now: about {TARGET_WORDS.get(length, 250)} words, "
            f"one section for each of the {n_sources} sources, at most {threads} common "
            f"threads and at most {advice} pieces of advice. Cite every sentence.")


def messages(packed: Packed, length: str, threads: int, advice: int,
             structured: bool = False) -> list[dict]:
    """The chat messages for a packed set of sources.

    :param structured: ask for the JSON answer (SYSTEM_JSON), not Markdown.
    """
    body = [f"# {LISTING_HEADING}", ""]
    for number, block in enumerate(packed.blocks, 1):
        body.append(source_header(number, block.source))
        body.extend(render_item(item) for item in block.items)
    body.append(instructions(length, threads, advice, len(packed.blocks)))
    return [{"role": "system", "content": SYSTEM_JSON if structured else SYSTEM},
            {"role": "user", "content": "\n".join(body)}]


def overhead_chars(length: str, threads: int, advice: int, n_sources: int) -> int:
    """Characters of prompt around the sources (system text, instructions)."""
    return max(len(SYSTEM), len(SYSTEM_JSON)) + len(instructions(length, threads, advice, n_sources)) + 20
