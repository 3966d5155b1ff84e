"""A thread is named by a noun phrase, as a reader would name an idea:
"statewide polls", "James Comey", "John Waters", "柴油货车" (diesel
trucks); never a clause cut short ("statewide polls puts", "Comey
spoke"), a lone adjective or adverb, or a description glued to a name
("half-sister Nancy Motes") (issue 12)."""

from __future__ import annotations

import subprocess
import sys

from hatchery.hatch import Source, SourceHighlight, hatch
from hatchery.hatch.ideas import ideas_in


def surfaces(text: str, lang: str = "en") -> set[str]:
    """The ideas of `text` that stand on their own (see `Idea.borrowed`)."""
    return {idea.surface() for idea in ideas_in(text, lang).values() if not idea.borrowed}


def page(pid: int, title: str, text: str, marked: list[str]) -> Source:
    return Source(pid, f"https://p{pid}.example/a", title, text=text,
                  highlights=[SourceHighlight(f"h{pid}-{i}", t) for i, t in enumerate(marked)])


def threads_of(*pages: Source) -> list[str]:
    return [t.phrase for t in hatch(list(pages), length="medium").threads]


def test_a_verb_after_a_name_is_no_part_of_it():
    found = surfaces("FBI Director James Comey spoke to the committee on Thursday.")
    assert "James Comey" in found
    assert "Comey spoke" not in found and "James Comey spoke" not in found


def test_a_thread_never_ends_on_the_verb_two_pages_share():
    one = page(1, "Polls tighten", (
        "A new average of recent statewide polls puts Clinton ahead in Ohio and Florida.\n\n"
        "Her lead has shrunk since the conventions."),
        ["A new average of recent statewide polls puts Clinton ahead in Ohio and Florida."])
    two = page(2, "The map before the debate", (
        "The latest of the recent statewide polls puts Clinton four points up in Ohio.\n\n"
        "Campaign staff were cautious."),
        ["The latest of the recent statewide polls puts Clinton four points up in Ohio."])
    phrases = threads_of(one, two)
    assert phrases, "the pages share Clinton, Ohio and the polls"
    assert not any(p.split()[-1] in ("puts", "put") for p in phrases)


def test_a_clause_opened_by_a_verb_is_no_idea():
    found = surfaces("The ordinance violates local laws on street vending, critics say.")
    assert "local laws" in found
    assert not any(f.startswith("violates") for f in found)


def test_lone_adjectives_and_adverbs_name_no_idea():
    found = surfaces("The tragic story was told desperately, in a domesticated late-night tone.")
    assert not {"tragic", "desperately", "domesticated", "late-night"} & found
    assert "story" in found or "tone" in found


def test_a_word_used_as_a_modifier_meets_the_noun_another_page_writes():
    one = page(1, "Mountains of e-waste", (
        "The world threw away 42 million tons of electronic products last year.\n\n"
        "Little of it was recycled."),
        ["The world threw away 42 million tons of electronic products last year."])
    two = page(2, "Where old phones go", (
        "Most discarded electronics end up in the developing world, in open dumps.\n\n"
        "Workers burn cables to recover copper."),
        ["Most discarded electronics end up in the developing world, in open dumps."])
    assert "electronics" in threads_of(one, two)


def test_an_adjective_both_pages_use_is_no_thread():
    one = page(1, "A fire downtown", (
        "The tragic fire destroyed a bakery on Main Street overnight.\n\nNo one was hurt."),
        ["The tragic fire destroyed a bakery on Main Street overnight."])
    two = page(2, "A season ends", (
        "The tragic loss ended the team's season in the final minute.\n\nFans left quietly."),
        ["The tragic loss ended the team's season in the final minute."])
    assert "tragic" not in threads_of(one, two)


def test_a_description_before_a_name_is_left_out():
    found = surfaces("Her half-sister Nancy Motes and the staffing firm OfficeTeam replied.")
    assert {"Nancy Motes", "OfficeTeam"} <= found
    assert "half-sister Nancy Motes" not in found
    assert "staffing firm OfficeTeam" not in found


def test_lowercase_particles_of_a_name_stay_in_it():
    assert "van Gogh" in surfaces("The sunflowers of van Gogh hang in the museum.")


def test_a_title_in_quotes_stays_a_name():
    found = surfaces('Like "Hairspray," "Make Trouble" subverts its genre.')
    assert "Make Trouble" in found


def test_a_name_inside_a_longer_run_is_the_name_another_page_writes():
    one = page(1, "A weekend of camp", (
        "Fans gathered in Kent for a weekend of debauchery at Camp John Waters.\n\n"
        "Cabins sleep six and canoes wait on the lake."),
        ["Fans gathered in Kent for a weekend of debauchery at Camp John Waters."])
    two = page(2, "A book of advice", (
        "John Waters is the master of screwing things up beautifully, one reviewer wrote.\n\n"
        "The book has drawings on every page."),
        ["John Waters is the master of screwing things up beautifully, one reviewer wrote."])
    assert "John Waters" in threads_of(one, two)


def test_the_tail_of_a_name_is_no_thread_when_no_page_writes_it_alone():
    text = "The New York Times reported the fire, and the New York Times later corrected it."
    one = page(1, "Fire downtown", text + "\n\nThe blaze began in a bakery.", [text])
    two = page(2, "Corrections", (
        "The New York Times corrected its report of the fire at the bakery downtown.\n\n"
        "Editors apologised."),
        ["The New York Times corrected its report of the fire at the bakery downtown."])
    assert "York Times" not in threads_of(one, two)


def test_chinese_pages_share_a_compound_not_only_its_words():
    assert "柴油货车" in surfaces("专家认为，钢铁厂的排放和柴油货车是雾霾的主要来源。", "zh")
    one = page(1, "成都发布空气污染报告", "专家认为，钢铁厂的排放和柴油货车是雾霾的主要来源。",
               ["专家认为，钢铁厂的排放和柴油货车是雾霾的主要来源。"])
    two = page(2, "雾霾背后的钢铁厂", "他们说，柴油货车只是雾霾问题的一部分。",
               ["他们说，柴油货车只是雾霾问题的一部分。"])
    assert "柴油货车" in threads_of(one, two)


def test_japanese_compounds_are_read_between_particles():
    found = surfaces("北九州市の大気汚染が深刻になった。", "ja")
    assert "大気汚染" in found


def test_a_singular_meets_its_plural():
    one = page(1, "A new shot", (
        "The measles vaccine reached rural clinics in March, nurses said.\n\nSupplies were short."),
        ["The measles vaccine reached rural clinics in March, nurses said."])
    two = page(2, "Clinics run low", (
        "Rural clinics ran out of measles vaccines within weeks of the outbreak.\n\n"
        "Parents queued for hours."),
        ["Rural clinics ran out of measles vaccines within weeks of the outbreak."])
    phrases = threads_of(one, two)
    assert any("vaccine" in p for p in phrases), phrases


def test_warming_up_loads_the_tagger_so_the_first_hatch_does_not():
    # A fresh process, so the tagger is not loaded yet.
    script = ("from hatchery.hatch import speech; "
              "assert speech._parser.cache_info().currsize == 0; speech.warm_up(); "
              "assert speech._parser.cache_info().currsize == 1; "
              "print(speech.penn_tags(['Comey', 'spoke'], 'en')[1])")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("VB")
