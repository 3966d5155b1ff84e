"""A hatch of two small HTML pages, extracted the way the server extracts
them, reads clean: no page furniture, every quote from its own page."""

from __future__ import annotations

from pathlib import Path

from hatchery.extract import extract_text
from hatchery.hatch import Source, SourceHighlight, hatch
from hatchery.sentences import normalise

RESOURCES = Path(__file__).parent / "resources" / "hatch"
FURNITURE = ("Share this", "Advertisement", "Photo:", "rights reserved", "Read more", "cookies", "Subscribe")


def page(name: str, page_id: int, url: str, title: str, highlights: list[SourceHighlight]) -> Source:
    html = (RESOURCES / name).read_text(encoding="utf-8")
    return Source(id=page_id, url=url, title=title, text=extract_text(html, url), highlights=highlights)


def sources() -> list[Source]:
    return [
        page(
            "bikes.html", 1, "https://courier.example/bike-lanes", "Why the city's bike lanes work",
            [
                SourceHighlight("b1", "the number of people cycling to work in Riverside has doubled"),
                SourceHighlight("b2", "The lanes work because they are connected.", note="Same point as Urban Notes"),
                SourceHighlight("b3", "footfall rose by 12 percent"),
            ],
        ),
        page(
            "streets.html", 2, "https://urban.example/streets", "Streets for people, not parking",
            [
                SourceHighlight("s1", "People who walk and cycle to shops come back more often"),
                SourceHighlight("s2", "Start with a connected network of safe routes"),
            ],
        ),
    ]


def test_a_hatch_of_extracted_pages_has_no_page_furniture():
    result = hatch(sources(), length="long")
    for text in (result.markdown, *[s.text for s in result.sentences()]):
        for word in FURNITURE:
            assert word not in text


def test_quotes_of_extracted_pages_come_from_their_own_page():
    picked = sources()
    result = hatch(picked, length="long")
    text_of = {s.id: normalise(s.text) for s in picked}
    for section in result.sections:
        for paragraph in section.paragraphs:
            for sentence in paragraph:
                if not sentence.text.startswith("My note: "):
                    assert normalise(sentence.text) in text_of[section.source_id]


def test_the_shared_advice_and_threads_of_two_pages_surface():
    result = hatch(sources(), length="medium")
    assert any("network" in t.phrase or "bike lane" in t.phrase or "footfall" in t.phrase for t in result.threads)
    advice = " ".join(a.text for a in result.advice)
    assert "Start with a connected network" in advice or "Cities should build a network first" in advice
