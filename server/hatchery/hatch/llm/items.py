"""What the model is shown: numbered items, grouped by source.

Made by `pack` and written out by `prompt`; kept apart so neither imports
the other's module for its types.
"""

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
    (source index, highlight id or None for the article text)."""

    blocks: list[Block]
    numbers: dict[int, tuple[int, str | None]]
    notes: list[str]
