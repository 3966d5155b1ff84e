"""Names as threads are whole names: never a title with a first name
("Special Counsel Edwin"), never cut before the surname, never a
possessive ("Verrick's"), and a first name alone stands for the full name
its page writes (issue 12). The people, places, firms, papers, books and
stories are made up; an invented word is in no word list (Zipf 0), as rare
as most real surnames and towns are, and where a case needs a word as
common as the real one (a surname that is a common word, "May" a month
and a modal verb, "Saudi" a people's word) the word is real and the story
is not."""

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
    found = surfaces("On Friday Special Counsel Edwin Marrowby questioned the witness.")
    assert "Edwin Marrowby" in found
    assert "Marrowby" in found  # later mentions use the surname alone
    for cut in ("Special Counsel Edwin", "Counsel Edwin Marrowby", "Counsel Edwin",
                "Edwin", "Special Counsel Edwin Marrowby"):
        assert cut not in found


def test_a_lowercase_title_is_dropped_too():
    found = surfaces("The witness met special counsel Edwin Marrowby twice.")
    assert "Edwin Marrowby" in found
    assert "counsel Edwin Marrowby" not in found


def test_a_name_never_ends_on_a_title_word():
    # "Wendmark", a made-up state; "VBI", the made-up Velore Bureau of
    # Investigation.
    found = surfaces("The ruling angered Wendmark Gov. Lisa Tolland and VBI Director Oren Vaskell.")
    assert {"Lisa Tolland", "Oren Vaskell", "VBI", "Wendmark"} <= found
    assert not any(f.endswith((" Gov", " Director")) for f in found)


def test_a_name_that_is_only_a_title_stays_whole():
    assert "Prime Minister" in surfaces("He met the Prime Minister in the morning.")
    assert title_block(["prime", "minister"]) == (0, 2)
    assert title_block(["general", "motors"]) is None


def test_names_longer_than_three_words_stay_whole():
    found = surfaces("She wrote to former Vice President Hal Dunmore and to Nora Ellery Vantreight.")
    assert "Hal Dunmore" in found
    assert "Nora Ellery Vantreight" in found
    assert "Nora Ellery" not in found and "Ellery Vantreight" not in found


def test_a_possessive_is_grammar_not_the_name():
    found = surfaces("Cal Verrick's show beat the network's other shows. Verrick's ratings rose.")
    assert "Cal Verrick" in found and "Verrick" in found
    assert not any("'s" in f for f in found)


def test_threads_across_pages_name_people_whole():
    # Both highlights write the title and the name: read as one name, the
    # four words would be a thread of their own.
    one = page(1, "The ferry inquiry widens", (
        "Special Counsel Edwin Marrowby subpoenaed the ledgers of Cordwell Consultants on Monday.\n\n"
        "The firm drew up the county's ferry timetable."),
        ["Special Counsel Edwin Marrowby subpoenaed the ledgers of Cordwell Consultants on Monday."])
    two = page(2, "Ledgers sought", (
        "Special Counsel Edwin Marrowby wants the ledgers of Cordwell Consultants, county clerks said.\n\n"
        "The clerks have boxed them up."),
        ["Special Counsel Edwin Marrowby wants the ledgers of Cordwell Consultants, county clerks said."])
    result = hatch([one, two], length="medium")
    phrases = [t.phrase for t in result.threads]
    assert "Cordwell Consultants" in phrases
    assert not any(p.startswith(("Special", "Counsel")) or p.endswith("Edwin") for p in phrases)


def test_a_first_name_alone_stands_for_the_full_name_its_page_writes():
    one = page(1, "A keeper remembered", (
        "Greta Fallowby, the last keeper of the Tollmere light, logged every storm for forty years.\n\n"
        "Neighbours said Greta had kept the logbook in a biscuit tin by the lamp."),
        ["Neighbours said Greta had kept the logbook in a biscuit tin by the lamp."])
    two = page(2, "Forty years of storms", (
        "A logbook left by Greta Fallowby records each gale in neat pencil.\n\n"
        "The museum will show it in the spring."),
        ["A logbook left by Greta Fallowby records each gale in neat pencil."])
    result = hatch([one, two], length="medium")
    assert "Greta Fallowby" in [t.phrase for t in result.threads]


