"""Odd pages never crash a capture: each gives an Article, possibly empty
with a reason. (The time a page may take is the extraction worker's budget,
shown in test_extraction_budget.py.)"""

import pytest
from hypothesis import given, settings, strategies as st

from hatchery.extract import Article, extract_article, find_context

ARTICLE_P = ("<p>This paragraph is ordinary article prose, long enough to be"
             " scored as content by the extractor, with a comma or two.</p>")


def _extract(html):
    article = extract_article(html)
    assert isinstance(article, Article)
    return article


def test_empty_string_gives_an_empty_article_with_a_reason():
    article = _extract("")
    assert article.text == "" and article.reason == "empty page"


@pytest.mark.parametrize("html", [" \n\t ", b"", b"   "])
def test_blank_input_gives_a_reason(html):
    assert _extract(html).reason


def test_binary_junk_gives_a_reason():
    junk = bytes(range(256)) * 400
    article = _extract(junk)
    assert article.blocks == [] and "binary" in article.reason


def test_json_ld_nested_past_the_recursion_limit_costs_only_the_metadata():
    deep = "[" * 5000 + "]" * 5000
    html = (f'<html><head><script type="application/ld+json">{deep}</script>'
            f"<title>Deep</title></head><body><article>{ARTICLE_P * 4}</article></body></html>")
    article = extract_article(html)
    assert "ordinary article prose" in article.text


def test_non_utf8_bytes_with_a_meta_charset_are_decoded():
    html = ('<html><head><meta charset="iso-8859-1"></head><body><article>'
            + ARTICLE_P * 3 + "<p>Déjà vu at the café, naïve as ever, said the"
            " señor to the crowd gathered outside.</p></article></body></html>")
    article = _extract(html.encode("latin-1"))
    assert "Déjà vu at the café" in article.text


def test_undeclared_non_utf8_bytes_fall_back_to_cp1252():
    html = ("<html><body><article>" + ARTICLE_P * 3 + "<p>“Quoted” words, said"
            " the café owner to everyone in town that day.</p></article></body></html>")
    article = _extract(html.encode("cp1252"))
    assert "“Quoted” words" in article.text


def test_deeply_nested_markup_gives_an_article_or_says_why():
    depth = 5000
    html = ("<html><body>" + "<div><span>" * depth + ARTICLE_P * 3
            + "</span></div>" * depth + "</body></html>")
    article = _extract(html)
    assert "ordinary article prose" in article.text or article.reason


def test_frameset_page_says_so():
    html = ('<html><frameset cols="50%,50%"><frame src="a.html">'
            '<frame src="b.html"></frameset></html>')
    article = _extract(html)
    assert article.blocks == [] and "frameset" in article.reason


def test_script_only_page_has_no_article():
    article = _extract("<html><head><script>document.write('hi')</script></head>"
                     "<body><script>var a = 1;</script></body></html>")
    assert article.blocks == [] and article.reason


@pytest.mark.parametrize("value", [None, 42, ["<p>x</p>"]])
def test_wrong_types_give_a_reason(value):
    assert extract_article(value).reason


def test_xml_declaration_in_a_str_is_accepted():
    html = ('<?xml version="1.0" encoding="utf-8"?><html><body><article>'
            + ARTICLE_P * 3 + "</article></body></html>")
    assert "ordinary article prose" in _extract(html).text


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_arbitrary_input_never_raises(data):
    article = extract_article(data)
    assert isinstance(article, Article)
    assert find_context(article, "anything").found in (True, False)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<ul><li>", "</li></ul>", "<br>",
     "<table><tr><td>", "</td></tr></table>", "<h2>", "</h2>", "<pre>",
     "</pre>", "<blockquote>", "</blockquote>", "<em>", "</em>", "word ",
     "Sentence, with a comma. ", "&amp;", "<script>x</script>", "<!-- c -->"]),
    max_size=80))
def test_arbitrary_markup_never_raises(parts):
    article = extract_article("<html><body>" + "".join(parts) + "</body></html>")
    assert article.text == "\n\n".join(b.text for b in article.blocks)


def test_a_huge_page_keeps_its_json_ld_metadata():
    head = ('<html><head><script type="application/ld+json">{"@type":'
            ' "NewsArticle", "datePublished": "2024-01-02"}</script>'
            "<script>" + "x" * 2_000_000 + "</script></head>")
    html = head + "<body><article>" + ARTICLE_P * 5 + "</article></body></html>"
    article = _extract(html)
    assert article.published == "2024-01-02"
