"""A highlight gets its context: the block that holds it, the sentences
around it and the headings above it, even when the browser's text and the
extractor's differ in whitespace, soft hyphens, quotes or inline markup."""

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from hatchery.extract import (Article, Block, HighlightContext, extract_article,
                              find_context)
from hatchery.extract.context import compact

RESOURCES = Path(__file__).parent / "resources" / "extract"


@pytest.fixture(scope="module")
def news() -> Article:
    return extract_article((RESOURCES / "news_article.html").read_text("utf8"))


@pytest.fixture(scope="module")
def blog() -> Article:
    return extract_article((RESOURCES / "sourdough_cp1252.html").read_bytes())


def test_a_highlight_split_across_em_and_a_line_break_finds_its_paragraph(blog):
    # What the browser's selection gives for "<em>perfectly good</em><br>\nas long"
    ctx = find_context(blog, "it is perfectly good\nas long as it doubles")
    assert ctx.found and ctx.in_body
    assert ctx.block_text.startswith("The starter matters less than people say.")
    assert blog.blocks[ctx.block_index].text == ctx.block_text


def test_curly_quotes_and_soft_hyphens_do_not_matter(blog):
    ctx = find_context(blog, 'a "naive" starter of rye flour')
    assert ctx.found and ctx.in_body
    ctx = find_context(blog, "a cheap thermo\u00admeter: dough temperature")
    assert ctx.found and "cheap thermometer" in ctx.block_text


def test_whitespace_differences_do_not_matter(news):
    ctx = find_context(news, "  the   river ferry\n between Mill  Quay ")
    assert ctx.found and ctx.block_index == 0


def test_context_gives_the_sentences_around_the_highlight(news):
    ctx = find_context(news, "The council will cover the running costs for three years")
    assert ctx.before == "Most of the money comes from a regional transport grant."
    assert ctx.after.startswith(", after which the ferry is expected to pay its own way")
    assert ctx.block_kind == "paragraph"


def test_context_gives_the_heading_path(news):
    ctx = find_context(news, "regional transport grant")
    assert ctx.heading_path == ["What the plan includes", "How it will be paid for"]
    ctx = find_context(news, "forty passengers and their bicycles")
    assert ctx.heading_path == ["What the plan includes"]
    assert ctx.block_kind == "list_item"
    assert find_context(news, "fifteen years after").heading_path == []


def test_a_highlight_in_a_caption_is_reported_as_outside_the_body(news):
    ctx = find_context(news, "closed since 2009")
    assert ctx.found is True and ctx.in_body is False
    assert ctx.block_index is None
    assert ctx.block_kind == "caption"
    assert "ferry landing at Mill Quay" in ctx.block_text


def test_a_highlight_in_a_sidebar_is_reported_as_outside_the_body(news):
    ctx = find_context(news, "Saturday market returns")
    assert ctx.found and not ctx.in_body


def test_text_that_is_not_on_the_page_is_not_found(news):
    ctx = find_context(news, "a sentence that appears nowhere at all")
    assert ctx == HighlightContext(found=False, in_body=False)
    assert find_context(news, "   ").found is False


def test_prefix_and_suffix_pick_the_right_occurrence():
    article = Article(blocks=[
        Block("paragraph", "The ferry is cheap. Everyone agrees on that."),
        Block("paragraph", "The bridge is busy. The ferry is cheap, said the mayor."),
    ])
    ctx = find_context(article, "The ferry is cheap", prefix="bridge is busy. ",
                       suffix=", said the")
    assert ctx.block_index == 1
    assert ctx.before == "The bridge is busy."
    ctx = find_context(article, "The ferry is cheap", suffix=". Everyone")
    assert ctx.block_index == 0


def test_a_highlight_across_two_blocks_starts_in_the_first(news):
    ctx = find_context(news, "a modest first season: Two electric boats")
    assert ctx.found and ctx.in_body
    assert ctx.block_text.startswith("The proposal, drawn up over two years")


def test_context_round_trips_to_a_dict(news):
    ctx = find_context(news, "regional transport grant")
    assert HighlightContext(**ctx.to_dict()) == ctx


def test_context_works_on_an_article_rebuilt_from_its_dict(news):
    rebuilt = Article.from_dict(news.to_dict())
    assert find_context(rebuilt, "closed since 2009").in_body is False
    assert find_context(rebuilt, "regional transport grant").in_body is True


def test_a_highlight_on_the_headline_or_byline_is_outside_the_body(news):
    ctx = find_context(news, "votes to reopen the old river ferry")
    assert ctx.found and not ctx.in_body and ctx.block_kind == "heading"


def test_a_long_highlight_whose_middle_differs_is_still_found(news):
    # The browser's text has a footnote marker the extractor never kept.
    exact = ("Most of the money comes from a regional transport grant.[1] The"
             " council will cover the running costs for three years")
    ctx = find_context(news, exact)
    assert ctx.found and ctx.in_body
    assert ctx.block_text.startswith("Most of the money comes from")


def test_a_short_highlight_must_match_exactly(news):
    assert not find_context(news, "regional transport gran[1]t").found


WORDS = st.sampled_from(["river", "ferry", "café", "“quoted”", "naïve", "co-op",
                         "2024", "Ünïcödé", "bridge,", "the", "a", "Mill", "Quay."])
BLOCK_TEXT = st.lists(WORDS, min_size=1, max_size=25).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(BLOCK_TEXT, min_size=1, max_size=8), st.data())
def test_any_piece_of_a_block_is_found_in_a_block_holding_it(texts, data):
    article = Article(blocks=[Block("paragraph", t) for t in texts])
    i = data.draw(st.integers(0, len(texts) - 1))
    words = texts[i].split(" ")
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    exact = " ".join(words[start:end])
    # The browser may show the piece with other whitespace and a soft hyphen.
    shown = exact.replace(" ", data.draw(st.sampled_from([" ", "\n", "  \t"])))
    shown = shown.replace("ferry", "fer\u00adry").replace("“", '"')
    ctx = find_context(article, shown, prefix=" ".join(words[:start]),
                       suffix=" ".join(words[end:]))
    if not any(c.isalnum() for c in exact):
        assert not ctx.found
        return
    assert ctx.found and ctx.in_body
    assert ctx.block_index is not None
    assert compact(exact)[0] in compact(ctx.block_text)[0]
