"""How long a hatch is: one object of tunables per `length`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Plan:
    """What a `length` means for each part of a hatch.

    :param highlights_per_section: the most highlights a section quotes;
        beyond it the most salient are kept (still in article order).
    :param context_sentences: sentences around a highlight added to it.
    :param summary_words: words of article summary for a source picked
        without highlights.
    :param threads: how many common threads to list.
    :param advice: how many pieces of advice to list.
    :param words: the most words the hatch may have before its Sources
        (title, frame, sections, threads, advice, conclusion).
    """

    length: str
    highlights_per_section: int
    context_sentences: int
    summary_words: int
    threads: int
    advice: int
    words: int


PLANS = {
    "short": Plan("short", 4, 0, 60, 2, 3, 250),
    "medium": Plan("medium", 8, 1, 120, 3, 5, 500),
    "long": Plan("long", 500, 2, 220, 5, 8, 900),
}


def plan_for(length: str) -> Plan:
    """The plan for `length`; ValueError naming the valid lengths if unknown."""
    try:
        return PLANS[length]
    except (KeyError, TypeError):
        valid = ", ".join(PLANS)
        raise ValueError(f"length must be one of {valid}, not {length!r}") from None
