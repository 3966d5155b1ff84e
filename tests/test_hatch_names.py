"""Names as threads are whole names: never a title with a first name
("Special Counsel Robert"), never cut before the surname, never a
possessive ("Leno's"), and a first name alone stands for the full name its
page writes (issue 12)."""

from __future__ import annotations

from hatchery.hatch import Source, SourceHighlight, hatch
from hatchery.hatch.ideas import ideas_in
from hatchery.hatch.names import title_block


def surfaces(text: str) -> set[str]:
    """The ideas of `text` that stand on their own (see `Idea.borrowed`):
    a name's tail is one only where another page writes it alone."""
    return {idea.surface() for idea in ideas_in(text).values() if not idea.borrowed}


def page(pid: int, title: str, text: str, marked: list[str]) -> Source:
    return Source(pid, f"https://p{pid}.example/a", title, text=text,
                  highlights=[SourceHighlight(f"h{pid}-{i}", t) for i, t in enumerate(marked)])


def test_a_title_is_no_part_of_the_name():
    found = surfaces("On Friday Special Counsel Robert Mueller questioned the witness.")
    assert "Robert Mueller" in found
    assert "Mueller" in found  # later mentions use the surname alone
    for cut in ("Special Counsel Robert", "Counsel Robert Mueller", "Counsel Robert",
                "Robert", "Special Counsel Robert Mueller"):
        assert cut not in found


def test_a_lowercase_title_is_dropped_too():
    found = surfaces("The witness met special counsel Robert Mueller twice.")
    assert "Robert Mueller" in found
    assert "counsel Robert Mueller" not in found


def test_a_name_never_ends_on_a_title_word():
    found = surfaces("The ruling angered Arizona Gov. Jan Brewer and FBI Director James Comey.")
    assert {"Jan Brewer", "James Comey", "FBI"} <= found
    assert not any(f.endswith((" Gov", " Director")) for f in found)


def test_a_name_that_is_only_a_title_stays_whole():
    assert "Prime Minister" in surfaces("He met the Prime Minister in the morning.")
    assert title_block(["prime", "minister"]) == (0, 2)
    assert title_block(["general", "motors"]) is None


def test_names_longer_than_three_words_stay_whole():
    found = surfaces("She wrote to former Vice President Joe Biden and to Ruth Bader Ginsburg.")
    assert "Joe Biden" in found
    assert "Ruth Bader Ginsburg" in found
    assert "Ruth Bader" not in found and "Bader Ginsburg" not in found


def test_a_possessive_is_grammar_not_the_name():
    found = surfaces("Jay Leno's show beat the network's other shows. Leno's ratings rose.")
    assert "Jay Leno" in found and "Leno" in found
    assert not any("'s" in f for f in found)


def test_threads_across_pages_name_people_whole():
    one = page(1, "The inquiry widens", (
        "Special Counsel Robert Mueller subpoenaed the records of Essential Consultants on Monday.\n\n"
        "Lawyers for the firm declined to comment."),
        ["Special Counsel Robert Mueller subpoenaed the records of Essential Consultants on Monday."])
    two = page(2, "Records sought", (
        "The records of Essential Consultants were sought by Mueller, people familiar said.\n\n"
        "Special Counsel Robert Mueller has not spoken publicly."),
        ["The records of Essential Consultants were sought by Mueller, people familiar said."])
    result = hatch([one, two], length="medium")
    phrases = [t.phrase for t in result.threads]
    assert "Essential Consultants" in phrases
    assert not any(p.startswith(("Special", "Counsel")) or p.endswith("Robert") for p in phrases)


def test_a_first_name_alone_stands_for_the_full_name_its_page_writes():
    one = page(1, "A sister remembered", (
        "Nancy Motes, the younger half-sister, wrote a long letter before she died.\n\n"
        "Friends said Nancy had kept a diary of the feud for years."),
        ["Friends said Nancy had kept a diary of the feud for years."])
    two = page(2, "The feud in letters", (
        "A letter left by Nancy Motes describes the feud in detail.\n\n"
        "The family has not commented."),
        ["A letter left by Nancy Motes describes the feud in detail."])
    result = hatch([one, two], length="medium")
    assert "Nancy Motes" in [t.phrase for t in result.threads]


def test_a_place_alone_never_stands_for_a_longer_name():
    one = page(1, "Polls open early", (
        "Poll workers in Arizona set up sites before dawn on election day.\n\n"
        "Lines were short."),
        ["Poll workers in Arizona set up sites before dawn on election day."])
    two = page(2, "A newsroom for voters", (
        "Partners include the Arizona Republic and the Miami Herald, which track voting problems.\n\n"
        "Readers can send tips."),
        ["Partners include the Arizona Republic and the Miami Herald, which track voting problems."])
    result = hatch([one, two], length="medium")
    assert "Arizona Republic" not in [t.phrase for t in result.threads]


