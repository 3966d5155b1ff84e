"""What kind of page it is, as the reader would say: from what the page
declares, its address, then its shape."""

import json
from pathlib import Path

import lxml.html
import pytest

from hatchery.extract import extract_article
from hatchery.extract.metadata import read_metadata
from hatchery.extract.pagetype import classify_page

PAGES = Path(__file__).parent / "resources" / "extract" / "pagetypes"
TRUTH = json.loads((PAGES / "ground-truth.json").read_text("utf8"))
# The fixtures' ground truth says "docs"; the classifier's name is longer.
NAMES = {"docs": "documentation"}


def _type(html: str, url: str | None = None) -> str:
    root = lxml.html.fromstring(html)
    return classify_page(root, read_metadata(root, url), url)


def _page(head: str = "", body: str = "<p>Hello there.</p>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("name", sorted(n for n in TRUTH if n != "docs_tabs"))
def test_each_fixture_is_recognised_as_its_type(name):
    html = (PAGES / "html" / f"{name}.html").read_text("utf8")
    article = extract_article(html, TRUTH[name]["url"])
    assert article.page_type == NAMES.get(TRUTH[name]["type"], TRUTH[name]["type"])


@pytest.mark.parametrize("declared, expected", [
    ('{"@type": "QAPage"}', "forum"),
    ('{"@type": ["Product"], "name": "Kettle"}', "product"),
    ('{"@type": "TechArticle"}', "documentation"),
    ('{"@graph": [{"@type": "CollectionPage"}]}', "listing"),
    ('{"@type": "Service"}', "service"),
    ('{"@type": "NewsArticle"}', "article"),
])
def test_a_schema_org_type_in_json_ld_names_the_page_type(declared, expected):
    head = f'<script type="application/ld+json">{declared}</script>'
    assert _type(_page(head)) == expected


def test_microdata_and_og_type_name_the_page_type():
    body = '<div itemscope itemtype="https://schema.org/Product"><p>A kettle.</p></div>'
    assert _type(_page(body=body)) == "product"
    assert _type(_page('<meta property="og:type" content="product">')) == "product"


@pytest.mark.parametrize("url, expected", [
    ("https://docs.example.org/install", "documentation"),
    ("https://example.org/docs/cli/install", "documentation"),
    ("https://fern.readthedocs.io/en/latest/usage.html", "documentation"),
    ("https://discuss.example.org/t/why-is-my-build-slow/1234", "forum"),
    ("https://shop.example.org/products/kettle-1l", "product"),
    ("https://shop.example.org/collections/green-tea/", "listing"),
    ("https://plumber.example.org/services/boilers", "service"),
    ("https://news.example.org/2024/05/rain.html", "article"),
    ("https://blog.example.org/p/why-we-walk", "article"),
])
def test_the_address_names_the_page_type_when_the_page_does_not(url, expected):
    assert _type(_page(), url) == expected


def test_a_grid_of_cards_holding_the_page_is_a_listing_but_related_posts_are_not():
    card = '<li class="card"><a href="/x"><h3>Item {0}</h3></a><p>About item {0}.</p></li>'
    grid = "<ul>" + "".join(card.format(i) for i in range(5)) + "</ul>"
    assert _type(_page(body=grid)) == "listing"
    essay = "<p>" + "A long paragraph of the essay itself. " * 30 + "</p>"
    assert _type(_page(body=essay + grid)) == "article"
