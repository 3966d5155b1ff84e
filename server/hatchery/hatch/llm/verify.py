"""Checking the model's sentences against what it was given.

One verifier for both kinds of answer (JSON and Markdown), with rules a
copied prompt cannot pass:

- a sentence must cite at least one number we gave the model, at its end
  (the parser keeps only end-of-sentence markers); numbers that do not exist
  are removed, and a sentence left with none is dropped;
- a line that repeats the prompt's own labels ("Highlight: …", "Its
  paragraph: …", a source heading, a URL) is dropped;
- a sentence said twice is kept once;
- a sentence in a source's section must cite an item of that source (the
  threads and the conclusion may cite several);
- a quotation (three words or more in double quotes) must be in a cited
  item: the highlight, the person's note, the highlight's paragraph, or the
  article text that was sent; one that is not is kept but marked;
- the title is checked like any sentence, against all the items.

Every drop and mark is counted for the hatch's notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Source
from .items import Packed
from .parse import Said
from .prompt import LABELS, LISTING_HEADING

# Shorter quotes are usually terms or scare quotes ("tidal range"), not
# claims that a source said something.
MIN_QUOTE_WORDS = 3

# What a sentence with an unfound quotation gets appended, so the person
# sees it where they read it, in the Markdown as in the popup.
UNFOUND_MARK = "(quotation not found in the cited sources)"

QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«\s*([^»]+?)\s*»")
ELISION = re.compile(r"\s*(?:\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\])\s*")

# The prompt's own listing, copied back: a label at the start, a source
# heading ("Source 2: …"), the listing's heading, or a bare URL.
COPIED = re.compile(r"^\W{0,3}(?:" + "|".join(re.escape(label.rstrip(":")) for label in LABELS)
                    + r")\b[^:]{0,20}:|^\W{0,3}source\s*\d{1,3}\s*:|^<?https?://\S*>?$",
                    re.I)

# How many examples a note quotes.
EXAMPLES = 2


def normalise(text: str) -> str:
    """Lower case, letters and digits only, single spaces: how a quotation
    and the source are compared (punctuation and typography may differ)."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    return " ".join(re.sub(r"[^\w']+", " ", text).split())


def copies_prompt(text: str) -> bool:
    """True when `text` is a line of the prompt's source listing."""
    stripped = text.strip()
    return bool(COPIED.search(stripped)) or normalise(stripped) == LISTING_HEADING.lower()


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


def item_material(packed: Packed, sources: list[Source]) -> dict[int, str]:
    """Each item's text a quotation may come from, normalised: a highlight
    with the person's note and its whole paragraph, or the article text sent."""
    out = {}
    for n, item in packed.items().items():
        source = sources[packed.numbers[n][0]]
        parts = [item.text, item.note or "", item.context or ""]
        for h in source.highlights:
            if item.highlight_id is not None and h.id == item.highlight_id:
                parts += [h.text, h.note or "", h.context or ""]
        out[n] = " \n ".join(normalise(p) for p in parts if p)
    return out


@dataclass
class Verifier:
    """Checks sentences against the packed items; collects what it dropped
    and marked. `seen` and `kept` count sentences, for the share kept."""

    packed: Packed
    sources: list[Source]
    uncited: list[str] = field(default_factory=list)
    invented: list[tuple[str, list[int]]] = field(default_factory=list)
    repaired: list[list[int]] = field(default_factory=list)
    unfound: list[str] = field(default_factory=list)
    copied: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    misplaced: list[str] = field(default_factory=list)
    seen: int = 0
    kept: int = 0
    _said: set[str] = field(default_factory=set)
    _material: dict[int, str] | None = None

    @property
    def numbers(self) -> dict[int, tuple[int, str | None]]:
        return self.packed.numbers

    @property
    def dropped(self) -> int:
        return self.seen - self.kept

    def check(self, said: Said, section: int | None = None) -> Said | None:
        """The sentence with only real citations (marked if a quotation is
        not in its items), or None when it must be dropped.

        :param section: the source index whose section the sentence stands
            in; None in the parts where any source may be cited.
        """
        self.seen += 1
        if copies_prompt(said.text):
            self.copied.append(said.text)
            return None
        key = normalise(said.text)
        if key in self._said:
            self.repeated.append(said.text)
            return None
        real = [n for n in said.cites if n in self.numbers]
        fake = [n for n in said.cites if n not in self.numbers]
        if not said.cites:
            self.uncited.append(said.text)
            return None
        if not real:
            self.invented.append((said.text, fake))
            return None
        if section is not None and all(self.numbers[n][0] != section for n in real):
            self.misplaced.append(said.text)
            return None
        if fake:
            self.repaired.append(fake)
        self._said.add(key)
        text = said.text
        if not self.quotes_found(text, real):
            self.unfound.append(text)
            text = f"{text} {UNFOUND_MARK}"
        self.kept += 1
        return Said(text, real)

    def check_title(self, title: str | None) -> str | None:
        """The title, or None when it copies the prompt or misquotes."""
        if not title or not title.strip():
            return None
        if copies_prompt(title) or not self.quotes_found(title, list(self.numbers)):
            return None
        return title.strip()

    def quotes_found(self, text: str, cites: list[int]) -> bool:
        """True when every quotation in `text` is in an item it cites."""
        if self._material is None:
            self._material = item_material(self.packed, self.sources)
        for quoted in quotations(text):
            fragments = [normalise(f) for f in ELISION.split(quoted)]
            fragments = [f for f in fragments if f]
            if not any(all(f in self._material.get(n, "") for f in fragments) for n in cites):
                return False
        return True

    def notes(self) -> list[str]:
        """What was dropped or marked, in sentences for the person."""
        out = []

        def left_out(texts: list[str], why: str) -> None:
            if texts:
                out.append(f"{_count(len(texts), 'sentence')} of the model's answer "
                           f"{_was(len(texts))} left out because {_it(len(texts))} {why}: "
                           f"{_examples(texts)}.")

        left_out(self.copied, "repeated the prompt's listing of the sources")
        left_out(self.uncited, "cited no source at the end")
        if self.invented:
            numbers = sorted({n for _, fake in self.invented for n in fake})
            left_out([t for t, _ in self.invented],
                     f"cited only numbers that are not sources ({_marks(numbers)})")
        left_out(self.misplaced, "stood in one source's section but cited only others")
        if self.repeated:
            out.append(f"{_count(len(self.repeated), 'repeated sentence')} "
                       f"{_was(len(self.repeated))} kept once: {_examples(self.repeated)}.")
        if self.repaired:
            numbers = sorted({n for fake in self.repaired for n in fake})
            out.append(f"Citations to numbers that are not sources ({_marks(numbers)}) were "
                       f"removed from {_count(len(self.repaired), 'sentence')}.")
        if self.unfound:
            out.append(f"{_count(len(self.unfound), 'quotation')} could not be found in the "
                       f"items {_it(len(self.unfound))} cite{'s' if len(self.unfound) == 1 else ''} "
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
