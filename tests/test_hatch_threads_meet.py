"""Two pages on one story meet on its idea however each writes it: joined
or hyphenated ("e-waste", "electronic waste"), spelled with or without
accents, as an initialism ("CA" for "Corvane Airways"), as the start of a
longer name ("Corvane Airways Cargo"), or as a name that opens every
sentence it is in. The airline, the towns, the people and their stories
are made up. Pages that only share letters or a name's first word
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
        "Rich districts ship electronic waste to poorer ones, a county survey found.",
        "The county threw away 9,000 tonnes of e-waste last year, enough to fill a "
        "line of lorries around the harbour.",
    ], ["The county threw away 9,000 tonnes of e-waste last year, enough to fill a "
        "line of lorries around the harbour."])
    two = page(2, "Where old phones go", [
        "Workers in Tollmere burn cables from discarded laptops to reach the copper inside.",
        "Most electronic waste is dismantled by hand in poorer districts, the survey says, "
        "and the lorries that carry it are rarely inspected.",
    ], ["Most electronic waste is dismantled by hand in poorer districts, the survey says, "
        "and the lorries that carry it are rarely inspected."])
    assert "electronic waste" in phrases(one, two)


# An airline of our own: "Corvane" is in no word list (Zipf 0, as rare as
# most real airline names), "CA" is as common as "BA" is (Zipf 4.7, 4.1).
def test_an_initialism_meets_the_name_it_stands_for():
    one = page(1, "Jet turns back", [
        "A Corvane Airways jet from Lindenby turned back when a cabin heater failed.",
        "A CA spokesman said the plane landed safely and engineers examined the heater.",
    ], ["A CA spokesman said the plane landed safely and engineers examined the heater."])
    two = page(2, "Pilot reports smoke", [
        "The pilot of the Corvane Airways jet reported smoke over the Tollmere hills.",
        "Passengers were rebooked on a later flight.",
    ], ["The pilot of the Corvane Airways jet reported smoke over the Tollmere hills."])
    assert "Corvane Airways" in phrases(one, two)


def test_a_longer_name_meets_the_name_it_starts_with_when_its_page_writes_both():
    # No number in the longer name: "Corvane Airways Flight 412" holds
    # "Corvane Airways" as a name of its own (see `names.name_units`), and
    # would meet the other page without the alias.
    one = page(1, "A crate goes missing", [
        "Corvane Airways Cargo lost a crate of orchids at Lindenby airport on Sunday.",
        "Corvane Airways said the crate was found the next morning.",
    ], ["Corvane Airways Cargo lost a crate of orchids at Lindenby airport on Sunday."])
    two = page(2, "Orchids left in the rain", [
        "Investigators said Corvane Airways crews had left the orchids on the tarmac.",
        "The growers want their money back.",
    ], ["Investigators said Corvane Airways crews had left the orchids on the tarmac."])
    assert "Corvane Airways" in phrases(one, two)


def test_a_name_that_opens_every_sentence_is_still_a_name():
    # "Hill" (Zipf 4.8) is too common a word to be an idea alone: only as
    # a name is it specific.
    one = page(1, "A library for Tollmere", [
        "Hill broke ground on the new county library in Alder Park on Tuesday.",
        "The building will hold a reading room, a workshop and a children's wing.",
    ], ["Hill broke ground on the new county library in Alder Park on Tuesday."])
    two = page(2, "Groundbreaking on the east side", [
        "Hill told the crowd in Alder Park that the library belongs to the east side.",
        "Neighbours worry that rents will rise once the reading room opens.",
    ], ["Hill told the crowd in Alder Park that the library belongs to the east side."])
    assert "Hill" in phrases(one, two)


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
    # "Long Reach", a made-up town, is as common in its words as "New York"
    # (Zipf 5.8 and 4.9): a town of two words, and the start of the name of
    # its newspaper.
    one = page(1, "A spelling champion", [
        "Mira Ostrand, a twelve-year-old, won the county spelling bee in Long Reach.",
        "She learned the hardest words from her grandmother's dictionary.",
    ], ["Mira Ostrand, a twelve-year-old, won the county spelling bee in Long Reach."])
    two = page(2, "From word lists to a trophy", [
        "Mira Ostrand won the county spelling bee, The Long Reach Courier reported, a year "
        "after her family moved to the coast.",
        "Her teacher says she studies word lists for hours.",
    ], ["Mira Ostrand won the county spelling bee, The Long Reach Courier reported, a year "
        "after her family moved to the coast."])
    found = phrases(one, two)
    assert "Mira Ostrand" in found
    assert "Long Reach" not in found


def test_unrelated_pages_stay_apart_without_a_thread():
    one = page(1, "A bakery's long night", [
        "Bakers in Long Reach start their ovens at midnight to have rye loaves ready by dawn.",
        "Flour prices rose this winter.",
    ], ["Bakers in Long Reach start their ovens at midnight to have rye loaves ready by dawn."])
    two = page(2, "A chess prodigy", [
        "The eleven-year-old beat a grandmaster in a blitz game, The Long Reach Courier reported.",
        "Her coach said she studies endgames for three hours a day.",
    ], ["The eleven-year-old beat a grandmaster in a blitz game, The Long Reach Courier reported."])
    result = hatch([one, two], length="medium")
    assert result.threads == []
    assert result.relation == "unrelated"


def test_an_initialism_stands_for_a_name_only_where_a_page_writes_both():
    marked = ["A CA spokesman declined to comment on the delays.",
              "Corvane Airways cancelled forty flights on Monday."]

    def meet(texts: list[str]) -> set[str]:
        groups = [[Holder((g, f"h{g}"), ideas_in(m), {})] for g, m in enumerate(marked)]
        return {s.idea.surface() for s in shared_ideas(groups, texts=texts)}

    assert "Corvane Airways" not in meet(marked)
    assert "Corvane Airways" in meet([marked[0] + " Corvane Airways (CA) apologised.", marked[1]])


def test_spellings_of_one_idea_are_one_spelling():
    assert spelling("cell-phones") == spelling("cell phone") == spelling("Cellphone")
    assert spelling("ex-fiancé") == spelling("ex-fiance")
    assert spelling("cell phone") != spelling("cell")
    assert initials("Corvane Airways") == "CA"
    assert initials("The Long Reach Courier") == "LRC"
    assert initials("Friday Night Lantern") == "FNL"
    assert initials("the lorries") == ""


def test_a_page_on_one_crisis_meets_a_page_on_several_crises():
    one = page(1, "Camps fill up", [
        "Aid groups say the refugee crisis on the border is the worst in a decade.",
        "Tents are being flown in from Lindenby.",
    ], ["Aid groups say the refugee crisis on the border is the worst in a decade."])
    two = page(2, "A decade of displacement", [
        "Three refugee crises at once have stretched the agency's budget thin.",
        "Donors pledged more at a meeting in Harwick.",
    ], ["Three refugee crises at once have stretched the agency's budget thin."])
    assert "refugee crisis" in phrases(one, two) or "refugee crises" in phrases(one, two)


def test_a_peoples_word_meets_a_place_whose_name_ends_otherwise():
    # "Velorian" of "Velore", as "Ukrainian" of "Ukraine": a made-up country.
    one = page(1, "Ferry runs again", [
        "Velorian officials said the ferry to Castrevo would run again after the storm.",
        "Insurers raised premiums for the route.",
    ], ["Velorian officials said the ferry to Castrevo would run again after the storm."])
    two = page(2, "Fares fall", [
        "Fares fell after the first ferry reached Castrevo, easing fears in Velore.",
        "Traders expect more sailings.",
    ], ["Fares fell after the first ferry reached Castrevo, easing fears in Velore."])
    assert "Velore" in phrases(one, two)


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
        "The singer's ex-wife won custody of their twins in a Harwick court.",
        "Her lawyer called it a fair ruling.",
    ], ["The singer's ex-wife won custody of their twins in a Harwick court."])
    two = page(2, "A campaign memoir", [
        "The senator's ex-wife published a memoir about the campaign trail in Lindenby.",
        "Sales were brisk.",
    ], ["The senator's ex-wife published a memoir about the campaign trail in Lindenby."])
    result = hatch([one, two], length="medium")
    assert result.relation == "unrelated"
    assert result.threads == []


def test_a_two_letter_initialism_or_name_is_an_idea_a_shared_word_of_two_letters_is_not():
    # "TL", a made-up league of towns, and "Vu", a made-up chancellor:
    # Zipf 4.0 and 3.3, as "EU" and "Xi" are 4.6 and 4.1.
    one = page(1, "Talks on tariffs", [
        "TL ministers met in Harwick to answer the new timber tariffs.",
        "Chancellor Vu told reporters in Lindenby that the talks had been useful.",
    ], ["TL ministers met in Harwick to answer the new timber tariffs.",
        "Chancellor Vu told reporters in Lindenby that the talks had been useful."])
    two = page(2, "A summit without a deal", [
        "The summit ended without a deal, and the TL said it would reply within weeks.",
        "Officials said Vu would visit again in the spring.",
    ], ["The summit ended without a deal, and the TL said it would reply within weeks.",
        "Officials said Vu would visit again in the spring."])
    assert {"TL", "Vu"} <= set(phrases(one, two))
    # Two letters in lowercase, or a capital opening a sentence, name nothing.
    assert list(ideas_in("He is an ox. Go on, we do so.", "en")) == []
    assert ("ox",) not in ideas_in("An ox pulled the cart.", "en")
