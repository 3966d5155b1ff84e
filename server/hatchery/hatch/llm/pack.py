"""Fitting the sources into the model's context budget.

Highest value first: every source's best highlights (round robin, so each
source is heard), then the paragraphs around them, then more article text
for pages picked without highlights. Whatever does not fit is named in the
hatch's notes; nothing is cut silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import NothingToHatch, Source, SourceHighlight
from . import prompt
from .errors import LLMError
from .items import Block, Item, Packed

# A conservative guess for English and most European languages; we have no
# tokenizer for an arbitrary model, so we under-fill rather than overflow.
CHARS_PER_TOKEN = 3.5
# Chinese, Japanese and Korean take about a token per character or more.
CJK_CHARS_PER_TOKEN = 1.0
CJK_START = "\u2e80"

# Chat templates add role markers around each message.
TEMPLATE_TOKENS = 60

# Caps on one item, so one enormous selection cannot crowd out the rest.
MAX_HIGHLIGHT_CHARS = 2_000
MAX_NOTE_CHARS = 1_000
MAX_CONTEXT_CHARS = 900

# A page picked without highlights gets this much article text in the
# first round, and at most MAX_ARTICLE_CHARS when room is left.
ARTICLE_MIN_CHARS = 1_500
MAX_ARTICLE_CHARS = 12_000

# Below this many characters for the sources, a hatch is not worth asking for.
MIN_SOURCE_CHARS = 200

# How many left-out highlights a note quotes by their first words.
NAMED_IN_NOTES = 3

ELLIPSIS = " …"


class BudgetTooSmall(LLMError):
    """The context budget leaves no room for the sources."""


@dataclass
class _Candidate:
    index: int
    order: int
    highlight: SourceHighlight | None
    value: float
    item: Item


def _cut(text: str, limit: int) -> tuple[str, bool]:
    """`text` shortened to about `limit` characters at a sentence or word end."""
    text = " ".join(text.split()) if "\n\n" not in text else text.strip()
    if len(text) <= limit:
        return text, False
    head = text[:limit]
    for mark in ("\n\n", ". ", " "):
        at = head.rfind(mark)
        if at > limit * 0.6:
            head = head[: at + (1 if mark == ". " else 0)]
            break
    return head.rstrip() + ELLIPSIS, True


def highlight_value(highlight: SourceHighlight) -> float:
    """How much a highlight is worth keeping when not all fit: a note says
    the person cared (it counts most), tags a little, and a substantial
    passage more than a two-word one."""
    value = 2.0 if highlight.note else 0.0
    value += 0.5 if highlight.tags else 0.0
    return value + min(len(highlight.text.strip()), 300) / 300


def _window(context: str, text: str) -> str | None:
    """The paragraph around a highlight, at most MAX_CONTEXT_CHARS, or None
    when it says nothing more than the highlight."""
    context = " ".join(context.split())
    if len(context) <= len(" ".join(text.split())) + 20:
        return None
    if len(context) <= MAX_CONTEXT_CHARS:
        return context
    at = max(0, context.find(" ".join(text.split())[:80]))
    start = max(0, at - MAX_CONTEXT_CHARS // 3)
    window = context[start: start + MAX_CONTEXT_CHARS]
    return ("… " if start else "") + window.strip() + ELLIPSIS


def _first_words(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _candidates(index: int, source: Source) -> list[_Candidate]:
    out = []
    for order, h in enumerate(h for h in source.highlights if h.text.strip()):
        text, cut = _cut(h.text, MAX_HIGHLIGHT_CHARS)
        note = _cut(h.note, MAX_NOTE_CHARS)[0] if h.note and h.note.strip() else None
        out.append(_Candidate(index, order, h, highlight_value(h),
                              Item(0, "highlight", text, note, None, h.id, cut)))
    if not out and source.text.strip():
        text, cut = _cut(source.text, ARTICLE_MIN_CHARS)
        out.append(_Candidate(index, 0, None, 1.0, Item(0, "article", text, cut=cut)))
    return sorted(out, key=lambda c: (-c.value, c.order))


def _round_robin(per_source: list[list[_Candidate]]) -> list[_Candidate]:
    out = []
    depth = max((len(c) for c in per_source), default=0)
    for level in range(depth):
        out.extend(cands[level] for cands in per_source if level < len(cands))
    return out


def chars_per_token(sources: list[Source]) -> float:
    """CHARS_PER_TOKEN, moved towards CJK_CHARS_PER_TOKEN by the share of
    CJK characters in the sources' highlights (or text when none)."""
    sample = "".join(h.text for s in sources for h in s.highlights)[:20_000]
    sample = sample or "".join(s.text[:5_000] for s in sources)
    if not sample:
        return CHARS_PER_TOKEN
    share = sum(ch >= CJK_START for ch in sample if not ch.isspace()) / len(sample)
    return CHARS_PER_TOKEN * (1 - share) + CJK_CHARS_PER_TOKEN * share


def _cost(item: Item) -> int:
    return len(prompt.render_item(item)) + 1


