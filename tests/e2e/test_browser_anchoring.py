"""Where highlights land, in real Chromium: the positions they store, the
same words highlighted twice, text in shadow roots and same-origin frames."""

from __future__ import annotations

from e2e.browser_helpers import (PAINTED_JS, InPageUi, painted, painted_pixels, select,
                                 server_highlights, wait_for)

# Select `text` inside the element `css` of the shadow root of `#host`,
# like a mouse drag there.
SELECT_IN_SHADOW = """([css, text]) => {
  const el = document.querySelector('#host').shadowRoot.querySelector(css);
  const node = el.firstChild;
  const at = node.data.indexOf(text);
  getSelection().setBaseAndExtent(node, at, node, at + text.length);
  document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
}"""


def in_shadow(page) -> list[list[str]]:
    """The highlights painted in the shadow root of #host."""
    return painted(page, "#host")


def test_stored_positions_count_code_points_of_all_the_text_as_text_content_does(
        browser, server, site):
    page = browser.open(site.page("shadow.html"))
    select(page, "#after", "comes last")
    InPageUi(page).click(".bar button[data-color=green]")
    (stored,) = wait_for(lambda: server_highlights(server, page.url))

    # What a W3C TextPositionSelector over body.textContent says: code
    # points, the script's text counted, the emoji each one.
    start = page.evaluate("""() => {
      const text = document.body.textContent;
      return [...text.slice(0, text.indexOf('comes last'))].length;
    }""")
    assert page.evaluate("document.body.textContent.includes('Hypothesis counts')")
    assert (stored["start"], stored["end"]) == (start, start + len("comes last"))
    assert stored["exact"] == "comes last"


def test_highlighting_highlighted_words_again_changes_their_colour(browser, server, site):
    page = browser.open(site.page("article.html"))
    select(page, "#p1", "primary copy of your data")
    InPageUi(page).click(".bar button[data-color=yellow]")
    (first,) = wait_for(lambda: server_highlights(server, page.url))

    select(page, "#p1", "primary copy of your data")
    InPageUi(page).click(".bar button[data-color=blue]")

    assert painted(page) == [["blue", "primary copy of your data"]]
    wait_for(lambda: [h["color"] for h in server_highlights(server, page.url)] == ["blue"])
    assert [h["id"] for h in server_highlights(server, page.url)] == [first["id"]]


def test_text_in_an_open_shadow_root_is_highlighted_and_drawn_again(browser, server, site):
    page = browser.open(site.page("shadow.html"))
    page.evaluate(SELECT_IN_SHADOW, ["#inside", "open shadow root"])
    InPageUi(page).click(".bar button[data-color=pink]")

    assert in_shadow(page) == [["pink", "open shadow root"]]
    # The highlights' style reaches inside: the words are painted pink.
    inside = page.locator("#host").locator("#inside")
    wait_for(lambda: painted_pixels(inside, "pink") > 100)
    (stored,) = wait_for(lambda: server_highlights(server, page.url))
    assert stored["exact"] == "open shadow root"

    page.reload()
    wait_for(lambda: in_shadow(page) == [["pink", "open shadow root"]])
    assert painted(page) == []


def page_state(browser, page) -> dict:
    """What the page's content script shows, as the popup asks for it."""
    return browser.evaluate(
        "(tab) => chrome.tabs.sendMessage(tab, {type: 'page-state'}, {frameId: 0})",
        browser.tab_id(page))


def test_words_a_component_renders_late_in_its_shadow_root_get_their_highlight(
        browser, server, site):
    page = browser.open(site.page("shadow-late.html"))
    page.evaluate("fill()")
    page.evaluate(SELECT_IN_SHADOW, ["#inside", "renders late"])
    InPageUi(page).click(".bar button[data-color=pink]")
    wait_for(lambda: server_highlights(server, page.url))

    page.reload()
    page.wait_for_selector("hatchery-ui", state="attached")
    # The component has not rendered yet: the highlight has nowhere to go.
    wait_for(lambda: [(h["anchored"], h["searching"]) for h in page_state(browser, page)["highlights"]]
             == [(False, False)])
    page.evaluate("fill()")
    wait_for(lambda: in_shadow(page) == [["pink", "renders late"]])


def test_text_in_a_same_origin_frame_is_highlighted_and_drawn_again(browser, server, site):
    page = browser.open(site.page("frame.html"))
    frame = page.frame_locator("#frame")
    frame.locator("hatchery-ui").wait_for(state="attached")
    inner = page.frame(url=site.page("framed.html"))
    select(inner, "#f1", "same-origin frame")
    InPageUi(page, frame_url=site.page("framed.html")).click(".bar button[data-color=green]")

    assert painted(inner) == [["green", "same-origin frame"]]
    assert painted(page) == []
    (stored,) = wait_for(lambda: server_highlights(server, site.page("framed.html")))
    assert stored["exact"] == "same-origin frame"

    page.reload()
    page.frame_locator("#frame").locator("hatchery-ui").wait_for(state="attached")
    inner = page.frame(url=site.page("framed.html"))
    wait_for(lambda: painted(inner) == [["green", "same-origin frame"]])


