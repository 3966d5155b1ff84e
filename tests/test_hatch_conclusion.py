"""The conclusion closes on the person's own synthesis: a note that ties
the pages together is read there, once, as the last word. It is built only
from what the person highlighted or wrote."""

from __future__ import annotations

from hatchery.hatch import Source, SourceHighlight, hatch

AIRLINE = Source(1, "https://a.example/", "Corvane Airways opens a route to Lake Verrin",
                 text="Corvane Airways will fly to Lake Verrin from June. The Verrin ferry landing will "
                      "link to the new airport shuttle. Odile May, who runs the shuttle, expects crowds.",
                 highlights=[SourceHighlight("a1", "The Verrin ferry landing will link to the new airport shuttle")])

SYNTHESIS = "The Verrin ferry landing decides whether these bookings hold."


def hotels(note: str) -> Source:
    return Source(2, "https://b.example/", "Lake Verrin hotels brace for summer visitors",
                  text="Hotels around Lake Verrin are hiring for the summer. Greta Fallowby said bookings "
                       "doubled. Rooms near the water sold out first.",
                  highlights=[SourceHighlight("b1", "Greta Fallowby said bookings doubled", note=note),
                              SourceHighlight("b2", "Rooms near the water sold out first")])


def section_text(result) -> str:
    return " ".join(s.text for section in result.sections for para in section.paragraphs for s in para)


def test_a_note_that_names_another_pages_idea_is_the_last_word_and_is_read_once():
    result = hatch([AIRLINE, hotels(SYNTHESIS)], length="medium")
    assert result.relation in ("story", "theme")
    assert SYNTHESIS in result.conclusion[-1].text
    assert SYNTHESIS not in section_text(result)
    assert result.markdown.count(SYNTHESIS) == 1


def test_a_note_that_names_nothing_of_another_page_stays_with_its_highlight():
    own = "Ask Greta about the staff rota."
    result = hatch([AIRLINE, hotels(own)], length="medium")
    assert all(own not in d.text for d in result.conclusion)
    assert own in section_text(result)


def test_pages_that_stand_apart_keep_their_notes_in_their_sections():
    games = Source(1, "https://games.example/launch", "Cloudplay launches its game-streaming service",
                   text="Cloudplay launched its game-streaming service on Tuesday with forty titles. "
                        "Early reviews praised the low latency but found the catalogue thin.",
                   highlights=[SourceHighlight("g1", "Early reviews praised the low latency",
                                               note="Worth a look once the catalogue grows.")])
    note = "Start with the spending, not the salary."
    money = Source(2, "https://money.example/retire", "How to retire early without a fortune",
                   text="Retiring early depends on how much you spend, not how much you earn. "
                        "First, you should calculate your net worth.",
                   highlights=[SourceHighlight("m1", "Retiring early depends on how much you spend", note=note)])
    result = hatch([games, money], length="medium")
    assert result.relation == "unrelated"
    assert all("note" not in d.text.lower() for d in result.conclusion)
    assert note in section_text(result)