def pack(sources: list[Source], *, context_tokens: int, answer_tokens: int,
         length: str, threads: int, advice: int,
         context_setting: str = "llm_context_tokens") -> Packed:
    """The sources that fit `context_tokens` with an answer of `answer_tokens`.

    :param context_setting: the setting that gives a larger context, named
        in every note about what did not fit.

    :raises NothingToHatch: no source has a highlight or article text.
    :raises BudgetTooSmall: the budget has no room for even one item.
    """
    per_source = [_candidates(i, s) for i, s in enumerate(sources)]
    used = [i for i, cands in enumerate(per_source) if cands]
    if not used:
        raise NothingToHatch("nothing to hatch: the chosen pages have no highlights and no article text")
    budget_tokens = context_tokens - answer_tokens - TEMPLATE_TOKENS
    room = int(budget_tokens * chars_per_token(sources))
    room -= prompt.overhead_chars(length, threads, advice, len(used))
    room -= sum(len(prompt.source_header(n, sources[i])) for n, i in enumerate(used, 1))
    if room < MIN_SOURCE_CHARS:
        raise BudgetTooSmall(
            f"The model's context budget ({context_tokens} tokens, {answer_tokens} of them for "
            f"the answer) leaves no room for the sources; raise {context_setting}.")

    taken: list[_Candidate] = []
    left_out: list[_Candidate] = []
    for cand in _round_robin(per_source):
        cost = _cost(cand.item)
        if cost <= room:
            taken.append(cand)
            room -= cost
        else:
            left_out.append(cand)

    # The paragraphs around the kept highlights, most valuable first.
    no_context = 0
    for cand in sorted((c for c in taken if c.highlight and c.highlight.context),
                       key=lambda c: -c.value):
        context = _window(cand.highlight.context, cand.highlight.text)
        if context is None:
            continue
        extra = len(context) + 30
        if extra <= room:
            cand.item.context = context
            room -= extra
        else:
            no_context += 1

    # More article text for pages picked without highlights, shared evenly.
    articles = [c for c in taken if c.item.kind == "article" and c.item.cut]
    shortened = []
    for k, cand in enumerate(articles):
        share = room // (len(articles) - k)
        full = sources[cand.index].text
        before = _cost(cand.item)
        limit = min(MAX_ARTICLE_CHARS, len(cand.item.text) + share - 40)
        text, cut = _cut(full, max(limit, len(cand.item.text)))
        cand.item.text, cand.item.cut = text, cut
        room -= _cost(cand.item) - before
        if cut:
            shortened.append((cand, len(full)))

    packed = _number(sources, taken, left_out, no_context, shortened,
                     f"the model's context ({context_tokens} tokens; {context_setting} "
                     "gives it more)")
    packed.context_tokens, packed.answer_tokens = context_tokens, answer_tokens
    packed.context_setting = context_setting
    return packed


def _number(sources, taken, left_out, no_context, shortened, budget: str) -> Packed:
    """Give the kept items numbers in source order and article order, and
    say in notes what was left out."""
    blocks: list[Block] = []
    numbers: dict[int, tuple[int, str | None]] = {}
    by_source: dict[int, list[_Candidate]] = {}
    for cand in taken:
        by_source.setdefault(cand.index, []).append(cand)
    for index in sorted(by_source):
        block = Block(index, sources[index])
        for cand in sorted(by_source[index], key=lambda c: (c.item.kind == "article", c.order)):
            cand.item.n = len(numbers) + 1
            numbers[cand.item.n] = (index, cand.item.highlight_id)
            block.items.append(cand.item)
        blocks.append(block)

    notes = []
    dropped = [c for c in left_out if c.highlight is not None]
    if dropped:
        named = ", ".join(f"“{_first_words(c.highlight.text)}”" for c in dropped[:NAMED_IN_NOTES])
        more = f" and {len(dropped) - NAMED_IN_NOTES} more" if len(dropped) > NAMED_IN_NOTES else ""
        noun, verb = ("highlight", "was") if len(dropped) == 1 else ("highlights", "were")
        notes.append(f"{len(dropped)} {noun} did not fit {budget} and {verb} left out: "
                     f"{named}{more}.")
    for cand in left_out:
        if cand.highlight is None:
            notes.append(f"The article text of “{sources[cand.index].title}” did not fit {budget} "
                         "and was left out.")
    gone = [i for i in {c.index for c in left_out} if i not in by_source]
    for index in sorted(gone):
        notes.append(f"“{sources[index].title}” is not in this hatch: none of it fit {budget}.")
    if no_context:
        noun = "highlight was" if no_context == 1 else "highlights were"
        notes.append(f"{no_context} {noun} sent without the paragraph around it to fit {budget}.")
    for cand, total in shortened:
        notes.append(f"The article text of “{sources[cand.index].title}” was shortened to fit "
                     f"{budget}: the first {len(cand.item.text):,} of {total:,} characters were used.")
    for cand in taken:
        if cand.item.kind == "highlight" and cand.item.cut:
            notes.append(f"A very long highlight (“{_first_words(cand.item.text)}”) was shortened "
                         f"to {MAX_HIGHLIGHT_CHARS:,} characters.")
    return Packed(blocks, numbers, notes)