def test_a_place_alone_never_stands_for_a_longer_name():
    # "Dunmarsh", a made-up state, and the made-up newspaper named after it.
    one = page(1, "Roads cleared early", (
        "Snowplough crews in Dunmarsh cleared the school roads before dawn on Monday.\n\n"
        "Buses ran late."),
        ["Snowplough crews in Dunmarsh cleared the school roads before dawn on Monday."])
    two = page(2, "A map of closed roads", (
        "Partners include the Dunmarsh Republic and the Calloway Herald, which track road closures.\n\n"
        "Readers can send tips."),
        ["Partners include the Dunmarsh Republic and the Calloway Herald, which track road closures."])
    result = hatch([one, two], length="medium")
    assert "Dunmarsh Republic" not in [t.phrase for t in result.threads]


def test_two_names_both_pages_marked_link_them_though_neither_would_alone():
    # "Fields", a made-up author, is a surname that is a common word (Zipf
    # 4.6: rarity 2.4), and his made-up book "Make Noise" is two common
    # words (rarity 3.4): each thread alone is under the 3.5 a thread needs
    # to link pages otherwise far apart (`relatedness`), the two together
    # are over it. Rarer words would link the pages on either alone.
    one = page(1, "A weekend at the orchard", (
        "Families gathered in the orchard for a weekend of cider pressing, fiddle music and puppets.\n\n"
        "Tents sleep four, meals come from a pie stall, and rowing boats wait on the pond.\n\n"
        "Tickets sold out within hours; organisers promise an apple-bobbing contest and hayrides.\n\n"
        "Wellies are advised, since the lower meadow floods after rain and the lane gets muddy.\n\n"
        "Fields will read from his new book Make Noise by the bonfire."),
        ["Fields will read from his new book Make Noise by the bonfire."])
    two = page(2, "A small book for shy children", (
        "The bedtime story became a small illustrated volume.\n\n"
        "Publishers printed it on thick card with watercolour foxes on every spread.\n\n"
        "Libraries shelved it beside the alphabet primers each autumn for a decade.\n\n"
        "Teachers called the lettering cheerful and the pages sturdy enough for toddlers.\n\n"
        "In Make Noise, Fields tells shy children to sing in the corridor."),
        ["In Make Noise, Fields tells shy children to sing in the corridor."])
    result = hatch([one, two], length="medium")
    assert result.relation in ("story", "theme")
    assert {"Make Noise", "Fields"} <= {t.phrase for t in result.threads}


def test_a_name_joined_to_a_participle_is_the_name():
    # "Velore" and "Tarsk", made-up countries.
    found = surfaces("The Velorian-led coalition fought Tarsk-backed rebels near a New York-based charity.")
    assert {"Velorian", "Tarsk", "New York", "coalition", "rebels"} <= found
    assert not any(f.endswith(("-led", "-backed", "-based")) for f in found)
    assert "Coca-Cola" in surfaces("He sold Coca-Cola for a living.")


def test_a_peoples_word_meets_the_place_another_page_names():
    # "Zembari" of "Zembar", as "Iraqi" of "Iraq": a made-up country.
    one = page(1, "Salt works reopen", (
        "Zembari engineers reopened the salt works at Kesra after the spring floods on Sunday.\n\n"
        "The pans had been under water for months."),
        ["Zembari engineers reopened the salt works at Kesra after the spring floods on Sunday."])
    two = page(2, "An old trade", (
        "The salt works at Kesra are the oldest in Zembar, officials said.\n\n"
        "The pans are the largest in the country."),
        ["The salt works at Kesra are the oldest in Zembar, officials said."])
    threads = {t.phrase: t for t in hatch([one, two], length="medium").threads}
    assert sorted(threads["Zembar"].source_ids) == [1, 2]
    # A made-up word is read as a name; a real people's word opening its
    # sentence is read as an adjective ("Omani", as "Iraqi"), a word that
    # names nothing alone there, and still meets its place. The regatta
    # is made up.
    one = page(1, "A regatta won", (
        "Omani sailors won the autumn regatta at Kesra by a boat length on Sunday.\n\n"
        "The wind dropped before the last leg."),
        ["Omani sailors won the autumn regatta at Kesra by a boat length on Sunday."])
    two = page(2, "Crews from afar", (
        "The regatta at Kesra drew crews from Oman for the first time, officials said.\n\n"
        "Hotels were full."),
        ["The regatta at Kesra drew crews from Oman for the first time, officials said."])
    threads = {t.phrase: t for t in hatch([one, two], length="medium").threads}
    assert sorted(threads["Oman"].source_ids) == [1, 2]


