"""What a reader gets from a real-looking page: its metadata and its article
body, without the page furniture around it."""

import json
from pathlib import Path

import pytest

from hatchery.extract import Article, Block, extract_article, extract_text

RESOURCES = Path(__file__).parent / "resources" / "extract"
NEWS_URL = "https://gazette.example/news/2024/ferry"


@pytest.fixture(scope="module")
def news() -> Article:
    return extract_article((RESOURCES / "news_article.html").read_text("utf8"),
                           url=NEWS_URL)


@pytest.fixture(scope="module")
def blog() -> Article:
    return extract_article((RESOURCES / "sourdough_cp1252.html").read_bytes())


def test_metadata_is_found(news):
    assert news.title == "Town council votes to reopen the old river ferry"
    assert news.byline == "Maria Okafor"
    assert news.site_name == "The Riverside Gazette"
    assert news.lang == "en-GB"
    assert news.published == "2024-03-14T09:30:00+00:00"
    assert news.image == "https://gazette.example/media/2024/ferry-lead.jpg"
    assert news.reason is None


def test_title_loses_the_site_suffix_without_og_tags(blog):
    assert blog.title == "Café notes: sourdough at home"
    assert blog.published == "2023-11-02"


def test_article_body_is_kept_in_reading_order(news):
    assert news.blocks[0].text.startswith("The town council voted eight to three")
    assert news.blocks[-1].text.startswith("A public consultation on the timetable")
    assert news.text == "\n\n".join(b.text for b in news.blocks)


@pytest.mark.parametrize("furniture", [
    "Share on Facebook", "Related stories", "Bridge queues at record length",
    "I used to take that ferry", "Most read", "Sign up for our free newsletter",
    "All rights reserved", "Tags:", "Sport", "By Maria Okafor",
    "The ferry landing at Mill Quay",  # the photo caption
])
def test_boilerplate_is_dropped(news, furniture):
    assert furniture not in news.text


def test_headline_is_not_repeated_in_the_body(news):
    assert all(b.text != news.title for b in news.blocks)


def test_headings_keep_their_levels(news):
    headings = [(b.text, b.level) for b in news.blocks if b.kind == "heading"]
    assert headings == [("What the plan includes", 2),
                        ("How it will be paid for", 3)]


def test_lists_survive_as_list_items(news, blog):
    items = [b.text for b in news.blocks if b.kind == "list_item"]
    assert items == [
        "Two electric boats, each carrying up to forty passengers and their bicycles.",
        "Crossings every twenty minutes from seven in the morning until eight at night.",
        "A single fare of one pound fifty, free for children under twelve.",
    ]
    assert sum(b.kind == "list_item" for b in blog.blocks) == 4


def test_quotes_and_code_keep_their_kind(news, blog):
    assert [b.kind for b in news.blocks if "cheapest bridge" in b.text] == ["quote"]
    code = [b for b in blog.blocks if b.kind == "code"]
    assert code == [Block("code", "def water_for(flour_g, hydration=0.70):\n"
                                  "    return round(flour_g * hydration)")]


def test_non_utf8_page_is_decoded_by_its_meta_charset(blog):
    assert "a “naive” starter of rye flour" in blog.text
    assert "doesn’t double" in blog.text


def test_soft_hyphens_do_not_split_words(blog):
    assert "cheap thermometer:" in blog.text


def test_blog_comments_and_share_links_are_dropped(blog):
    assert "Great post!" not in blog.text
    assert "Share this" not in blog.text
    assert "Powered by" not in blog.text


def test_dropped_text_is_kept_aside_for_locating_highlights(news):
    captions = [b.text for b in news.outside if b.kind == "caption"]
    assert any("The ferry landing at Mill Quay" in c for c in captions)


def test_article_round_trips_through_a_dict(news):
    assert Article.from_dict(news.to_dict()) == news


def test_from_dict_ignores_fields_it_does_not_know(news):
    data = {**news.to_dict(), "added_in_a_later_version": 1}
    assert Article.from_dict(data).title == news.title


def test_extract_text_is_the_article_text(news):
    html = (RESOURCES / "news_article.html").read_text("utf8")
    assert extract_text(html, url=NEWS_URL) == news.text


