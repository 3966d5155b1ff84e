"""A person highlights in real Chromium with the extension loaded; the
highlights reach the real server and come back on the next visit."""

from __future__ import annotations

from e2e.browser_helpers import (InPageUi, click_highlight, highlight_point, painted,
                                 painted_text, select, server_highlights, wait_for)

HOVERED_JS = "() => [...(CSS.highlights.get('hatchery-hover') ?? [])].map(r => r.toString())"
CURSOR_AT_JS = "([x, y]) => getComputedStyle(document.elementFromPoint(x, y)).cursor"


def test_toolbar_highlight_is_drawn_and_reaches_the_server(browser, server, site, output_dir):
    page = browser.open(site.page("article.html"))
    select(page, "#p1", "primary copy of your data")
    InPageUi(page).wait(".bar.open")
    page.screenshot(path=str(output_dir / "toolbar.png"))
    InPageUi(page).click(".bar button[data-color=green]")

    assert painted(page) == [["green", "primary copy of your data"]]
    stored = wait_for(lambda: server_highlights(server, page.url))
    assert len(stored) == 1
    assert stored[0]["exact"] == "primary copy of your data"
    assert stored[0]["color"] == "green"
    assert stored[0]["prefix"].endswith("keeps the ")
    assert page.evaluate("window.pageScriptRan") is True
    page.screenshot(path=str(output_dir / "toolbar-highlight.png"))


def test_alt_shift_h_highlights_the_selection(browser, server, site):
    page = browser.open(site.page("article.html"))
    select(page, "#p4", "Conflict-free replicated data types")
    page.keyboard.press("Alt+Shift+H")

    assert painted_text(page) == "Conflict-free replicated data types"
    stored = wait_for(lambda: server_highlights(server, page.url))
    assert [h["exact"] for h in stored] == ["Conflict-free replicated data types"]


def test_context_menu_highlights_the_selection(browser, server, site):
    page = browser.open(site.page("article.html"))
    select(page, "#p3", "exactly once")
    tab = browser.tab_id(page)
    # Playwright cannot open the native menu; call the handler the menu calls.
    browser.evaluate(
        "(tab) => hatchery.menuClicked({menuItemId: 'hatchery-highlight', frameId: 0}, {id: tab})",
        tab)

    wait_for(lambda: painted_text(page) == "exactly once")
    stored = wait_for(lambda: server_highlights(server, page.url))
    assert stored[0]["exact"] == "exactly once"


def test_a_highlight_across_a_link_bold_text_and_two_paragraphs(browser, server, site, output_dir):
    page = browser.open(site.page("article.html"))
    markup = page.evaluate("document.body.innerHTML")
    select(page, "#p2", "stores each highlight", "#p3", "Every capture")
    InPageUi(page).click(".bar button[data-color=blue]")

    # One highlight over both paragraphs, painted in blue from its first
    # words to its last, across the link and the bold run.
    (run,) = painted(page)
    assert run[0] == "blue"
    assert run[1].startswith("stores each highlight before it tries")
    assert "the queue drains" in run[1] and run[1].endswith("Every capture")
    stored = wait_for(lambda: server_highlights(server, page.url))
    assert len(stored) == 1
    assert stored[0]["exact"].startswith("stores each highlight before it tries")
    assert stored[0]["exact"].endswith("Every capture")
    # The page keeps its structure: highlighting added no element to it.
    assert page.evaluate("document.body.innerHTML") == markup
    page.screenshot(path=str(output_dir / "cross-element.png"))


def test_highlights_are_drawn_again_after_a_reload(browser, server, site, output_dir):
    page = browser.open(site.page("article.html"))
    select(page, "#p1", "The network is an optimisation")
    InPageUi(page).click(".bar button[data-color=pink]")
    select(page, "#p2", "the queue drains", "#p3", "exactly once")
    InPageUi(page).click(".bar button[data-color=yellow]")
    wait_for(lambda: len(server_highlights(server, page.url)) == 2)
    before = painted(page)

    page.reload()
    wait_for(lambda: painted(page))
    wait_for(lambda: painted(page) == before, message=f"{painted(page)} != {before}")
    page.screenshot(path=str(output_dir / "reloaded.png"))


