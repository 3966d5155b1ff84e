"""Two pages on one story meet on its idea however each writes it: joined
or hyphenated ("e-waste", "electronic waste"), spelled with or without
accents, as an initialism ("BA" for "British Airways"), as the start of a
longer name ("British Airways Flight 727"), or as a name that opens every
sentence it is in. Pages that only share letters or a name's first word
still meet on nothing (issue 12)."""

from __future__ import annotations

from hatchery.hatch import Source, SourceHighlight, hatch
from hatchery.hatch.aliases import initials, spelling
from hatchery.hatch.ideas import ideas_in
from hatchery.hatch.rarity import zipf
from hatchery.hatch.threads import Holder, shared_ideas


def page(pid: int, title: str, paragraphs: list[str], marked: list[str]) -> Source:
    return Source(pid, f"https://p{pid}.example/a", title, text="\n\n".join(paragraphs),
                  highlights=[SourceHighlight(f"h{pid}-{i}", t) for i, t in enumerate(marked)])


def phrases(*sources: Source) -> list[str]:
    return [t.phrase for t in hatch(list(sources), length="medium").threads]


def test_a_hyphenated_compound_meets_the_open_one_its_page_writes():
    one = page(1, "A mountain of old phones", [
        "Rich countries ship electronic waste to poorer ones, a United Nations study found.",
        "The world threw away 50 million tonnes of e-waste last year, enough to fill a "
        "line of lorries around the equator.",
    ], ["The world threw away 50 million tonnes of e-waste last year, enough to fill a "
        "line of lorries around the equator."])
    two = page(2, "Where old phones go", [
        "Workers in Agbogbloshie burn cables from discarded laptops to reach the copper inside.",
        "Most electronic waste is dismantled by hand in poorer countries, the study says, "
        "and the lorries that carry it are rarely inspected.",
    ], ["Most electronic waste is dismantled by hand in poorer countries, the study says, "
        "and the lorries that carry it are rarely inspected."])
    assert "electronic waste" in phrases(one, two)


def test_an_initialism_meets_the_name_it_stands_for():
    one = page(1, "Drone near Heathrow", [
        "A British Airways jet from Geneva was struck by a drone as it approached Heathrow.",
        "A BA spokesman said the Airbus landed safely and engineers examined the aircraft.",
    ], ["A BA spokesman said the Airbus landed safely and engineers examined the aircraft."])
    two = page(2, "Pilot reports drone strike", [
        "The pilot of the British Airways jet reported a drone strike over southwest London.",
        "Police said no arrests had been made.",
    ], ["The pilot of the British Airways jet reported a drone strike over southwest London."])
    assert "British Airways" in phrases(one, two)


def test_a_longer_name_meets_the_name_it_starts_with_when_its_page_writes_both():
    one = page(1, "Drone strikes a jet", [
        "British Airways Flight 727 from Geneva was struck by a drone over Heathrow on Sunday.",
        "British Airways said the jet was cleared to fly again after an inspection.",
    ], ["British Airways Flight 727 from Geneva was struck by a drone over Heathrow on Sunday."])
    two = page(2, "Investigators study drone strike", [
        "Investigators said British Airways crews reported the drone approaching Heathrow.",
        "The airport stayed open.",
    ], ["Investigators said British Airways crews reported the drone approaching Heathrow."])
    assert "British Airways" in phrases(one, two)


def test_a_name_that_opens_every_sentence_is_still_a_name():
    # "Obama" is about as common as "early": only as a name is it specific.
    one = page(1, "A library in Chicago", [
        "Obama broke ground on his presidential library in Jackson Park on Tuesday.",
        "The center will hold a museum, a forum and a branch of the public library.",
    ], ["Obama broke ground on his presidential library in Jackson Park on Tuesday."])
    two = page(2, "Groundbreaking on the South Side", [
        "Obama told the crowd in Jackson Park that the library belongs to the South Side.",
        "Neighbours worry that rents will rise once the museum opens.",
    ], ["Obama told the crowd in Jackson Park that the library belongs to the South Side."])
    assert "Obama" in phrases(one, two)


def test_an_idea_the_person_marked_comes_before_one_only_around_the_highlights():
    one = page(1, "Bike lanes on Main Street", [
        "Protected bike lanes opened on Main Street this spring. Cyclists counted at the "
        "crossing doubled, and the council measured curbside parking turnover.",
    ], ["Protected bike lanes opened on Main Street this spring."])
    two = page(2, "What cyclists want", [
        "Riders say protected bike lanes matter more than anything else. Shop owners worried "
        "about curbside parking turnover before the lanes opened.",
    ], ["Riders say protected bike lanes matter more than anything else."])
    found = phrases(one, two)
    assert found and found[0] == "bike lanes"
    assert "curbside parking turnover" not in found


def test_a_newspapers_name_is_no_thread_on_the_place_it_is_named_after():
    one = page(1, "A chess prodigy", [
        "Tani Adewumi, an eleven-year-old refugee, won the state chess title in New York.",
        "He learned the Sicilian Defence in a shelter library.",
    ], ["Tani Adewumi, an eleven-year-old refugee, won the state chess title in New York."])
    two = page(2, "From a shelter to a chess title", [
        "Tani Adewumi won the state chess title, The New York Times reported, a year after "
        "his family fled Nigeria.",
        "His coach says he studies the Sicilian Defence for hours.",
    ], ["Tani Adewumi won the state chess title, The New York Times reported, a year after "
        "his family fled Nigeria."])
    found = phrases(one, two)
    assert "Tani Adewumi" in found
    assert "New York" not in found