def test_a_surname_before_jr_or_iii_is_the_short_form_later_pages_use():
    found = surfaces("Edwin P. Marrowby III delivered his audit, and Otis Dorrance Jr. cut the ribbon.")
    assert {"Marrowby", "Dorrance"} <= found
    assert "III" not in found and "Jr" not in found
    one = page(1, "The audit is in", (
        "Edwin P. Marrowby III delivered his audit to the harbour board.\n\nIt ran 80 pages."),
        ["Edwin P. Marrowby III delivered his audit to the harbour board."])
    two = page(2, "No verdict on the ferry contract", (
        "Marrowby declined to say whether the board had broken its own rules.\n\n"
        "Councillors want him to testify."),
        ["Marrowby declined to say whether the board had broken its own rules."])
    assert "Marrowby" in [t.phrase for t in hatch([one, two], length="medium").threads]


def test_a_name_opening_a_sentence_is_still_the_name():
    # "New York" and "United States" open their sentences: the tagger reads
    # "New" and "United" as a name's, "Yesterday" as no name's.
    assert "New York" in surfaces("New York officials said the count was late.")
    assert "New York" in surfaces("New York-based Fairledger runs the project.")
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
    assert with_head("Marrowby", ["Marrowby testified on Friday", "Marrowby testified again"]) \
        == "Marrowby"
    assert with_head("Serra", ["the Serra river rose", "no mention here"]) == "Serra"
    assert with_head("Serra", ["la Serra river"], lang="fr") == "Serra"


def test_a_number_or_a_letter_ends_a_name():
    # "Kelvane", a made-up carmaker, and "Aerwyn", a made-up planemaker.
    found = surfaces("Reviewers praised the quiet cabin of the Kelvane Model R in their road tests.")
    assert {"Kelvane Model R", "Model R", "Kelvane"} <= found
    assert "Kelvane Model" not in found
    found = surfaces("Airlines ordered forty Aerwyn 550 Max jets at the air show.")
    assert {"Aerwyn 550 Max", "Aerwyn"} <= found
    assert "550" not in found  # a number alone says how many, not what
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
    # "Saudi" is the real people's word (Zipf 4.3), of a place of two
    # words; the consortium, its solar farm and the port are made up.
    one = page(1, "Panels go up", (
        "The Saudi-led consortium began building a solar farm near the port of Tallowmere on Monday.\n\n"
        "Fishermen worried about the new jetty."),
        ["The Saudi-led consortium began building a solar farm near the port of Tallowmere on Monday."])
    two = page(2, "A buyer for the power", (
        "Saudi Arabia agreed to buy the farm's power for twenty years once the jetty is built.\n\n"
        "Envoys will sign the contract in the spring."),
        ["Saudi Arabia agreed to buy the farm's power for twenty years once the jetty is built."])
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
    # "May" is the real month and modal verb; "Odile May", a made-up guild
    # master.
    found = surfaces("The vote was delayed again, and Odile May faced a revolt in her guild.")
    assert "Odile May" in found
    assert "Odile" not in found  # never the given name cut from its surname
    # Elsewhere a month is no part of a name, and "May" is a modal verb.
    assert not any("May" in f for f in surfaces("In May the Parliament met again."))
    assert not any("May" in f for f in surfaces("Parliament met on Thursday May 3."))
    assert not any("May" in f for f in surfaces("Officials in Washington May consider it."))


def test_pages_meet_on_a_surname_that_is_a_month():
    result = hatch([
        page(1, "Guild vote delayed", "", [
            "Weavers in Harwick said Odile May faced a revolt over the wool levy."]),
        page(2, "Guild rebels", "", [
            "Rebels in her own guild told Odile May the wool levy could not pass."]),
    ])
    assert "Odile May" in {t.phrase for t in result.threads}
    assert "Odile" not in {t.phrase for t in result.threads}


def test_the_that_opens_a_sentence_is_no_part_of_a_name():
    found = surfaces("The Verrin ferry landing will link to the new airport shuttle.")
    assert "The Verrin" not in found
    assert "Verrin ferry" in found
    # inside a sentence a capitalised "The" may still open a name
    assert "The Dunmarsh Gazette" in surfaces("She wrote for The Dunmarsh Gazette until spring.")