def test_an_edited_page_keeps_surviving_highlights_and_lists_orphans(
        browser, server, site, output_dir):
    page = browser.open(site.page("article.html"))
    select(page, "#p1", "primary copy of your data")
    InPageUi(page).click(".bar button[data-color=green]")
    select(page, "#p4", "without a central server deciding who wins")
    InPageUi(page).click(".bar button[data-color=yellow]")
    select(page, "#p3", "the server stores each id a single time")
    InPageUi(page).click(".bar button[data-color=blue]")
    wait_for(lambda: len(server_highlights(server, page.url)) == 3)

    html = site.read("article.html")
    html = html.replace("<h1>", "<p>A new introduction was added above everything.</p>\n<h1>")
    html = html.replace("without a central server deciding who wins", "with merge rules instead")
    # A small rewording inside a highlight: it should still be found.
    html = html.replace("stores each id a single time", "stores every id a single time")
    site.write("article.html", html)

    page.reload()
    wait_for(lambda: painted(page))
    wait_for(lambda: len({c for c, _ in painted(page)}) == 2)
    texts = painted_text(page)
    assert "primary copy of your data" in texts
    assert "the server stores every id a single time" in texts
    assert "merge rules" not in texts

    popup = browser.popup(page)
    orphans = popup.locator("#orphans li")
    assert orphans.count() == 1
    assert orphans.inner_text() == "without a central server deciding who wins"
    assert popup.locator("#orphans-box h3").inner_text() == "Not found on this page"
    assert popup.locator("#page-highlights li").count() == 2
    page.screenshot(path=str(output_dir / "edited-page.png"))
    popup.screenshot(path=str(output_dir / "popup-orphans.png"), full_page=True)


def test_clicking_a_highlight_edits_its_colour_note_and_tags_then_deletes_it(
        browser, server, site, output_dir):
    page = browser.open(site.page("article.html"))
    select(page, "#p1", "nothing is lost")
    InPageUi(page).click(".bar button[data-color=yellow]")
    stored = wait_for(lambda: server_highlights(server, page.url))
    highlight_id = stored[0]["id"]

    click_highlight(page)
    editor = InPageUi(page)
    editor.wait(".editor.open")
    editor.editor.click("button[data-color=pink]")
    editor.editor.fill("textarea", "Key promise of local-first")
    editor.editor.fill("input[name=tags]", "sync, offline")
    page.screenshot(path=str(output_dir / "editor.png"))
    editor.editor.click("button.save")

    wait_for(lambda: painted(page) == [["pink", "nothing is lost"]])
    changed = wait_for(lambda: [h for h in server_highlights(server, page.url)
                                if h["note"] == "Key promise of local-first"])
    assert changed[0]["id"] == highlight_id
    assert changed[0]["color"] == "pink"
    assert changed[0]["tags"] == ["sync", "offline"]

    click_highlight(page)
    editor.wait(".editor.open")
    editor.editor.click("button.delete")
    wait_for(lambda: painted(page) == [])
    wait_for(lambda: server_highlights(server, page.url) == [])


def test_content_that_arrives_late_or_by_pushstate_is_highlighted_again(browser, server, site):
    page = browser.open(site.page("late.html"))
    page.wait_for_selector("#l1")
    select(page, "#l1", "rendered by a script")
    page.keyboard.press("Alt+Shift+H")
    wait_for(lambda: server_highlights(server, page.url))

    page.reload()
    page.wait_for_selector("#l1")
    wait_for(lambda: painted_text(page) == "rendered by a script")

    # A pushState navigation to another "page" of the app, then back.
    page.evaluate("goTo('/late-2.html', 'A second view with its own words.')")
    wait_for(lambda: page.url.endswith("/late-2.html"))
    select(page, "#l3", "its own words")
    page.keyboard.press("Alt+Shift+H")
    stored = wait_for(lambda: server_highlights(server, site.page("late-2.html")))
    assert stored[0]["exact"] == "its own words"
    assert server_highlights(server, site.page("late.html"))[0]["exact"] == "rendered by a script"


def test_page_scripts_cannot_press_the_highlighters_buttons(browser, server, site):
    page = browser.open(site.page("article.html"))
    select(page, "#p1", "nothing is lost")
    InPageUi(page).click(".bar button[data-color=yellow]")
    wait_for(lambda: server_highlights(server, page.url))
    click_highlight(page)
    InPageUi(page).wait(".editor.open")

    # A hostile page script: delete through the editor, highlight by a fake key.
    page.evaluate("""() => {
      const root = document.querySelector('hatchery-ui').shadowRoot;  // closed: null
      for (const button of root ? root.querySelectorAll('button') : []) button.click();
      // The editor's frame hears no window message, whatever it says.
      for (let i = 0; i < window.frames.length; i++) {
        for (const type of ['delete', 'save', 'color']) {
          window.frames[i].postMessage({type, color: 'pink', changes: {note: 'x'}}, '*');
        }
      }
      const p = document.getElementById('p4').firstChild;
      const r = document.createRange(); r.setStart(p, 0); r.setEnd(p, 10);
      getSelection().removeAllRanges(); getSelection().addRange(r);
      document.dispatchEvent(new KeyboardEvent('keydown',
        {key: 'H', code: 'KeyH', altKey: true, shiftKey: true, bubbles: true}));
    }""")
    page.wait_for_timeout(300)
    assert painted(page) == [["yellow", "nothing is lost"]]
    assert len(server_highlights(server, page.url)) == 1