def test_unrelated_pages_stay_apart_without_a_thread():
    one = page(1, "A bakery's long night", [
        "Bakers in New York start their ovens at midnight to have rye loaves ready by dawn.",
        "Flour prices rose this winter.",
    ], ["Bakers in New York start their ovens at midnight to have rye loaves ready by dawn."])
    two = page(2, "A chess prodigy", [
        "The eleven-year-old beat a grandmaster in a blitz game, The New York Times reported.",
        "Her coach said she studies endgames for three hours a day.",
    ], ["The eleven-year-old beat a grandmaster in a blitz game, The New York Times reported."])
    result = hatch([one, two], length="medium")
    assert result.threads == []
    assert result.relation == "unrelated"


def test_an_initialism_stands_for_a_name_only_where_a_page_writes_both():
    marked = ["A BA spokesman declined to comment on the delays.",
              "British Airways cancelled forty flights on Monday."]

    def meet(texts: list[str]) -> set[str]:
        groups = [[Holder((g, f"h{g}"), ideas_in(m), {})] for g, m in enumerate(marked)]
        return {s.idea.surface() for s in shared_ideas(groups, texts=texts)}

    assert "British Airways" not in meet(marked)
    assert "British Airways" in meet([marked[0] + " British Airways (BA) apologised.", marked[1]])


def test_spellings_of_one_idea_are_one_spelling():
    assert spelling("cell-phones") == spelling("cell phone") == spelling("Cellphone")
    assert spelling("ex-fiancé") == spelling("ex-fiance")
    assert spelling("cell phone") != spelling("cell")
    assert initials("British Airways") == "BA"
    assert initials("The Washington Post") == "WP"
    assert initials("Saturday Night Live") == "SNL"
    assert initials("the lorries") == ""


def test_a_page_on_one_crisis_meets_a_page_on_several_crises():
    one = page(1, "Camps fill up", [
        "Aid groups say the refugee crisis on the border is the worst in a decade.",
        "Tents are being flown in from Jordan.",
    ], ["Aid groups say the refugee crisis on the border is the worst in a decade."])
    two = page(2, "A decade of displacement", [
        "Three refugee crises at once have stretched the agency's budget thin.",
        "Donors pledged more in Geneva.",
    ], ["Three refugee crises at once have stretched the agency's budget thin."])
    assert "refugee crisis" in phrases(one, two) or "refugee crises" in phrases(one, two)


def test_a_peoples_word_meets_a_place_whose_name_ends_otherwise():
    one = page(1, "Grain convoy leaves port", [
        "Ukrainian officials said the grain convoy left Odesa under naval escort.",
        "Insurers raised premiums for the route.",
    ], ["Ukrainian officials said the grain convoy left Odesa under naval escort."])
    two = page(2, "Grain prices fall", [
        "Wheat futures fell after the first convoy left Odesa, easing fears in Ukraine.",
        "Traders expect more sailings.",
    ], ["Wheat futures fell after the first convoy left Odesa, easing fears in Ukraine."])
    assert "Ukraine" in phrases(one, two)


def test_two_spellings_meet_under_the_commoner_one():
    def shared(marked: list[str]) -> dict:
        groups = [[Holder((g, f"h{g}"), ideas_in(m), {})] for g, m in enumerate(marked)]
        return {s.idea.surface(): s for s in shared_ideas(groups, texts=marked)}

    # The pair is named, and weighed, as the commoner spelling.
    found = shared(["The leaked e-mail reached the board on Friday.",
                    "Investigators traced the email to a contractor."])
    assert "email" in found and "e-mail" not in found
    assert sorted(found["email"].groups) == [0, 1]
    found = shared(["Police found her cell phone in the river.",
                    "Her cellphone was switched off at midnight."])
    assert "cellphone" in found and "cell phone" not in found


def test_a_hyphenated_word_is_as_common_as_its_parts_not_as_rare_as_an_unseen_one():
    # The word list holds "wife" and "ex", not "ex-wife": read as unseen,
    # it made two unrelated stories a theme.
    assert 4.0 < zipf("ex-wife") < 5.0
    one = page(1, "Custody ruling", [
        "The singer's ex-wife won custody of their twins in a Nashville court.",
        "Her lawyer called it a fair ruling.",
    ], ["The singer's ex-wife won custody of their twins in a Nashville court."])
    two = page(2, "A campaign memoir", [
        "The senator's ex-wife published a memoir about the campaign trail in Iowa.",
        "Sales were brisk.",
    ], ["The senator's ex-wife published a memoir about the campaign trail in Iowa."])
    result = hatch([one, two], length="medium")
    assert result.relation == "unrelated"
    assert result.threads == []


def test_a_two_letter_initialism_or_name_is_an_idea_a_shared_word_of_two_letters_is_not():
    one = page(1, "Talks on tariffs", [
        "EU ministers met in Brussels to answer the new steel tariffs.",
        "President Xi told reporters in Beijing that the talks had been useful.",
    ], ["EU ministers met in Brussels to answer the new steel tariffs.",
        "President Xi told reporters in Beijing that the talks had been useful."])
    two = page(2, "A summit without a deal", [
        "The summit ended without a deal, and the EU said it would reply within weeks.",
        "Officials said Xi would visit again in the spring.",
    ], ["The summit ended without a deal, and the EU said it would reply within weeks.",
        "Officials said Xi would visit again in the spring."])
    assert {"EU", "Xi"} <= set(phrases(one, two))
    # Two letters in lowercase, or a capital opening a sentence, name nothing.
    assert list(ideas_in("He is an ox. Go on, we do so.", "en")) == []
    assert ("ox",) not in ideas_in("An ox pulled the cart.", "en")
