"""The highlight comes first: a highlight the extractor left out brings the
block of the page that holds it into the article, in page order."""

from hatchery.extract import (extract_article, find_context,
                              include_highlight_block)

PROSE = ("The article's own paragraph is ordinary prose, long enough to be"
         " scored as content, with a comma or two for the scorer. ")
PAGE = f"""<html><head><title>Trip notes</title></head><body>
<div class="sidebar-widget"><p>The ferry leaves at nine from pier four, and
the last one back is at six.</p></div>
<article><h1>Trip notes</h1><p>{PROSE * 3}</p><p>{PROSE * 2} Second.</p></article>
<footer><p>Comments: bring a coat, the crossing is windy.</p></footer>
</body></html>"""


def test_a_highlight_in_a_removed_block_brings_that_block_into_the_article():
    article = extract_article(PAGE)
    exact = "last one back is at six"
    assert not find_context(article, exact).in_body
    added = include_highlight_block(article, PAGE, exact)
    context = find_context(added, exact)
    assert context.found and context.in_body
    assert context.block_text.startswith("The ferry leaves at nine")
    # It sat above the article on the page, so it comes first.
    assert added.blocks[0].text.startswith("The ferry leaves")
    assert added.text.split("\n\n") == [b.text for b in added.blocks]


def test_a_block_below_the_article_is_added_after_it():
    article = extract_article(PAGE)
    added = include_highlight_block(article, PAGE, "the crossing is windy")
    assert added.blocks[-1].text.endswith("the crossing is windy.")
    assert added.blocks[:-1] == article.blocks


def test_a_highlight_already_in_the_body_leaves_the_article_as_it_is():
    article = extract_article(PAGE)
    assert include_highlight_block(article, PAGE, "Second.") is article


def test_text_found_nowhere_on_the_page_changes_nothing():
    article = extract_article(PAGE)
    assert include_highlight_block(article, PAGE, "not on this page") is article
    assert include_highlight_block(article, PAGE, "   ") is article


def test_a_page_with_no_article_gets_the_highlight_block_as_its_body():
    page = "<html><body><nav><a href='/'>Home</a> Opening hours 9 to 5</nav></body></html>"
    article = extract_article(page)
    added = include_highlight_block(article, page, "Opening hours 9 to 5")
    assert "Opening hours 9 to 5" in added.text and added.reason is None


def test_a_huge_block_is_cut_to_a_window_around_the_highlight():
    filler = "word " * 5000
    page = (f"<html><body><article><p>{PROSE * 4}</p></article>"
            f"<aside><p>{filler} the needle sentence {filler}</p></aside></body></html>")
    article = extract_article(page)
    added = include_highlight_block(article, page, "the needle sentence")
    assert "the needle sentence" in added.text
    assert len(added.text) < len(article.text) + 5000
