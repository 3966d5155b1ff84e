"""A hostile page cannot stop the server: pages built so that a quadratic
scan over their text would take minutes are extracted, in a subprocess
with a generous limit on its CPU seconds (today's figures are far below it)."""

import re
import textwrap

from cpu_limited import run_cpu_limited
from hypothesis import given, settings, strategies as st

from hatchery.extract.heavy import strip_heavy

# Far above what linear code needs, far below the minutes of CPU the
# quadratic scans took on these pages.
CPU_SECONDS = 20

ARTICLE = ("<p>This paragraph is ordinary article prose, long enough to be"
           " scored as content by the extractor, with a comma or two.</p>") * 8


def _extract_in_subprocess(page_code: str) -> str:
    """Build a page with `page_code` (which sets `html`) in a fresh
    interpreter, extract it, and return the article text it printed."""
    program = textwrap.dedent(page_code) + textwrap.dedent("""
        from hatchery.extract import extract_article
        article = extract_article(html)
        print(article.text[:2000])
    """)
    done = run_cpu_limited(program, CPU_SECONDS)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_page_full_of_unclosed_comments_in_noembed_is_extracted():
    text = _extract_in_subprocess(f"""
        article = {ARTICLE!r}
        html = ("<html><body><article>" + article + "</article><noembed>"
                + "<!--" * 262_144 + "</noembed></body></html>")
        assert len(html) > 1_000_000
    """)
    assert "ordinary article prose" in text


def test_a_page_with_thousands_of_dangling_comment_openers_is_extracted():
    text = _extract_in_subprocess(f"""
        article = {ARTICLE!r}
        filler = "<p>" + "word " * 30 + "</p>"
        html = ("<html><body><article>" + article + "</article>"
                + ("<!--x" + filler * 5) * 8_000 + "</body></html>")
        assert len(html) > 1_400_000
    """)
    assert "ordinary article prose" in text


def test_a_page_of_unclosed_scripts_and_styles_is_extracted():
    text = _extract_in_subprocess(f"""
        article = {ARTICLE!r}
        html = ("<html><body><article>" + article + "</article>"
                + "<script>x<style>y<svg>z<noscript>" * 60_000
                + "</body></html>")
        assert len(html) > 1_000_000
    """)
    assert "ordinary article prose" in text


# The regex this module replaced: the reference for what is dropped.
_REFERENCE_RE = re.compile(
    r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>"
    r"|<(style|svg|noscript)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)

_PIECES = st.sampled_from([
    "<!--", "-->", "<script>", "<script type='application/ld+json'>",
    "</script>", "</SCRIPT >", "<style>", "</style>", "<svg>", "</svg>",
    "<noscript>", "</noscript>", "<p>", "text", ">", "<", " ", "\n",
    "<scripts>", "</script", "-", "!",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30))
def test_heavy_tags_are_dropped_exactly_as_the_old_regex_dropped_them(pieces):
    html = "".join(pieces)
    assert strip_heavy(html) == _REFERENCE_RE.sub(" ", html)


def test_json_ld_metadata_survives_and_scripts_go():
    html = ('<script type="application/ld+json">{"a": 1}</script>'
            "<script>var secret = 1;</script><p>Kept</p><!-- note -->")
    out = strip_heavy(html)
    assert '{"a": 1}' in out and "secret" not in out
    assert "Kept" in out and "note" not in out


def test_a_json_ld_body_of_endless_unclosed_tags_is_read():
    text = _extract_in_subprocess("""
        import json
        body = "plain words of the body, " * 20 + "<p" * 300_000
        html = ('<html><head><script type="application/ld+json">'
                + json.dumps({"@type": "Article", "articleBody": body})
                + "</script></head><body><p>Short.</p></body></html>")
    """)
    assert "plain words of the body" in text
