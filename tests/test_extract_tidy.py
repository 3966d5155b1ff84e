"""The block-level rules that drop what is left of page furniture after
readability, and keep the prose that merely looks like it."""

import pytest

from hatchery.extract import Block
from hatchery.extract.metadata import Metadata
from hatchery.extract.tidy import (is_byline_block, is_call_to_action,
                                   is_link_block, is_title_block, tidy_blocks)

META = Metadata(title="Town council votes to reopen the ferry", byline="Maria Okafor")


def para(text: str) -> Block:
    return Block("paragraph", text)


@pytest.mark.parametrize("text", [
    "Read more: Bridge queues at record length",
    "READ MORE: China plague outbreak confirmed",
    "Related: SpaceX's Starship in pictures",
    "Follow us on Twitter and Facebook.",
    "Sign up for our free newsletter.",
    "Click here to get the Fox News app",
    "Image 3 of 5",
    "Advertisement",
    "Tags: transport, river, council",
    "Reporting by Jane Roe; Editing by John Doe",
    "Fox News’ Jessica Napoli contributed to this report.",
    "Listen to Newsbeat live at 12:45 and 17:45 weekdays",
    "Tempo de leitura: 2 minutos",
    "[button link=”/submit”] Send us your review[/button]",
])
def test_calls_to_action_are_dropped(text):
    assert is_call_to_action(para(text))


@pytest.mark.parametrize("text", [
    "Follow the money, the auditor told the committee.",
    "Subscribers to the service said prices rose twice this year.",
    "Readers wrote in to say they had more questions than answers.",
    "The council will read the report more carefully next week.",
])
def test_prose_that_looks_like_a_call_to_action_stays(text):
    assert not is_call_to_action(para(text))


@pytest.mark.parametrize("text", [
    "By Maria Okafor", "Maria Okafor", "Photo: Sam Reid / AP",
    "Updated 3:27 am PST, Wednesday, November 20, 2019",
])
def test_bylines_credits_and_datelines_are_dropped(text):
    assert is_byline_block(para(text), META)


def test_the_headline_is_dropped_but_later_h1s_are_kept():
    assert is_title_block(Block("heading", "Town council votes to reopen the ferry!", 1),
                          META, leading=False)
    assert is_title_block(Block("heading", "A different headline", 1), META,
                          leading=True)
    assert not is_title_block(Block("heading", "Part one", 1), META, leading=False)


def test_lone_links_are_dropped_but_cited_addresses_stay():
    assert is_link_block(para("Mill Quay regeneration plan unveiled"), 1.0)
    assert not is_link_block(para("https://example.org/report.pdf"), 1.0)
    assert not is_link_block(para("A paragraph with one link in it."), 0.2)
    assert not is_link_block(Block("list_item", "Two electric boats"), 1.0)


def test_tidy_keeps_order_drops_neighbour_repeats_and_reports_drops():
    blocks = [(Block("heading", META.title, 1), 0.0), (para("By Maria Okafor"), 0.0),
              (para("First."), 0.0), (para("First."), 0.0), (para("Second."), 0.0),
              (para("First."), 0.0)]
    dropped = []
    kept = tidy_blocks(blocks, META, dropped)
    assert [b.text for b in kept] == ["First.", "Second.", "First."]
    assert [b.text for b in dropped] == [META.title, "By Maria Okafor"]


def test_a_date_in_a_short_sentence_after_the_lead_is_prose():
    block = para("Born 14 March 1879 in Ulm.")
    assert not is_byline_block(block, META, leading=False)
    assert is_byline_block(para("Monday, 14 March 2024"), META, leading=True)
