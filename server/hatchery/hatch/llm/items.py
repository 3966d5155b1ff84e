"""What the model is given, numbered: shared by the packer, the prompt,
the answer schema and the verifier (so none of them imports another)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Source


@dataclass
class Item:
    """One numbered thing the model may cite: a highlight (with its note
    and paragraph) or a page's article text."""

    n: int
    kind: str  # "highlight" or "article"
    text: str
    note: str | None = None
    context: str | None = None
    highlight_id: str | None = None
    cut: bool = False


@dataclass
class Block:
    """One source as the model sees it."""

    index: int  # position in the hatch's sources
    source: Source
    items: list[Item] = field(default_factory=list)


@dataclass
class Packed:
    """The sources that fit, numbered; `numbers` maps a citation number to
    (source index, highlight id or None for the article text).

    :param context_tokens: the context the sources were packed into.
    :param answer_tokens: the answer's allowance within it.
    :param context_setting: what to change for a larger context: the
        server's own setting when the server's context was the limit,
        ``llm_context_tokens`` when ours was.
    """

    blocks: list[Block]
    numbers: dict[int, tuple[int, str | None]]
    notes: list[str]
    context_tokens: int = 0
    answer_tokens: int = 0
    context_setting: str = "llm_context_tokens"

    def items(self) -> dict[int, Item]:
        """Every item by its number."""
        return {item.n: item for block in self.blocks for item in block.items}
