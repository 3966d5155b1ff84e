"""Today's web: on each page type the reader's content is what comes out.

The pages are fixtures of our own making in tests/resources/extract/pagetypes
(their ground truth is what `benchmarks/extraction.py` scores)."""

import json
from pathlib import Path

import pytest

from hatchery.extract import extract_article

PAGES = Path(__file__).parent / "resources" / "extract" / "pagetypes"
TRUTH = json.loads((PAGES / "ground-truth.json").read_text("utf8"))


def _text(name: str) -> str:
    html = (PAGES / "html" / f"{name}.html").read_text("utf8")
    return extract_article(html, TRUTH[name]["url"]).text


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_paragraph_a_reader_calls_the_content_is_extracted(name):
    text = _text(name)
    missing = [part for part in TRUTH[name]["articleBody"].split("\n\n")
               if len(part) > 60 and part not in text]
    assert not missing


def test_a_page_builder_article_keeps_every_widget_of_text_but_not_its_footer():
    text = _text("elementor")
    assert "Pick a pot only five centimetres wider" in text
    assert "Share on Facebook" not in text and "All rights reserved" not in text


def test_every_reply_of_a_forum_thread_is_content():
    text = _text("forum")
    assert "It is not dead, it is hungry." in text
    assert "smells like yoghurt" in text
    assert "Suggested topics" not in text


def test_a_docs_page_keeps_the_tabs_the_page_hides_until_clicked():
    text = _text("docs_tabs")
    for command in ("brew install fernlog", "winget install Fernlog.CLI",
                    "curl -LO https://fernlog.dev/fernlog-linux-amd64.tar.gz"):
        assert command in text
    assert "Was this page helpful" not in text


def test_a_product_page_keeps_its_description_and_specifications():
    text = _text("product")
    assert "opens wide like a suitcase" in text
    assert "Recycled 210D ripstop nylon" in text
    assert "You may also like" not in text


def test_a_service_page_keeps_every_section():
    text = _text("service")
    for part in ("Burst pipes", "fixed £85", "Horsforth"):
        assert part in text


def test_a_listing_keeps_its_category_text_not_its_filters():
    text = _text("listing")
    assert "Brew green tea cooler than black tea" in text
    assert "Low caffeine (4)" not in text


def test_an_article_swallowed_by_a_broken_header_button_is_recovered():
    text = _text("broken_header")
    assert text.startswith("The central bank left its main interest rate")
    assert "Open menu" not in text


def test_an_arxiv_abstract_is_the_content():
    assert "Tide-gauge records span more than a century" in _text("arxiv_abstract")


@pytest.mark.parametrize("name", ["listing", "archive"])
def test_a_listing_keeps_each_item_title_and_description_but_not_prices(name):
    article = extract_article((PAGES / "html" / f"{name}.html").read_text("utf8"),
                              TRUTH[name]["url"])
    for part in TRUTH[name]["articleBody"].split("\n\n"):
        assert part in article.text
    assert "£9.50" not in article.text and "12 min read" not in article.text
    assert "Japan (12)" not in article.text
    assert article.page_type == "listing"



def test_a_reference_page_keeps_every_section_and_every_tab_of_code():
    text = _text("docs_reference")
    for part in ("An event is one thing that happened", "List events",
                 "kind string Only events of this kind", "Create an event",
                 "Send a JSON body with a kind", "60 requests a minute",
                 "Events you create count towards"):
        assert part in text
    # each code sample line by line, the hidden tabs too
    assert 'from tidewater import Client\nevents = Client()' in text
    assert 'const events = await tidewater.events.list' in text
    assert text.index("List events") < text.index("from tidewater") < text.index(
        "Create an event"), "the samples stay in their section"


def test_a_reference_page_drops_its_chrome():
    text = _text("docs_reference")
    for chrome in ("Was this page helpful", "Edit this page", "Authentication",
                   "Copy", "Skip to main content", "Node.js\n"):
        assert chrome not in text


def test_a_shop_product_keeps_its_summary_description_and_specification_table():
    text = _text("product_tabs")
    assert text.startswith("A cast-iron casserole with a sage enamel glaze")
    assert "sand-cast in Derbyshire" in text
    for row in ("Weight 4.1 kg", "Capacity 4.2 litres",
                "Material Enamelled cast iron, stainless steel knob"):
        assert row in text


def test_a_shop_product_leaves_out_price_rating_reviews_and_other_products():
    text = _text("product_tabs")
    for other in ("£129.00", "Rated 4.50", "Heavy, beautiful", "Add a review",
                  "Oak Trivet", "Add to basket", "Reviews (2)"):
        assert other not in text