def test_embedded_tweets_are_part_of_the_article():
    paragraph = ("<p>The announcement drew a quick reaction from readers, many of"
                 " whom wrote about it online within the hour, as expected.</p>")
    html = ("<html><body><article>" + paragraph * 3
            + '<div class="social-embed"><blockquote class="twitter-tweet">'
            '<p>This is the best news our street has had in years, honestly.'
            ' <a href="https://t.co/x">https://t.co/x</a></p>— A Reader'
            ' (@reader) <a href="https://twitter.com/r/1">March 14, 2024</a>'
            "</blockquote></div>" + paragraph + "</article></body></html>")
    assert "best news our street has had" in extract_text(html)


def test_json_ld_article_body_is_used_when_the_page_shows_little():
    body = ("The full story lives in the page's structured data. " * 4
            + "\n\nIt has a second paragraph too, as long as the first one was.")
    html = ('<html><head><script type="application/ld+json">'
            '{"@type": "NewsArticle", "headline": "Data only", "articleBody": '
            + json.dumps(body) + '}</script></head><body><div id="app">'
            "<p>Loading…</p></div></body></html>")
    article = extract_article(html)
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph"]
    assert article.blocks[1].text.startswith("It has a second paragraph")


def test_short_paragraphs_are_still_found():
    lines = ["Short line number %d of the poem, with a comma." % i
             for i in range(1, 9)]
    html = ("<html><body><div class='poem'>"
            + "".join(f"<div>{line}</div>" for line in lines)
            + "</div></body></html>")
    text = extract_text(html)
    assert all(line in text for line in lines)


def test_a_hover_card_goes_but_its_link_text_stays():
    card = ('<span class="rollover-people"><a class="rollover-people-link"'
            ' href="/people/ada">Ada Lovelace</a><span class="rollover-block">'
            '<img src="ada.jpg"><a href="/people/ada">Ada Lovelace</a>'
            '<a href="/x">Five other stories about Ada you might like</a>'
            "</span></span>")
    paragraph = ("<p>The committee heard from many witnesses over two long days,"
                 " and took careful notes of everything they said.</p>")
    html = ("<html><body><article>" + paragraph * 2 + "<p>The first speaker was "
            + card + ", who described the engine in detail, at length.</p>"
            + paragraph + "</article></body></html>")
    text = extract_text(html)
    assert "The first speaker was Ada Lovelace, who described" in text
    assert "Five other stories" not in text


@pytest.mark.parametrize("raw, expected", [
    ("2019-11-19T13:03:00.000Z", "2019-11-19T13:03:00+00:00"),
    ("2019-11-20T06:35:39+0000", "2019-11-20T06:35:39+00:00"),
    ("November 19, 2019, 07:47 PM EST", "2019-11-19T19:47:00"),
    ("14 March 2024", "2024-03-14"),
    ("sexta-feira, 22 de outubro", "sexta-feira, 22 de outubro"),
])
def test_published_dates_are_iso_when_readable(raw, expected):
    html = (f'<html><head><meta property="article:published_time" content="{raw}">'
            "</head><body><p>x</p></body></html>")
    assert extract_article(html).published == expected


@pytest.mark.parametrize("byline_html, expected", [
    ('<p class="byline">By Jane Doe | Staff writer</p>', "Jane Doe"),
    ('<div class="post-meta">Posted by Sam Lee on 2 May 2023</div>', "Sam Lee"),
    ('<span class="author-name">Bryan DeArdo @BryanDeArdo Nov 18</span>',
     "Bryan DeArdo"),
])
def test_byline_is_read_from_the_page(byline_html, expected):
    html = f"<html><body><article>{byline_html}<p>Text.</p></article></body></html>"
    assert extract_article(html).byline == expected


def test_json_ld_article_body_written_in_html_is_read_as_html():
    body = ("<p>First paragraph of the structured body, which is long enough"
            " to stand on its own as prose.</p><h2>A section</h2><p>Second"
            " paragraph, also long enough to stand on its own as prose.</p>" * 2)
    html = ('<html><head><script type="application/ld+json">'
            + json.dumps({"@type": "Article", "articleBody": body})
            + "</script></head><body><p>Loading…</p></body></html>")
    kinds = [b.kind for b in extract_article(html).blocks]
    assert kinds == ["paragraph", "heading", "paragraph"] * 2


