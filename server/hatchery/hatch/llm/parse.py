"""The model's Markdown answer, read leniently into the hatch's parts.

Models drift from the asked format: headings with other words, bold lines
for headings, bullets in prose, citations as ``[1, 2]`` or before the full
stop, a ``<think>`` block or a code fence around it all. This reads all of
those; what it cannot place goes to the part it is in (or the introduction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# [3], [1, 2], [1;2] -- the markers the prompt asks for, and their variants.
MARKER = re.compile(r"\[\s*(\d{1,4}(?:\s*[,;]\s*\d{1,4})*)\s*\]")

# A sentence ends at . ! ? or … (after closing quotes or brackets and any
# citation markers), before white space and a character that is not a
# lower-case letter or a marker: "… largest [2]. Check …" splits after
# "[2].", and "… moon." [4] keeps its [4].
SENTENCE_END = re.compile(
    r"(?<=[.!?…])([\"”’')\]]*(?:\s*\[\s*\d{1,4}(?:\s*[,;]\s*\d{1,4})*\s*\])*)\s+(?=[^a-z\s\[]|\[(?!\s*\d))")

# The run of markers that ends a sentence, with the closing punctuation,
# quotes and brackets around it: "… moon [2]." or "… moon. [2][4]". The
# marker pattern is bounded (4 digits), so the repetition stays linear.
TRAILING_MARKERS = re.compile(
    r"(?:\s*\[\s*\d{1,4}(?:\s*[,;]\s*\d{1,4}){0,20}\s*\])+[\s.!?…\"”’')\]]*$")
# A line that opens with a marker ("[3] Highlight: …"): a listing, never
# the continuation of the sentence before it.
LEADING_MARKER = re.compile(r"^\s*\[\s*\d{1,4}\s*\]")

HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
BOLD_HEADING = re.compile(r"^\s*\*\*([^*]{2,80})\*\*:?\s*$")
BULLET = re.compile(r"^\s*(?:[-*•+]|\d{1,2}[.)])\s+(.*)$")
THINK = re.compile(r"<think>.*?(</think>|$)", re.S | re.I)
FENCE = re.compile(r"^\s*```[\w-]*\s*$", re.M)
EMPHASIS = re.compile(r"(\*\*|__|`)")
SOURCE_HEADING = re.compile(r"\bsource\s*#?\s*(\d{1,3})\b", re.I)

# Heading words -> part. Checked in this order, on the lower-cased heading.
PART_WORDS = (
    ("threads", ("common thread", "thread", "shared theme", "themes", "connections")),
    ("advice", ("advice", "action", "what to do", "recommendation", "takeaway", "next step")),
    ("conclusion", ("conclusion", "concluding", "closing", "final thought", "wrap")),
    ("introduction", ("introduction", "overview", "intro")),
)


@dataclass
class Said:
    """A sentence as the model wrote it: its text without markers, and the
    numbers it cited."""

    text: str
    cites: list[int]


@dataclass
class Answer:
    """The parts of the model's answer. `sections` maps the source number
    the model wrote (1-based) to paragraphs; `unplaced` holds sections whose
    heading named no source we know."""

    title: str | None = None
    introduction: list[list[Said]] = field(default_factory=list)
    sections: dict[int, list[list[Said]]] = field(default_factory=dict)
    threads: list[Said] = field(default_factory=list)
    advice: list[Said] = field(default_factory=list)
    conclusion: list[list[Said]] = field(default_factory=list)
    unplaced: list[list[Said]] = field(default_factory=list)
    headings: int = 0


def clean(text: str) -> str:
    """The answer without a thinking block or a code fence around it."""
    return FENCE.sub("", THINK.sub("", text)).strip()


def end_cites(sentence: str) -> list[int]:
    """The citation numbers at the end of a sentence (before or after its
    full stop). Markers elsewhere do not count: a line that starts with
    ``[3]`` is the prompt's own listing copied back, not a cited claim."""
    tail = TRAILING_MARKERS.search(sentence)
    cites: list[int] = []
    for group in MARKER.findall(tail.group(0) if tail else ""):
        for n in re.split(r"\s*[,;]\s*", group):
            if int(n) not in cites:
                cites.append(int(n))
    return cites


def split_said(text: str) -> list[Said]:
    """Sentences with the citation numbers at their ends, every marker
    removed from the text."""
    text = EMPHASIS.sub("", " ".join(text.split()))
    out = []
    pieces = SENTENCE_END.split(text)
    # split() with one group: sentence, its trailing markers, sentence, ...
    for k in range(0, len(pieces), 2):
        sentence = pieces[k] + (pieces[k + 1] if k + 1 < len(pieces) else "")
        cites = end_cites(sentence)
        words = MARKER.sub("", sentence)
        words = re.sub(r"\s+([.,;:!?…])", r"\1", words)
        words = " ".join(words.split())
        if re.search(r"\w", words):
            out.append(Said(words, cites))
    return out


def _part(heading: str, titles: list[str]) -> tuple[str, int | None]:
    """Which part a heading opens: ("section", n), a part name, or ("other", None)."""
    if match := SOURCE_HEADING.search(heading):
        return "section", int(match.group(1))
    low = heading.lower()
    for part, words in PART_WORDS:
        if any(w in low for w in words):
            return part, None
    norm = re.sub(r"\W+", " ", low).strip()
    for n, title in enumerate(titles, 1):
        t = re.sub(r"\W+", " ", title.lower()).strip()
        if t and norm and (t in norm or norm in t):
            return "section", n
    return "other", None


def parse_answer(text: str, titles: list[str]) -> Answer:
    """Read the model's Markdown.

    :param titles: the titles of the sources, in the numbering the model
        was given, to place a section whose heading names its title.
    """
    answer = Answer()
    part, number = "introduction", None
    paragraph: list[str] = []

    def paragraphs_of(part: str, number: int | None) -> list[list[Said]]:
        if part == "section":
            if number is None:
                return answer.unplaced
            return answer.sections.setdefault(number, [])
        return {"introduction": answer.introduction, "conclusion": answer.conclusion,
                "other": answer.unplaced}.get(part, answer.introduction)

    def flush() -> None:
        if not paragraph:
            return
        said = split_said(" ".join(paragraph))
        paragraph.clear()
        if not said:
            return
        if part in ("threads", "advice"):
            getattr(answer, part).extend(said)
        else:
            paragraphs_of(part, number).append(said)

    for line in clean(text).splitlines():
        heading = HEADING.match(line)
        bold = BOLD_HEADING.match(line) if not heading else None
        if heading or bold:
            flush()
            level = len(heading.group(1)) if heading else 2
            words = EMPHASIS.sub("", (heading or bold).group(2 if heading else 1)).strip()
            if answer.title is None and level == 1 and answer.headings == 0:
                answer.title = " ".join(MARKER.sub("", words).split()) or None
                answer.headings += 1
                continue
            answer.headings += 1
            found, n = _part(words, titles)
            if found != "other":
                part, number = found, n
            continue
        if not line.strip():
            flush()
            continue
        if bullet := BULLET.match(line):
            flush()
            if part in ("threads", "advice"):
                item = split_said(bullet.group(1))
                if item:
                    # One bullet is one thread or piece of advice, whatever
                    # its punctuation; its citations are all of its markers.
                    getattr(answer, part).append(Said(
                        " ".join(s.text for s in item),
                        list(dict.fromkeys(n for s in item for n in s.cites))))
                continue
            paragraph.append(bullet.group(1))
            flush()
            continue
        if LEADING_MARKER.match(line):
            flush()  # its marker must not end the sentence before it
        paragraph.append(line.strip())
    flush()
    return answer
