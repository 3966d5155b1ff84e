"""Listing and collection pages: the item cards are the content.

A reader of a category page means its text and each item's title and short
description, not its facets or prices. readability scores the category text
and drops the card grid (short texts, mostly links), so the cards are read
from the cleaned page before readability changes it, and joined after.
"""

from __future__ import annotations

from .blocks import element_blocks
from .metadata import collapse
from .model import Block
from .pagetype import card_groups

# A card's text shorter than this is a price, a rating or a button label.
MIN_DESCRIPTION_CHARS = 25

# A card title is a heading of this level in the article.
CARD_HEADING_LEVEL = 3


def _card_blocks(card) -> tuple[list[Block], set[str]]:
    """A card's title and description, and every text the card holds."""
    blocks = element_blocks(card)
    title = next((b.text for b in blocks if b.kind == "heading"), None)
    if title is None:
        link = card.find(".//a")
        title = collapse(link.text_content()) if link is not None else ""
    out = [Block("heading", title, CARD_HEADING_LEVEL)] if title else []
    out += [Block("paragraph", b.text) for b in blocks
            if b.text != title and len(b.text) >= MIN_DESCRIPTION_CHARS]
    return out, {b.text for b in blocks}


def listing_cards(root) -> tuple[list[Block], set[str]]:
    """The title and description of each card of the page's largest card
    grid, in page order, and every text of those cards (prices and labels
    too); ([], set()) when the page has none.

    :param root: the page after boilerplate removal, before readability.
    """
    groups = card_groups(root)
    if not groups:
        return [], set()
    cards = max(groups, key=lambda g: sum(len(collapse(c.text_content()))
                                          for c in g))
    blocks: list[Block] = []
    texts: set[str] = set()
    for card in cards:
        kept, held = _card_blocks(card)
        blocks += kept
        texts |= held
    return blocks, texts


def join_cards(blocks: list[Block], cards: tuple[list[Block], set[str]]
               ) -> list[Block]:
    """readability's blocks with the cards in place of what it kept of them
    (a description without its title, a price): the cards go where the
    first of those was, or at the end.

    :param blocks: the article's blocks as readability left them.
    :param cards: what `listing_cards` returned.
    """
    card_blocks, card_texts = cards
    if not card_blocks:
        return blocks
    at = next((i for i, b in enumerate(blocks) if b.text in card_texts),
              len(blocks))
    rest = [b for b in blocks if b.text not in card_texts]
    at = min(at, len(rest))
    return rest[:at] + card_blocks + rest[at:]