def test_two_names_both_pages_marked_link_them_though_neither_would_alone():
    one = page(1, "A weekend of camp", (
        "Fans gathered in the woods for a weekend of games, karaoke and film screenings.\n\n"
        "Cabins sleep six, meals come from a barbecue truck, and canoes wait on the lake.\n\n"
        "Tickets sold out within hours; organisers promise a ziplining contest and costumes.\n\n"
        "Rain boots are advised, since the meadow floods after storms and the trail gets muddy.\n\n"
        "Waters will read from his new book Make Trouble by the campfire."),
        ["Waters will read from his new book Make Trouble by the campfire."])
    two = page(2, "A slim book of advice", (
        "The commencement speech became a slim illustrated volume.\n\n"
        "Publishers printed it on heavy paper with cartoon drawings on every spread.\n\n"
        "Booksellers stocked it beside graduation cards each spring for a decade.\n\n"
        "Critics called the typography playful and the binding sturdy enough for gifting.\n\n"
        "In Make Trouble, Waters tells graduates to outrage their elders."),
        ["In Make Trouble, Waters tells graduates to outrage their elders."])
    result = hatch([one, two], length="medium")
    assert result.relation in ("story", "theme")
    assert {"Make Trouble", "Waters"} <= {t.phrase for t in result.threads}


def test_a_name_joined_to_a_participle_is_the_name():
    found = surfaces("The Saudi-led coalition fought Iran-backed rebels near a New York-based charity.")
    assert {"Iran", "New York", "coalition", "rebels"} <= found
    assert not any(f.endswith(("-led", "-backed", "-based")) for f in found)
    assert "Coca-Cola" in surfaces("He sold Coca-Cola for a living.")


def test_a_peoples_word_meets_the_place_another_page_names():
    one = page(1, "Forces advance", (
        "Iraqi forces retook the refinery town of Baiji from the militants on Sunday.\n\n"
        "The militants had held it for months."),
        ["Iraqi forces retook the refinery town of Baiji from the militants on Sunday."])
    two = page(2, "A long war", (
        "The battle for Baiji is the longest of the war in Iraq, officials said.\n\n"
        "The refinery is the largest in the country."),
        ["The battle for Baiji is the longest of the war in Iraq, officials said."])
    threads = {t.phrase: t for t in hatch([one, two], length="medium").threads}
    assert sorted(threads["Iraq"].source_ids) == [1, 2]


def test_a_surname_before_jr_or_iii_is_the_short_form_later_pages_use():
    found = surfaces("Robert S. Mueller III delivered his report, and Ken Griffey Jr. threw the first pitch.")
    assert {"Mueller", "Griffey"} <= found
    assert "III" not in found and "Jr" not in found
    one = page(1, "The report is in", (
        "Robert S. Mueller III delivered his report to the attorney general.\n\nIt ran 400 pages."),
        ["Robert S. Mueller III delivered his report to the attorney general."])
    two = page(2, "No verdict on obstruction", (
        "Mueller declined to say whether the president obstructed justice.\n\n"
        "Democrats want him to testify."),
        ["Mueller declined to say whether the president obstructed justice."])
    assert "Mueller" in [t.phrase for t in hatch([one, two], length="medium").threads]


def test_a_name_opening_a_sentence_is_still_the_name():
    # "New York" and "United States" open their sentences: the tagger reads
    # "New" and "United" as a name's, "Yesterday" as no name's.
    assert "New York" in surfaces("New York officials said the count was late.")
    assert "New York" in surfaces("New York-based ProPublica runs the project.")
    assert "United States" in surfaces("United States troops left the base.")
    assert "York" not in surfaces("New York officials said the count was late.")
    one = page(1, "Counting late", (
        "New York officials said the count of mail ballots would take a week.\n\n"
        "Clerks worked through the night."),
        ["New York officials said the count of mail ballots would take a week."])
    two = page(2, "Ballots by mail", (
        "Mail ballots in New York must arrive by the following Tuesday.\n\n"
        "Clerks check every signature by hand."),
        ["Mail ballots in New York must arrive by the following Tuesday."])
    assert "New York" in [t.phrase for t in hatch([one, two], length="medium").threads]


def test_a_name_its_pages_always_write_with_one_noun_is_named_with_it():
    one = page(1, "Gates opened", (
        "Engineers opened the gates after the Serra river rose two metres overnight.\n\n"
        "The authority said the release would be slow."),
        ["Engineers opened the gates after the Serra river rose two metres overnight."])
    two = page(2, "Villages brace", (
        "Villages along the Serra river filled sandbags on Saturday.\n\n"
        "The mayor opened the school gym."),
        ["Villages along the Serra river filled sandbags on Saturday."])
    phrases = [t.phrase for t in hatch([one, two], length="medium").threads]
    assert "Serra river" in phrases and "Serra" not in phrases


