"""A highlighter is not a browsing history: in real Chromium, the pages a
person only reads leave nothing in the extension's storage, and a page
leaves it again with its last highlight."""

from __future__ import annotations

import json

from e2e.browser_helpers import InPageUi, click_highlight, select, server_highlights, wait_for

STORAGE = "async () => JSON.stringify(await chrome.storage.local.get(null))"


def load_highlights_again(browser, page) -> None:
    """What the popup asks a tab: fetch the page's highlights from the worker
    and draw them; it answers once the worker has answered."""
    browser.evaluate(
        "(tab) => chrome.tabs.sendMessage(tab, {type: 'reload-highlights'})",
        browser.tab_id(page))


def stored(browser) -> str:
    return browser.evaluate(STORAGE)


def test_pages_read_without_highlighting_leave_nothing_in_storage(browser, server, site):
    for name in ("article.html", "second.html"):
        page = browser.open(site.page(name))
        load_highlights_again(browser, page)
        kept = stored(browser)
        assert page.url not in kept, json.loads(kept).keys()
        assert page.title() not in kept
    assert "pageCache" not in json.loads(stored(browser))


def test_a_page_leaves_storage_with_its_last_highlight(browser, server, site):
    page = browser.open(site.page("article.html"))
    select(page, "#p1", "nothing is lost")
    InPageUi(page).click(".bar button[data-color=yellow]")
    wait_for(lambda: server_highlights(server, page.url))
    load_highlights_again(browser, page)
    # Highlighted: kept, so it can be drawn while the server is down.
    cache = json.loads(stored(browser))["pageCache"]
    assert [h["exact"] for h in cache[page.url]["highlights"]] == ["nothing is lost"]

    click_highlight(page)
    ui = InPageUi(page)
    ui.wait(".editor.open")
    ui.editor.click("button.delete")
    wait_for(lambda: server_highlights(server, page.url) == [])
    wait_for(lambda: browser.outbox() == [])
    assert page.url not in stored(browser)
