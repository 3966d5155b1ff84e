"""Hostile pages, in real Chromium with the extension loaded, against the
real server: a web page can reach 127.0.0.1, so it tries the API; it tries
to tell that the extension is installed by fetching its files; it presses
on a highlight with script and tries to read its note; and it plants markup
and script in what the person highlights."""

from __future__ import annotations

import re

from click.testing import CliRunner

from e2e.browser_helpers import (InPageUi, click_highlight, painted, select, server_highlights,
                                 wait_for)
from hatchery.cli import main as cli

LONG_RUN = "A" * 20_000

HOSTILE_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>&lt;script&gt;alert('title')&lt;/script&gt; Free prizes</title></head>
<body>
<p id="bait">Read this: &lt;script&gt;alert('text')&lt;/script&gt; and
<a id="js" href="javascript:alert('link')">javascript:alert(document.cookie)</a>
then &lt;img src=x onerror=alert('img')&gt; and {LONG_RUN} the end.</p>
</body></html>
"""

PROBE = """async ([api, token]) => {
  const results = {};
  async function attempt(name, init) {
    try {
      const response = await fetch(api + '/api/pages', init);
      results[name] = {status: response.status, type: response.type,
                       body: await response.text()};
    } catch (error) {
      results[name] = {error: String(error)};
    }
  }
  await attempt('no token', {});
  await attempt('guessed token', {headers: {Authorization: 'Bearer guess'}});
  await attempt('real token', {headers: {Authorization: 'Bearer ' + token}});
  await attempt('no-cors', {mode: 'no-cors'});
  // A simple POST needs no preflight: it reaches the server, without a token.
  try {
    await fetch(api + '/api/captures', {method: 'POST', mode: 'no-cors',
      headers: {'Content-Type': 'text/plain'},
      body: JSON.stringify({id: '6f1c0c55-3f7c-4b8e-9d3a-7d1f0c2e5b11',
                            url: 'https://evil.example/', text: 'planted'})});
  } catch (error) {}
  return results;
}"""


def test_a_page_on_another_port_cannot_read_or_write_the_api(browser, server, site):
    page = browser.open(site.page("article.html"))
    assert not page.url.startswith(server.url)  # another origin: another port
    results = page.evaluate(PROBE, [server.url, server.token])
    for name in ("no token", "guessed token", "real token"):
        # No CORS grant for a web origin: the browser refuses to hand over
        # anything, even when the page somehow knows the token.
        assert "error" in results[name], (name, results[name])
    assert results["no-cors"]["type"] == "opaque"
    assert results["no-cors"]["status"] == 0 and results["no-cors"]["body"] == ""
    planted = server.request("GET", "/api/highlights/6f1c0c55-3f7c-4b8e-9d3a-7d1f0c2e5b11")
    assert planted.status_code == 404
    assert server.request("GET", "/api/pages").json()["total"] == 0


# Files a page might fetch by their fixed address to read the extension's
# code or tell that it is installed: none is web-accessible. (The content
# script's own modules must be, for loader.js to import them.)
EXTENSION_FILES = ["src/lib/api.js", "src/lib/outbox.js", "src/lib/sse.js",
                   "src/content/loader.js", "src/content/marks.css",
                   "src/background/settings.js", "src/background/outbox-store.js",
                   "src/popup/popup.html", "src/options/options.js",
                   "manifest.json", "icons/icon-16.png"]

FINGERPRINT = """async ([id, paths]) => {
  const reached = [];
  for (const path of paths) {
    const url = `chrome-extension://${id}/${path}`;
    try { await fetch(url); reached.push('fetch ' + path); } catch (e) {}
    if (path.endsWith('.js')) {
      try { await import(url); reached.push('import ' + path); } catch (e) {}
    }
  }
  // The content script's own module loads must not name the extension either.
  for (const entry of performance.getEntriesByType('resource')) {
    if (!entry.name.startsWith(location.origin)) reached.push('saw ' + entry.name);
  }
  return reached;
}"""


def test_a_page_cannot_fetch_the_extensions_files_by_their_address(browser, server, site):
    page = browser.open(site.page("article.html"))
    # The highlighter runs here, so its modules were loaded into this page...
    select(page, "#p1", "Local-first software")
    page.keyboard.press("Alt+Shift+H")
    wait_for(lambda: server_highlights(server, page.url))
    # ...yet the page reaches none of the extension's files.
    assert page.evaluate(FINGERPRINT, [browser.extension_id, EXTENSION_FILES]) == []


NOTE = "my private note about the rent"
TAG = "secret-tag"

# Runs in the page before anything else: a hostile page that tries to catch
# the highlighter's shadow root as it is made and to log every event.
SPY = """(() => {
  window.caughtRoots = [];
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    window.caughtRoots.push(root);
    return root;
  };
  window.eventLog = [];
  for (const type of ['click', 'mousedown', 'mouseup', 'keydown', 'keyup', 'input',
                      'beforeinput', 'change', 'focusin', 'focus', 'select', 'message']) {
    window.addEventListener(type, (e) => {
      const seen = [type, e.data, e.key];
      for (const node of e.composedPath()) {
        seen.push(node.value, node.textContent, node.innerHTML);
      }
      window.eventLog.push(seen.filter((x) => typeof x === 'string').join(' '));
    }, true);
  }
})();"""

# What the hostile page does to a highlight, and everything it reads after.
# It finds the highlight as any script can (the painted ranges) and fires
# events at its words, where a person would click.
ATTACK = """async (note) => {
  const range = [...CSS.highlights.values()].flatMap((h) => [...h])[0];
  const box = range.getClientRects()[0];
  const mark = range.startContainer.parentElement;
  const host = document.querySelector('hatchery-ui');
  mark.click();
  for (const type of ['mousedown', 'mouseup', 'click', 'dblclick']) {
    mark.dispatchEvent(new MouseEvent(type, {bubbles: true, composed: true,
      clientX: box.left + 4, clientY: box.top + box.height / 2, view: window}));
  }
  mark.dispatchEvent(new PointerEvent('pointerup', {bubbles: true}));
  mark.tabIndex = 0; mark.focus();
  for (const key of ['Enter', ' ', 'e']) {
    mark.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true, composed: true}));
  }
  await new Promise((done) => setTimeout(done, 300));
  const sightings = [];
  const look = (where, text) => {
    if (String(text ?? '').includes(note)) sightings.push(where);
  };
  look('shadowRoot', host.shadowRoot && host.shadowRoot.innerHTML);
  if (host.shadowRoot) sightings.push('an open shadow root');
  for (const root of window.caughtRoots) {
    look('caught root', root.innerHTML);
    for (const field of root.querySelectorAll('textarea, input')) look('caught field', field.value);
  }
  look('outerHTML', document.documentElement.outerHTML);
  look('innerText', document.documentElement.innerText);
  look('host', host.textContent + host.getAttributeNames().map((n) => host.getAttribute(n)));
  look('active element', document.activeElement && document.activeElement.value);
  look('selection', getSelection().toString());
  for (const entry of window.eventLog) look('event', entry);
  // Search for it: forwards and backwards, wrapping, in frames too.
  getSelection().removeAllRanges();
  for (const backwards of [false, true]) {
    if (window.find(note, false, backwards, true, false, true, false)) {
      sightings.push('window.find');
    }
  }
  for (let i = 0; i < window.frames.length; i++) {
    try {
      if (window.frames[i].find(note)) sightings.push('find in frame ' + i);
    } catch (e) {}  // a frame of another origin has no find() for this page
  }
  return sightings;
}"""


def highlight_and_open_the_editor(page, server) -> InPageUi:
    """Highlight "nothing is lost" and open its editor, with real clicks."""
    ui = InPageUi(page)
    select(page, "#p1", "nothing is lost")
    ui.click(".bar button[data-color=yellow]")
    wait_for(lambda: server_highlights(server, page.url))
    click_highlight(page)
    ui.wait(".editor.open")
    return ui


def test_a_page_cannot_open_or_read_a_highlights_note(browser, server, site):
    page = browser.context.new_page()
    page.add_init_script(SPY)
    page.goto(site.page("article.html"))
    page.wait_for_selector("hatchery-ui", state="attached")
    assert InPageUi(page).mode() == "closed"
    # The person writes a note and a tag, with real clicks and keys.
    ui = highlight_and_open_the_editor(page, server)
    ui.editor.fill("textarea", NOTE)
    ui.editor.fill("input[name=tags]", TAG)
    ui.editor.click("button.save")
    wait_for(lambda: server_highlights(server, page.url)[0]["note"] == NOTE)

    # Next visit: the highlight comes back with its note, and the page attacks.
    page.reload()
    wait_for(lambda: painted(page))
    for secret in (NOTE, TAG):
        assert page.evaluate(ATTACK, secret) == [], ("editor closed", secret)
    assert not ui.visible(".editor.open")  # no synthetic event opened it

    # A real click still opens the editor, with the note, and the page still
    # reads nothing while it is open, nor finds the note or a tag by
    # searching the page for it (the editor is a frame of the extension).
    click_highlight(page)
    ui.wait(".editor.open")
    wait_for(lambda: ui.editor.value("textarea") == NOTE)
    assert ui.editor.value("input[name=tags]") == TAG
    for secret in (NOTE, TAG):
        assert page.evaluate(ATTACK, secret) == [], ("editor open", secret)
    # The search itself works: it finds the page's own text.
    assert page.evaluate("window.find('nothing is lost')")


def test_markup_links_and_long_strings_in_a_highlight_never_run(browser, server, site, output_dir):
    site.write("hostile.html", HOSTILE_PAGE)
    dialogs: list[str] = []
    page = browser.open(site.page("hostile.html"))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    select(page, "#bait", "Read this", "#bait", "the end.")
    InPageUi(page).click(".bar button[data-color=pink]")
    stored = wait_for(lambda: server_highlights(server, page.url))[0]
    assert "<script>alert('text')</script>" in stored["exact"]
    assert LONG_RUN in stored["exact"]

    popup = browser.popup(page)
    popup.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    quote = popup.locator("#page-highlights li .quote").first.inner_text()
    assert "<script>alert('text')</script>" in quote
    assert popup.locator("script:not([src]), img, a[href^='javascript:']").count() == 0

    # The library shows the same highlight and title as text.
    link = re.search(r"Your library: (\S+)", CliRunner().invoke(
        cli, ["open", "--no-browser", "--data-dir", str(server.data_dir)]).output).group(1)
    library = browser.context.new_page()
    library.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    landed = library.goto(link)
    # Which step failed, when one does: the login link, or the session after it.
    assert landed.status == 200 and library.url.startswith(server.url), (landed.status, library.url)
    library.goto(server.url + f"/pages/{stored['page_id']}")
    body = library.locator("body").inner_text()
    assert "<script>alert('title')</script> Free prizes" in body, (link, server.url, library.url)
    assert "<script>alert('text')</script>" in body
    assert library.locator("a[href^='javascript:'], img[src=x]").count() == 0
    # A 20,000-character word wraps instead of widening the page.
    assert library.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")
    assert popup.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")
    library.screenshot(path=str(output_dir / "library-hostile-page.png"))
    popup.screenshot(path=str(output_dir / "popup-hostile-page.png"))
    popup.wait_for_timeout(300)
    assert dialogs == []


def test_a_page_cannot_reach_the_editors_frame_to_message_or_navigate_it(
        browser, server, site):
    page = browser.open(site.page("article.html"))
    ui = highlight_and_open_the_editor(page, server)
    ui.editor.fill("textarea", NOTE)
    assert ui.editor.frame().url.startswith(f"chrome-extension://{browser.extension_id}/")
    # The frame is in the closed root, and a frame in a shadow tree is not
    # one of the page's window.frames: there is nothing to navigate away,
    # post to or search.
    assert page.evaluate("[window.frames.length, window.length, typeof window[0]]") == [
        0, 0, "undefined"]
    ui.editor.click("button.save")
    wait_for(lambda: server_highlights(server, page.url)[0]["note"] == NOTE)