def test_a_name_its_pages_write_with_different_nouns_stays_the_name():
    one = page(1, "Gates opened", (
        "Engineers opened four gates at the Millbrook dam after the river rose overnight.\n\n"
        "The authority said the release would be slow."),
        ["Engineers opened four gates at the Millbrook dam after the river rose overnight."])
    two = page(2, "Why it was full", (
        "The Millbrook reservoir is kept high in spring to store water for summer.\n\n"
        "Rules written decades ago assume smaller storms."),
        ["The Millbrook reservoir is kept high in spring to store water for summer."])
    phrases = [t.phrase for t in hatch([one, two], length="medium").threads]
    assert "Millbrook" in phrases
    assert not any(p.startswith("Millbrook ") for p in phrases)


def test_a_name_followed_by_a_verb_keeps_its_own_name():
    from hatchery.hatch.threads import with_head
    assert with_head("Serra", ["the Serra river rose", "along the Serra river"]) == "Serra river"
    assert with_head("Serra", ["the Serra river rose", "the Serra's banks"]) == "Serra"
    assert with_head("Comey", ["Comey testified on Friday", "Comey testified again"]) == "Comey"
    assert with_head("Serra", ["the Serra river rose", "no mention here"]) == "Serra"
    assert with_head("Serra", ["la Serra river"], lang="fr") == "Serra"


def test_a_number_or_a_letter_ends_a_name():
    found = surfaces("Regulators opened a probe into the Tesla Model S after the fires.")
    assert {"Tesla Model S", "Model S", "Tesla"} <= found
    assert "Tesla Model" not in found
    found = surfaces("Airlines grounded the Boeing 737 Max after two crashes.")
    assert {"Boeing 737 Max", "Boeing"} <= found
    assert "737" not in found  # a number alone says how many, not what
    found = surfaces("Nearly 300 people met on March 3, and I think A group left in 2016.")
    assert not any(any(c.isdigit() for c in f) for f in found)


def test_pages_meet_on_a_name_with_a_number():
    one = page(1, "Search widens", (
        "Deputies searched the woods along Highway 12 for the missing hiker.\n\n"
        "Volunteers joined them at dawn."),
        ["Deputies searched the woods along Highway 12 for the missing hiker."])
    two = page(2, "Hiker found", (
        "The hiker was found alive a mile from Highway 12 on Sunday.\n\n"
        "She was taken to hospital."),
        ["The hiker was found alive a mile from Highway 12 on Sunday."])
    assert "Highway 12" in [t.phrase for t in hatch([one, two], length="medium").threads]


def test_a_peoples_word_meets_its_place_however_it_is_spelled():
    one = page(1, "Strikes resume", (
        "The Saudi-led coalition resumed air strikes on the port of Hodeidah on Monday.\n\n"
        "Aid groups warned of famine."),
        ["The Saudi-led coalition resumed air strikes on the port of Hodeidah on Monday."])
    two = page(2, "Talks stall", (
        "Saudi Arabia refused to halt the campaign until the rebels left the port.\n\n"
        "Envoys will meet again in Geneva."),
        ["Saudi Arabia refused to halt the campaign until the rebels left the port."])
    threads = {t.phrase: t for t in hatch([one, two], length="medium").threads}
    assert sorted(threads["Saudi Arabia"].source_ids) == [1, 2]
    one = page(1, "A dike gives way", (
        "Engineers said the Dutch government had known of the weak dike since spring.\n\n"
        "Farms nearby were flooded."),
        ["Engineers said the Dutch government had known of the weak dike since spring."])
    two = page(2, "Rising water", (
        "Across the Netherlands, dikes built for smaller storms are being raised.\n\n"
        "The work will take a decade."),
        ["Across the Netherlands, dikes built for smaller storms are being raised."])
    threads = {t.phrase: t for t in hatch([one, two], length="medium").threads}
    assert sorted(threads["Netherlands"].source_ids) == [1, 2]


def test_a_month_that_is_a_surname_stays_in_the_name():
    found = surfaces("The vote was delayed again, and Theresa May faced a revolt in her party.")
    assert "Theresa May" in found
    assert "Theresa" not in found  # never the given name cut from its surname
    # Elsewhere a month is no part of a name, and "May" is a modal verb.
    assert not any("May" in f for f in surfaces("In May the Parliament met again."))
    assert not any("May" in f for f in surfaces("Parliament met on Thursday May 3."))
    assert not any("May" in f for f in surfaces("Officials in Washington May consider it."))


def test_pages_meet_on_a_surname_that_is_a_month():
    result = hatch([
        page(1, "Brexit vote delayed", "", [
            "Lawmakers in London said Theresa May faced a revolt over the customs deal."]),
        page(2, "Party rebels", "", [
            "Rebels in her own party told Theresa May the customs deal could not pass."]),
    ])
    assert "Theresa May" in {t.phrase for t in result.threads}
    assert "Theresa" not in {t.phrase for t in result.threads}