def test_overlapping_highlights_are_both_drawn_and_deleting_one_keeps_the_other(
        browser, server, site):
    page = browser.open(site.page("article.html"))
    select(page, "#p1", "primary copy of your data")
    InPageUi(page).click(".bar button[data-color=yellow]")
    select(page, "#p1", "your data on your own device")
    InPageUi(page).click(".bar button[data-color=blue]")
    stored = wait_for(lambda: len(server_highlights(server, page.url)) == 2
                      and server_highlights(server, page.url))
    assert {h["exact"] for h in stored} == {"primary copy of your data",
                                            "your data on your own device"}
    # "your data" is inside both: painted in both colours.
    assert painted(page) == [["yellow", "primary copy of your data"],
                             ["blue", "your data on your own device"]]

    page.reload()
    wait_for(lambda: len(painted(page)) == 2)
    click_highlight(page, "primary copy of your data")
    ui = InPageUi(page)
    ui.wait(".editor.open")
    ui.editor.click("button.delete")
    wait_for(lambda: painted(page) == [["blue", "your data on your own device"]])
    assert page.locator("#p1").inner_text().startswith(
        "Local-first software keeps the primary copy of your data on your own device.")
    wait_for(lambda: [h["exact"] for h in server_highlights(server, page.url)]
             == ["your data on your own device"])


def test_pointing_at_a_highlight_tints_it_and_shows_the_hand_until_the_pointer_leaves(
        browser, server, site):
    page = browser.open(site.page("article.html"))
    markup = page.evaluate("document.body.innerHTML")
    select(page, "#p1", "nothing is lost")
    InPageUi(page).click(".bar button[data-color=yellow]")
    x, y = highlight_point(page, "nothing is lost")
    assert page.evaluate(CURSOR_AT_JS, [x, y]) != "pointer"

    page.mouse.move(x, y)
    wait_for(lambda: page.evaluate(HOVERED_JS) == ["nothing is lost"])
    assert page.evaluate(CURSOR_AT_JS, [x, y]) == "pointer"

    # On the same paragraph's first words, not highlighted: as before.
    elsewhere = page.evaluate("""() => {
      const r = document.createRange();
      r.setStart(document.getElementById('p1').firstChild, 0);
      r.setEnd(document.getElementById('p1').firstChild, 5);
      const box = r.getBoundingClientRect();
      return [box.left + 2, box.top + box.height / 2];
    }""")
    page.mouse.move(*elsewhere)
    wait_for(lambda: page.evaluate(HOVERED_JS) == [])
    assert page.evaluate(CURSOR_AT_JS, [x, y]) != "pointer"
    assert page.evaluate("document.getElementById('p1').hasAttribute('style')") is False
    assert page.evaluate("document.body.innerHTML") == markup


def test_the_page_html_sent_in_pieces_is_the_pages_html_without_our_markup(browser, server, site):
    page = browser.open(site.page("article.html"))
    select(page, "#p1", "primary copy of your data")
    InPageUi(page).click(".bar button[data-color=green]")
    # A long article of big sections, text with characters to escape, a
    # script and a comment: it is serialised in many pieces.
    page.evaluate("""() => {
      const article = document.querySelector('article') ?? document.body;
      for (let s = 0; s < 4; s++) {
        const section = document.createElement('section');
        section.setAttribute('data-note', 'a "quoted" & odd <value>');
        for (let k = 0; k < 300; k++) {
          const p = document.createElement('p');
          p.innerHTML = `Part ${s}.${k}: fish &amp; chips &lt;cheap&gt;&nbsp;<b>bold</b> and more.`;
          section.append(p, document.createTextNode(' 5 < 6 & 7 > 2\\u00a0'));
        }
        section.append(document.createComment(' end of part '), Object.assign(
          document.createElement('script'), {text: 'if (1 < 2 && 3 > 2) {}'}));
        article.append(section);
      }
    }""")
    tab = browser.tab_id(page)
    result = browser.evaluate(
        "(tab) => chrome.tabs.sendMessage(tab, {type: 'page-html-in-pieces'}, {frameId: 0})", tab)
    assert result["same"], result
    assert result["length"] > 100_000
    assert result["slices"] > 10
