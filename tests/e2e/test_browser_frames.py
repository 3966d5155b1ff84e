"""Frames without an address of their own, in real Chromium: a srcdoc embed,
an empty frame a script filled, a frame a script wrote. Their words are
highlighted like the page's, stored with the page around them, and drawn
again when the page is visited again."""

from __future__ import annotations

import pytest

from e2e.browser_helpers import InPageUi, painted, select, server_highlights, wait_for

# (page, the frame's address as the browser reports it, words in its #f1)
FRAMES = [
    ("srcdoc.html", "about:srcdoc", "inline embed"),
    ("blank-frame.html", "about:blank", "into an empty frame"),
    # document.write gives the frame the address of the page that wrote it.
    ("written-frame.html", None, "wrote into a frame"),
]


# The words painted as the highlight scrolled to from the popup.
FOCUSED_JS = "() => [...(CSS.highlights.get('hatchery-focused') ?? [])].map(r => r.toString())"


def the_frame(page):
    """The page's #frame once the highlighter runs in it."""
    page.frame_locator("#frame").locator("hatchery-ui").wait_for(state="attached")
    return page.query_selector("#frame").content_frame()


@pytest.mark.parametrize(("name", "address", "words"), FRAMES)
def test_words_in_a_frame_without_an_address_are_kept_with_the_page_and_drawn_again(
        browser, server, site, name, address, words):
    page = browser.open(site.page(name))
    inner = the_frame(page)
    select(inner, "#f1", words)
    InPageUi(page, frame_url=address or page.url).click(".bar button[data-color=green]")

    assert painted(inner) == [["green", words]]
    assert painted(page) == []
    (stored,) = wait_for(lambda: server_highlights(server, page.url))
    assert stored["exact"] == words
    # The page is the one around the frame: its title, not the frame's.
    (listed,) = server.request("GET", "/api/pages").json()["pages"]
    assert listed["title"] == page.title()

    page.reload()
    inner = the_frame(page)
    wait_for(lambda: painted(inner) == [["green", words]])
    assert painted(page) == []

    # The top page holds the frame's highlight too and cannot find it there;
    # the popup lists it once, as drawn, and a click on it reaches the frame.
    popup = browser.popup(page)
    quotes = popup.locator("#page-highlights li .quote")
    wait_for(lambda: quotes.all_inner_texts() == [words])
    assert popup.locator("#orphans li").count() == 0
    quotes.first.click()
    wait_for(lambda: inner.evaluate(FOCUSED_JS) == [words])