def test_teasers_nested_in_the_post_are_not_the_article():
    post = ("<p>Loving yourself is the first step, and it is a long one, full of"
            " small choices nobody else sees, made again every single day.</p>")
    teaser = ("<article class='postbox'><h2>Another post</h2><p>An excerpt of"
              " another post on this site, cut off in the middle of a thought"
              " so that you click through to read the rest of it …</p></article>")
    html = ("<html><body><article class='post'>" + post * 3 + "</article>"
            "<article class='post'><h2>More posts</h2>" + teaser * 6
            + "</article></body></html>")
    article = extract_article(html)
    assert article.text.startswith("Loving yourself is the first step")
    assert "An excerpt of another post" not in article.text


def test_a_short_ingredient_list_survives():
    prose = ("<p>This is the pancake batter my grandmother made every Sunday,"
             " and it has never once let me down in forty years.</p>")
    html = ("<html><body><article>" + prose + "<h2>Ingredients</h2>"
            "<ul><li>2 eggs</li><li>flour</li><li>milk</li></ul>" + prose * 2
            + "</article></body></html>")
    items = [b.text for b in extract_article(html).blocks if b.kind == "list_item"]
    assert items == ["2 eggs", "flour", "milk"]


def test_a_page_written_as_a_list_is_found_without_its_sidebar():
    article = extract_article((RESOURCES / "listicle.html").read_text("utf8"))
    items = [b for b in article.blocks if b.kind == "list_item"]
    assert len(items) == 10
    assert items[0].text.startswith("They have one bowl by the door")
    assert article.blocks[-1].kind == "quote"
    assert "funded by readers" not in article.text
    assert article.title == "Ten habits of people who always find their keys"
    assert article.site_name == "Tidy Living"


def test_inline_words_classed_like_furniture_stay_in_their_sentence():
    paragraph = ('<p>The review of <span class="author">Tolstoy</span>’s novel ran'
                 ' on <span class="date">Monday</span>, and readers wrote in all'
                 ' week, many of them at great length, about the ending.</p>')
    html = "<html><body><article>" + paragraph * 3 + "</article></body></html>"
    assert ("The review of Tolstoy’s novel ran on Monday, and readers"
            in extract_text(html))


def test_a_documentation_page_keeps_code_tables_and_notes():
    article = extract_article((RESOURCES / "docs_page.html").read_text("utf8"))
    assert article.title == "Retrying failed requests"
    code = [b.text for b in article.blocks if b.kind == "code"]
    assert code == ["from pipework import Client, Retry\n\n"
                    "client = Client(retry=Retry(attempts=3))"]
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    assert headings == ["Turning retries on", "What is retried"]
    assert "503 Service Unavailable yes" in article.text
    assert "a generator body is sent once" in article.text
    for furniture in ("Quickstart", "Built with Sphinx", "Docs »"):
        assert furniture not in article.text


def test_a_live_blog_keeps_its_posts():
    update = ("<article class='update'><h2>{n}:00</h2><p>Update number {n}: the"
              " council chamber is full, and the debate on the ferry has now run"
              " for well over an hour without a vote being called.</p></article>")
    html = ("<html><body><article class='live'><h1>Ferry vote: live</h1>"
            "<p>Follow the debate as it happens.</p>"
            + "".join(update.format(n=n) for n in range(9, 17))
            + "</article></body></html>")
    text = extract_text(html)
    assert "Update number 9:" in text and "Update number 16:" in text


def test_code_highlighted_line_by_line_keeps_its_line_breaks():
    html = ("<html><body><article><p>" + "Install the client first. " * 8 +
            "</p><pre><code><span class='token-line'>pip install tidewater<br>"
            "</span><span class='token-line'>tidewater login<br></span></code>"
            "</pre></article></body></html>")
    code = [b for b in extract_article(html).blocks if b.kind == "code"]
    assert code and code[0].text == "pip install tidewater\ntidewater login"


def test_a_table_row_is_one_line_even_when_its_cells_hold_paragraphs():
    html = ("<html><body><article><p>" + "The casserole in numbers. " * 8 +
            "</p><table><tr><th>Capacity</th><td><p>4.2 litres</p></td></tr>"
            "<tr><th>Colour</th><td><p>Sage</p><p>Ink</p></td></tr></table>"
            "</article></body></html>")
    text = extract_article(html).text
    assert "Capacity 4.2 litres" in text and "Colour Sage Ink" in text
