"""A page that shows text never comes out empty: no boilerplate rule can
take a whole page, and when every rule and readability come up with nothing
the page's own blocks are the article."""

import gzip
from pathlib import Path

import pytest

from hatchery.extract import extract_article
from hatchery.extract.fallback import has_readable_text
from hatchery.extract.parse import parse_html

RESOURCES = Path(__file__).parent / "resources" / "extract"
# The classic benchmark set, when the shared data sits beside the checkout.
CLASSIC = Path(__file__).resolve().parents[2] / "shared" / "bench-data" / "extraction"

PARAGRAPHS = [
    "The night ferry to the island runs twice a week in winter, leaving the"
    " harbour at ten and arriving a little after dawn.",
    "Cabins sell out early in December, when students go home for the"
    " holidays, so book them as soon as the timetable is published.",
    "Deck passengers can sleep in the lounge; bring a blanket, because the"
    " heating is switched off after midnight to save fuel.",
    "Cars must be at the terminal an hour before departure, foot passengers"
    " half an hour, and the gangway closes fifteen minutes before sailing.",
]


def _pages():
    pages = sorted((RESOURCES / "pagetypes" / "html").glob("*.html"))
    pages += sorted(RESOURCES.glob("*.html"))
    if CLASSIC.is_dir():
        pages += sorted((CLASSIC / "html").glob("*.html.gz"))
    return pages


def _read(path: Path) -> str:
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf8") as f:
            return f.read()
    return path.read_bytes().decode("utf8", "replace")


@pytest.mark.parametrize("path", _pages(), ids=lambda p: p.name[:24])
def test_a_page_with_readable_text_never_comes_out_empty(path):
    html = _read(path)
    assert has_readable_text(parse_html(html)), "every page here shows text"
    assert extract_article(html).text.strip()


def test_the_classic_pages_are_checked_when_the_shared_data_is_there():
    if not CLASSIC.is_dir():
        pytest.skip("the classic benchmark set is not beside this checkout")
    assert len(list((CLASSIC / "html").glob("*.html.gz"))) >= 100


def test_blocks_every_one_named_like_furniture_are_still_the_article():
    # A theme that wraps each section of the post in a "promo" box: each
    # box alone is a small share of the page, all of them are the page.
    sections = "".join(f'<div class="promo-box"><p>{p}</p></div>'
                       for p in PARAGRAPHS)
    html = (f"<html><body><nav><a href='/'>Home</a></nav>{sections}"
            "<footer>© Harbour Lines, the island ferry company since 1921. All"
            " rights reserved.</footer></body></html>")
    text = extract_article(html).text
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    assert "Harbour Lines" not in text


def test_a_short_article_still_loses_a_comment_thread_longer_than_itself():
    # Once the side column is gone, the comments are most of what is left;
    # they go all the same, since the article is left.
    comments = "".join(
        f'<div class="comment"><p>Reader {n}: {PARAGRAPHS[n + 1]}</p></div>'
        for n in range(3))
    side = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (f"<html><body><article><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}"
            f"</p></article><section class='comments'>{comments}</section>"
            f"<aside>{side}</aside></body></html>")
    text = extract_article(html).text
    assert PARAGRAPHS[0] in text and PARAGRAPHS[1] in text
    assert "Reader" not in text


def test_a_page_that_is_only_a_menu_gives_its_menu_rather_than_nothing():
    html = ("<html><body><nav><ul><li><a href='/a'>Timetables</a></li>"
            "<li><a href='/b'>Fares</a></li></ul></nav></body></html>")
    assert "Timetables" in extract_article(html).text


def test_a_page_with_no_readable_text_stays_empty_with_a_reason():
    html = ("<html><body><script>var x = 1;</script><button>Go</button>"
            "<p>\"'&lt;&gt; -- ***</p></body></html>")
    article = extract_article(html)
    assert article.text == "" and article.reason
