"""Whole-document summaries: the hatch engine with no highlights."""

from __future__ import annotations

from .controls import mend_controls
from .debris import clean_sentences
from .rank import Unit, select


def document_units(documents: list[str]) -> list[Unit]:
    """The quotable sentences of every document, debris cut, as units."""
    units = []
    for d, text in enumerate(documents):
        for pos, sentence in enumerate(clean_sentences(mend_controls(text))):
            units.append(Unit(sentence, d, pos))
    return units


def summarize_documents(documents: list[str], word_budget: int) -> str:
    """A merged extractive summary of whole documents.

    :param documents: plain texts, paragraphs separated by blank lines.
    :param word_budget: the most words the summary may have.
    :return: the picked sentences, in document order, never more than
        `word_budget` words: whole sentences, unless the budget is smaller
        than any sentence, when the best one is cut and ends in "…".
    """
    if word_budget <= 0:
        return ""
    units = document_units(documents)
    summary = " ".join(u.text for u in select(units, word_budget))
    tokens = summary.split()
    if len(tokens) > word_budget:
        return " ".join(tokens[:word_budget]) + "…"
    return summary
