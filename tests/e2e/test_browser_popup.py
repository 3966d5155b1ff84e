"""The popup and the options page: hatching from chosen pages, page text
shown as text, and a connection test that says what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

from e2e.browser_helpers import InPageUi, select, server_highlights, wait_for

# The text painted as the highlight scrolled to (tinted and underlined).
FOCUSED_JS = """() => [...(CSS.highlights.get('hatchery-focused') ?? [])].map(r => r.toString())"""

# A hatch of exactly the server's schema, with cited words in its citations
# (the same fixture the node tests of hatch-view.js use).
FIXTURE_HATCH = Path(__file__).resolve().parents[1] / "js" / "fixtures" / "hatch.json"


def highlight(page, css, text, color="yellow"):
    select(page, css, text)
    InPageUi(page).click(f".bar button[data-color={color}]")


def test_the_popup_hatches_two_pages_with_citations(browser, server, site, output_dir):
    first = browser.open(site.page("article.html"))
    highlight(first, "#p1", "Local-first software keeps the primary copy of your data on your own device.")
    highlight(first, "#p3", "Every capture arrives exactly once, because the server stores each id a single time.", "green")
    second = browser.open(site.page("second.html"))
    highlight(second, "#q1", "A queue turns a failure into a delay", "blue")
    highlight(second, "#q3", "Design every sync protocol so that sending the same message twice has the same effect as sending it once.", "pink")
    wait_for(lambda: len(server_highlights(server, first.url)) == 2
             and len(server_highlights(server, second.url)) == 2)

    popup = browser.popup(second)
    pages = popup.locator("#pages li")
    assert pages.count() == 2
    assert popup.locator("#hatch").is_disabled()
    for box in popup.locator("#pages .pick").all():
        box.check()
    popup.select_option("#length", "short")
    popup.locator("#hatch").click()
    popup.locator("#result:not([hidden])").wait_for(timeout=60_000)

    assert popup.locator("#hatch-title").inner_text().strip()
    assert popup.locator("#hatch-body .hatch-section").count() == 2
    headings = popup.locator("#hatch-body .hatch-section .heading").all_inner_texts()
    assert set(headings) == {"Local-first software, explained", "Why queues make software calm"}
    assert "[1]" in popup.locator("#hatch-body").inner_text()
    links = popup.locator("#citations a.source")
    assert links.count() >= 2
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    # Each page once, and each highlight's passage on the live page.
    assert {h.split("#:~:text=")[0] for h in hrefs} == {first.url, second.url}
    assert f"{second.url}#:~:text=A%20queue%20turns%20a%20failure%20into%20a%20delay" in hrefs
    # Every highlight cited shows its own words, not a host name.
    cited = " ".join(popup.locator("#citations .cited").all_inner_texts())
    assert "A queue turns a failure into a delay" in cited
    assert "Local-first software keeps the primary copy" in cited
    assert popup.locator("#copy").is_visible()
    popup.screenshot(path=str(output_dir / "popup-hatch.png"), full_page=True)

    # Copy as Markdown puts the server's markdown on the clipboard.
    browser.context.grant_permissions(["clipboard-read", "clipboard-write"])
    popup.locator("#copy").click()
    popup.locator("#copied:not([hidden])").wait_for()
    markdown = popup.evaluate("navigator.clipboard.readText()")
    assert markdown.startswith("#")
    assert "[1]" in markdown


def test_each_citation_shows_the_cited_words_and_links_its_page(browser, server, site, output_dir):
    page = browser.open(site.page("article.html"))
    highlight(page, "#p1", "primary copy of your data")
    wait_for(lambda: server_highlights(server, page.url))
    popup = browser.popup(page)
    # The server answers with the fixture hatch, as the stream's last event.
    hatch = json.loads(FIXTURE_HATCH.read_text(encoding="utf-8"))
    popup.route("**/api/hatches/stream", lambda route: route.fulfill(
        status=200, content_type="text/event-stream",
        body=f"event: hatch\ndata: {json.dumps({'hatch': hatch})}\n\n"))
    popup.locator("#pages .pick").first.check()
    popup.locator("#hatch").click()
    popup.locator("#result:not([hidden])").wait_for()

    assert popup.locator("#hatch-title").inner_text() == hatch["title"]
    assert popup.locator("#hatch-byline").inner_text() == "Written on this computer"
    cited = popup.locator("#citations li .cited").all_inner_texts()
    assert cited == [
        "“keeps the primary copy of your data on your own device”",
        "the article text",
        "“A queue turns a failure into a delay <img src=x onerror=alert(1)>”",
    ]
    # Sources are numbered by page; each citation sits under its page.
    pages = popup.locator("#citations > li.source-page .page-link")
    assert pages.all_inner_texts() == ["Local-first software, explained", "javascript:alert(1)"]
    assert [pages.nth(i).get_attribute("href") for i in range(2)] == [
        "http://example.org/local-first", None]
    passages = popup.locator("#citations li.citation a.source")
    assert passages.all_inner_texts() == ["↗ passage", "↗ page"]
    assert [passages.nth(i).get_attribute("href") for i in range(2)] == [
        hatch["citations"][0]["link"], "http://example.org/local-first"]
    assert popup.locator("#citations img").count() == 0
    assert popup.locator("#hatch-notes li").all_inner_texts() == hatch["notes"]
    threads = popup.locator("#hatch-body ul li").first.inner_text()
    assert threads == "failure into a delay [1][3]"
    popup.screenshot(path=str(output_dir / "popup-citations.png"), full_page=True)


def test_markup_in_a_highlight_is_shown_as_text(browser, server, site, output_dir):
    dialogs = []
    page = browser.open(site.page("xss.html"))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    highlight(page, "#x1", "<img src=x onerror=alert(1)>")
    wait_for(lambda: server_highlights(server, page.url))

    popup = browser.popup(page)
    popup.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    item = popup.locator("#page-highlights li .quote")
    assert item.inner_text() == "<img src=x onerror=alert(1)>"
    assert popup.locator("img").count() == 0
    assert popup.locator("#pages .title").inner_text() == "Markup <b>in</b> a title"
    assert popup.locator("b").count() == 0
    popup.wait_for_timeout(300)
    assert dialogs == []
    popup.screenshot(path=str(output_dir / "popup-markup-as-text.png"), full_page=True)


def test_clicking_a_highlight_in_the_popup_scrolls_the_page_to_it(browser, server, site):
    page = browser.open(site.page("article.html"))
    page.evaluate("document.body.style.paddingBottom = '3000px'; "
                  "document.getElementById('p4').style.marginTop = '2500px'")
    page.locator("#p4").scroll_into_view_if_needed()
    page.wait_for_timeout(100)
    highlight(page, "#p4", "without a central server")
    page.evaluate("window.scrollTo(0, 0)")
    popup = browser.popup(page)
    popup.locator("#page-highlights li .quote").click()
    wait_for(lambda: page.evaluate("window.scrollY") > 1000)


def test_the_options_page_pairs_with_a_code_and_says_what_to_do_on_each_failure(
        browser, server, output_dir):
    browser.evaluate("() => chrome.storage.local.remove('token')")
    options = browser.context.new_page()
    options.goto(f"chrome-extension://{browser.extension_id}/src/options/options.html")
    options.wait_for_selector("body[data-ready=true]")
    assert options.locator("#serverUrl").input_value() == server.url
    result = options.locator("#result")
    stored = lambda: browser.evaluate("() => chrome.storage.local.get(['serverUrl', 'token'])")

    options.locator("#code").fill("ZZZZ-ZZZZ")
    options.locator("#connect").click()
    wait_for(lambda: "wrong, used or expired" in result.inner_text())
    assert "hatchery pair" in result.inner_text()
    assert "token" not in stored(), "a failed connection saves nothing"

    options.locator("#serverUrl").fill("http://127.0.0.1:9")
    options.locator("#code").fill(server.pairing_code())
    options.locator("#connect").click()
    wait_for(lambda: "Nothing answers" in result.inner_text())
    assert "hatchery serve" in result.inner_text()

    options.locator("#serverUrl").fill(server.url + "/")
    options.locator("#code").fill(server.pairing_code().lower())  # typed as it came
    options.locator("#connect").click()
    wait_for(lambda: result.inner_text().startswith("Connected"))
    assert "ok" in result.get_attribute("class")
    assert stored() == {"serverUrl": server.url, "token": server.token}
    assert options.locator("#code").input_value() == "", "a used code is cleared"
    options.screenshot(path=str(output_dir / "options-connected.png"))

    options.locator("#token-box summary").click()
    options.locator("#token").fill("wrong-token")
    options.locator("#connect").click()
    wait_for(lambda: "refused this token" in result.inner_text())
    assert f"hatchery token --data-dir {server.data_dir}" in result.inner_text()
    assert stored()["token"] == server.token, "a refused token replaces nothing"


def test_the_popup_lists_highlights_made_in_a_same_origin_frame_and_goes_to_them(
        browser, server, site):
    page = browser.open(site.page("frame.html"))
    page.frame_locator("#frame").locator("hatchery-ui").wait_for(state="attached")
    highlight(page, "#outer", "text of its own", "blue")
    inner = page.frame(url=site.page("framed.html"))
    select(inner, "#f1", "same-origin frame")
    InPageUi(page, frame_url=site.page("framed.html")).click(".bar button[data-color=green]")
    wait_for(lambda: server_highlights(server, site.page("framed.html")))

    popup = browser.popup(page)
    quotes = popup.locator("#page-highlights li .quote")
    assert sorted(quotes.all_inner_texts()) == ["same-origin frame", "text of its own"]
    # A click on the frame's highlight reaches the frame: it stands out there.
    popup.locator("#page-highlights li .quote", has_text="same-origin frame").click()
    wait_for(lambda: inner.evaluate(FOCUSED_JS) == ["same-origin frame"])
    assert page.evaluate(FOCUSED_JS) == []
