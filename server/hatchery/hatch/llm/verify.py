"""Checking the model's sentences against the sources.

A sentence must cite at least one number we gave the model; numbers that do
not exist are removed, and a sentence left with none is dropped. A
quotation (three words or more in double quotes) must appear in one of the
sources the sentence cites; one that does not is kept but marked. Every
drop and mark is counted for the hatch's notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Source
from .parse import Said

# Shorter quotes are usually terms or scare quotes ("tidal range"), not
# claims that a source said something.
MIN_QUOTE_WORDS = 3

# What a sentence with an unfound quotation gets appended, so the person
# sees it where they read it, in the Markdown as in the popup.
UNFOUND_MARK = "(quotation not found in the cited sources)"

QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«\s*([^»]+?)\s*»")
ELISION = re.compile(r"\s*(?:\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\])\s*")

# How many examples a note quotes.
EXAMPLES = 2


def normalise(text: str) -> str:
    """Lower case, letters and digits only, single spaces: how a quotation
    and the source are compared (punctuation and typography may differ)."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    return " ".join(re.sub(r"[^\w']+", " ", text).split())


def source_material(source: Source) -> str:
    """Everything the person kept from a source, normalised, for quote checks."""
    parts = [source.title, source.text]
    for h in source.highlights:
        parts += [h.text, h.note or "", h.context or ""]
    return " \n ".join(normalise(p) for p in parts if p)


def quotations(text: str) -> list[str]:
    """The quoted passages of a sentence that are long enough to check."""
    out = []
    for match in QUOTE.finditer(text):
        quoted = next(g for g in match.groups() if g is not None)
        if len(quoted.split()) >= MIN_QUOTE_WORDS:
            out.append(quoted)
    return out


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


@dataclass
class Verifier:
    """Checks sentences against `numbers` (citation number -> (source index,
    highlight id)) and the sources; collects what it dropped and marked."""

    numbers: dict[int, tuple[int, str | None]]
    sources: list[Source]
    uncited: list[str] = field(default_factory=list)
    invented: list[tuple[str, list[int]]] = field(default_factory=list)
    repaired: list[list[int]] = field(default_factory=list)
    unfound: list[str] = field(default_factory=list)
    _material: dict[int, str] = field(default_factory=dict)

    def check(self, said: Said) -> Said | None:
        """The sentence with only real citations (marked if a quotation is
        not in its sources), or None when it must be dropped."""
        real = [n for n in said.cites if n in self.numbers]
        fake = [n for n in said.cites if n not in self.numbers]
        if not said.cites:
            self.uncited.append(said.text)
            return None
        if not real:
            self.invented.append((said.text, fake))
            return None
        if fake:
            self.repaired.append(fake)
        text = said.text
        if not self.quotes_found(text, real):
            self.unfound.append(text)
            text = f"{text} {UNFOUND_MARK}"
        return Said(text, real)

    def quotes_found(self, text: str, cites: list[int]) -> bool:
        """True when every quotation in `text` is in a source it cites."""
        indices = {self.numbers[n][0] for n in cites}
        for quoted in quotations(text):
            fragments = [normalise(f) for f in ELISION.split(quoted)]
            fragments = [f for f in fragments if f]
            for index in indices:
                material = self._material_of(index)
                if all(f in material for f in fragments):
                    break
            else:
                return False
        return True

    def _material_of(self, index: int) -> str:
        if index not in self._material:
            self._material[index] = source_material(self.sources[index])
        return self._material[index]

    def notes(self) -> list[str]:
        """What was dropped or marked, in sentences for the person."""
        out = []
        if self.uncited:
            out.append(f"{_count(len(self.uncited), 'sentence')} of the model's answer "
                       f"{_was(len(self.uncited))} left out because {_it(len(self.uncited))} "
                       f"cited no source: {_examples(self.uncited)}.")
        if self.invented:
            numbers = sorted({n for _, fake in self.invented for n in fake})
            out.append(f"{_count(len(self.invented), 'sentence')} of the model's answer "
                       f"{_was(len(self.invented))} left out because {_it(len(self.invented))} "
                       f"cited only numbers that are not sources ({_marks(numbers)}): "
                       f"{_examples([t for t, _ in self.invented])}.")
        if self.repaired:
            numbers = sorted({n for fake in self.repaired for n in fake})
            out.append(f"Citations to numbers that are not sources ({_marks(numbers)}) were "
                       f"removed from {_count(len(self.repaired), 'sentence')}.")
        if self.unfound:
            out.append(f"{_count(len(self.unfound), 'quotation')} could not be found in the "
                       f"sources {_it(len(self.unfound))} cite{'s' if len(self.unfound) == 1 else ''} "
                       f"and {_is(len(self.unfound))} marked {UNFOUND_MARK}: "
                       f"{_examples(self.unfound)}.")
        return out


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _was(n: int) -> str:
    return "was" if n == 1 else "were"


def _is(n: int) -> str:
    return "is" if n == 1 else "are"


def _it(n: int) -> str:
    return "it" if n == 1 else "they"


def _marks(numbers: list[int]) -> str:
    return ", ".join(f"[{n}]" for n in numbers)


def _examples(texts: list[str]) -> str:
    shown = ", ".join(f"“{_short(t)}”" for t in texts[:EXAMPLES])
    return shown + (f" and {len(texts) - EXAMPLES} more" if len(texts) > EXAMPLES else "")
