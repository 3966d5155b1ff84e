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


def hotels_noted(**notes: str) -> Source:
    """The hotels page with the person's notes on its highlights (by id)."""
    page = hotels("")
    page.highlights = [SourceHighlight(h.id, h.text, note=notes.get(h.id)) for h in page.highlights]
    return page


def paragraphs(result) -> list[str]:
    return [" ".join(s.text for s in para) for section in result.sections for para in section.paragraphs]


# Notes that tie the pages (each names Corvane Airways, the other page's
# headline) but point back at their highlight: away from it, "the same"
# as what, "it" what?
POINTING = ("The same rush Corvane Airways is counting on",
            "This is what the Corvane Airways article missed",
            "Same as the Corvane Airways plan",
            "It contradicts Corvane Airways",
            "Corvane Airways never mentions that")


def test_a_note_that_points_back_at_its_highlight_stays_beside_it():
    for note in POINTING:
        result = hatch([AIRLINE, hotels_noted(b1=note)], length="medium")
        assert result.relation in ("story", "theme"), note
        assert all(note not in d.text for d in result.conclusion), note
        # Read where it makes sense: right after the sentence it is on.
        assert any("Greta Fallowby said bookings doubled. My note: " + note in p
                   for p in paragraphs(result)), note
        assert result.markdown.count(note) == 1, note


def test_the_conclusion_closes_on_the_next_note_that_stands_alone():
    pointing = POINTING[0]
    result = hatch([AIRLINE, hotels_noted(b1=pointing, b2=SYNTHESIS)], length="medium")
    assert SYNTHESIS in result.conclusion[-1].text
    assert SYNTHESIS not in section_text(result)
    assert pointing in section_text(result)
    assert all(pointing not in d.text for d in result.conclusion)


def test_in_another_language_a_note_stays_beside_its_highlight():
    # Pointing words are read in English only; elsewhere a note is never
    # moved, since "Das ist ..." may point back just as "This is ..." does.
    note = "Das ist der Ansturm, auf den Corvane Airways zählt"
    airline = Source(1, "https://a.example/", "Corvane Airways fliegt ab Juni zum Verrinsee",
                     text="Corvane Airways fliegt ab Juni zum Verrinsee. Die Fähre am Verrinsee wird mit "
                          "dem neuen Flughafenbus verbunden. Odile May, die den Bus betreibt, rechnet mit "
                          "vielen Gästen.",
                     highlights=[SourceHighlight("a1", "Die Fähre am Verrinsee wird mit dem neuen "
                                                       "Flughafenbus verbunden")])
    hotels_de = Source(2, "https://b.example/", "Die Hotels am Verrinsee rüsten sich für den Sommer",
                       text="Die Hotels am Verrinsee stellen für den Sommer ein. Greta Fallowby sagte, die "
                            "Buchungen hätten sich verdoppelt. Die Zimmer am Wasser waren zuerst ausgebucht.",
                       highlights=[SourceHighlight("b1", "Greta Fallowby sagte, die Buchungen hätten sich "
                                                         "verdoppelt", note=note),
                                   SourceHighlight("b2", "Die Zimmer am Wasser waren zuerst ausgebucht")])
    result = hatch([airline, hotels_de], length="medium")
    assert result.relation in ("story", "theme")
    assert "## Zum Schluss" in result.markdown
    assert all(note not in d.text for d in result.conclusion)
    assert note in section_text(result)