def test_a_long_page_indexed_a_slice_at_a_time_is_indexed_as_in_one_go(browser, server, site):
    page = browser.open(site.page("shadow.html"))
    # A long article: paragraphs with bold words, emoji, scripts and one
    # more open shadow root half-way.
    page.evaluate("""() => {
      const article = document.querySelector('article');
      for (let k = 0; k < 2000; k++) {
        const p = document.createElement('p');
        p.innerHTML = `Paragraph ${k} has <b>bold ${k}</b> words 🌱 and <i>more</i>.`;
        article.append(p);
        if (k === 1000) {
          const host = document.createElement('div');
          host.attachShadow({mode: 'open'}).innerHTML = '<p>Inside a second component.</p>';
          article.append(host, Object.assign(document.createElement('script'), {text: '// 1'}));
        }
      }
    }""")
    tab = browser.tab_id(page)
    result = browser.evaluate(
        "(tab) => chrome.tabs.sendMessage(tab, {type: 'text-index-in-slices'}, {frameId: 0})", tab)
    assert result["sameText"] and result["sameNodes"]
    assert result["characters"] > 90_000
    # 256 nodes a slice: a long page is many slices, none the whole walk.
    assert result["slices"] > 20


def test_a_passage_of_thousands_of_text_nodes_is_drawn_whole_with_a_highlight_inside_it(
        browser, server, site):
    page = browser.open(site.page("shadow.html"))
    # 2,000 paragraphs of five text nodes each; the passage covers 1,800 of
    # them (9,000 text nodes, many slices of drawing), a short highlight
    # sits in its middle.
    quotes = page.evaluate("""() => {
      const article = document.querySelector('article');
      for (let k = 0; k < 2000; k++) {
        const p = document.createElement('p');
        p.innerHTML = `Paragraph ${k} has <b>bold ${k}</b> words and <i>more</i>.`;
        article.append(p);
      }
      const text = document.body.textContent;
      const selector = (from, to, id) => ({
        id, color: id === 'short' ? 'green' : 'yellow',
        exact: text.slice(from, to), prefix: text.slice(from - 32, from),
        suffix: text.slice(to, to + 32), start: from, end: to,
      });
      const from = text.indexOf('Paragraph 100 '), to = text.indexOf('Paragraph 1900 ');
      const inside = text.indexOf('bold 1000');
      return [selector(from, to, 'long'), selector(inside, inside + 9, 'short')];
    }""")
    # Let the page watcher's re-check after that change pass first (it
    # would start an anchoring pass of its own, ending this one).
    page.wait_for_timeout(1000)
    tab = browser.tab_id(page)
    result = browser.evaluate(
        "([tab, hl]) => chrome.tabs.sendMessage(tab, {type: 'anchor-highlights', highlights: hl}, {frameId: 0})",
        [tab, quotes])
    assert result["anchored"] == 2
    # Registered only near the viewport (src/content/highlighter.js): the
    # short one, 900 paragraphs down, once it is scrolled to.
    assert painted(page) == [["yellow", quotes[0]["exact"]]]
    page.evaluate("() => [...document.querySelectorAll('b')].find((b) => b.textContent === 'bold 1000')"
                  ".scrollIntoView({block: 'center'})")
    page.wait_for_function(f"() => ({PAINTED_JS})(null).length === 2")
    assert painted(page) == [["yellow", quotes[0]["exact"]], ["green", "bold 1000"]]
    # Far again, it is taken out of the registry; the long one stays (it is near).
    page.evaluate("() => scrollTo(0, 0)")
    page.wait_for_function(f"() => ({PAINTED_JS})(null).length === 1")
    assert painted(page) == [["yellow", quotes[0]["exact"]]]


def test_a_highlight_made_right_after_the_long_page_changed_stores_what_the_whole_text_says(
        browser, server, site):
    page = browser.open(site.page("shadow.html"))
    # The page grows long (its text index is gone): the highlight is drawn
    # from the text around the selection and its position found afterwards.
    page.evaluate("""() => {
      const article = document.querySelector('article');
      for (let k = 0; k < 3000; k++) {
        const p = document.createElement('p');
        p.id = `long${k}`;
        p.innerHTML = `Paragraph ${k} has <b>bold ${k}</b> words 🌱 and <i>more</i>.`;
        article.append(p);
      }
    }""")
    page.evaluate("document.querySelector('#long2500').scrollIntoView({block: 'center'})")
    page.wait_for_timeout(100)  # the scroll event (which hides the toolbar) passes first
    select(page, "#long2500", "bold 2500", "#long2501", "Paragraph 2501 has")
    InPageUi(page).click(".bar button[data-color=green]")

    quote = "bold 2500 words 🌱 and more.Paragraph 2501 has"
    assert "".join(m[1] for m in painted(page)) == quote
    (stored,) = wait_for(lambda: [h for h in server_highlights(server, page.url) if h["start"] is not None])
    expected = page.evaluate("""(quote) => {
      const text = document.body.textContent;
      const at = text.indexOf(quote);
      const start = [...text.slice(0, at)].length;
      return {start, end: start + [...quote].length, prefix: text.slice(at - 32, at),
              suffix: text.slice(at + quote.length, at + quote.length + 32)};
    }""", quote)
    assert stored["exact"] == quote
    assert {k: stored[k] for k in expected} == expected


def test_highlighting_highlighted_words_in_their_colour_opens_the_editor_for_the_keyboard(
        browser, server, site):
    page = browser.open(site.page("article.html"))
    select(page, "#p1", "primary copy of your data")
    page.keyboard.press("Alt+Shift+H")
    (first,) = wait_for(lambda: server_highlights(server, page.url))

    # Without a mouse: select the words again with the keyboard's shortcut.
    select(page, "#p1", "primary copy of your data")
    page.keyboard.press("Alt+Shift+H")
    ui = InPageUi(page)
    ui.wait(".editor.open")
    page.keyboard.type("Typed without a mouse")
    assert ui.editor.value("textarea") == "Typed without a mouse"
    ui.editor.click("button.save")

    wait_for(lambda: [h["note"] for h in server_highlights(server, page.url)]
             == ["Typed without a mouse"])
    assert [h["id"] for h in server_highlights(server, page.url)] == [first["id"]]
    assert painted(page) == [[first["color"], "primary copy of your data"]]
