"""The hatch the popup's tests render (tests/js/fixtures/hatch.json) has
exactly the shape the server's `Hatch.to_dict()` gives, so the popup is
tested against the real schema and not a guess at it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from hatchery.hatch import Citation, Hatch, Section, Sentence, Thread
from hatchery.hatch.vocabulary import headings

FIXTURE = Path(__file__).resolve().parent / "js" / "fixtures" / "hatch.json"

# The cited highlight's text, null for an article-text citation: the
# server's Citation gains it in the same change as the popup shows it.
CITATION_QUOTE = {"quote"}


def _fields(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def test_the_popup_fixture_has_the_hatch_schema():
    hatch = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert set(hatch) == _fields(Hatch) | {"markdown", "headings"}
    assert hatch["headings"] == headings(hatch["lang"])
    sentences = [*hatch["introduction"], *hatch["advice"], *hatch["conclusion"]]
    for section in hatch["sections"]:
        assert set(section) == _fields(Section)
        for paragraph in section["paragraphs"]:
            sentences.extend(paragraph)
    assert all(set(s) == _fields(Sentence) for s in sentences)
    assert all(set(t) == _fields(Thread) for t in hatch["threads"])
    assert all(set(c) == _fields(Citation) | CITATION_QUOTE for c in hatch["citations"])
    assert {c["quote"] is None for c in hatch["citations"]} == {True, False}
    assert Hatch.from_dict(hatch).title == hatch["title"]
