"""Hostile pages, in real Chromium with the extension loaded: a web page
can reach 127.0.0.1, so it tries the API, tries to read the token, and
plants markup and script in what the person highlights."""

from __future__ import annotations

import re

from click.testing import CliRunner

from e2e.browser_helpers import select, server_highlights, wait_for
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


def test_a_page_cannot_read_the_token_from_the_extension(browser, server, site):
    page = browser.open(site.page("article.html"))
    select(page, "#p1", "Local-first software")
    page.locator("hatchery-ui .bar button[data-color=yellow]").click()
    wait_for(lambda: server_highlights(server, page.url))
    found = page.evaluate("""async ([id, token]) => {
      const seen = [];
      if (document.documentElement.outerHTML.includes(token)) seen.push('DOM');
      for (const key of Object.getOwnPropertyNames(window)) {
        try { if (String(window[key]).includes(token)) seen.push('window.' + key); } catch (e) {}
      }
      if (typeof chrome !== 'undefined' && chrome.storage) seen.push('chrome.storage');
      for (const path of ['src/background/settings.js', 'src/options/options.js',
                          'src/lib/api.js', 'src/content/main.js', 'manifest.json']) {
        try {
          const text = await (await fetch(`chrome-extension://${id}/${path}`)).text();
          if (text.includes(token)) seen.push(path);
        } catch (e) { /* not web-accessible: good */ }
      }
      return seen;
    }""", [browser.extension_id, server.token])
    assert found == []


def test_markup_links_and_long_strings_in_a_highlight_never_run(browser, server, site, output_dir):
    site.write("hostile.html", HOSTILE_PAGE)
    dialogs: list[str] = []
    page = browser.open(site.page("hostile.html"))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    select(page, "#bait", "Read this", "#bait", "the end.")
    page.locator("hatchery-ui .bar button[data-color=pink]").click()
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
    library.goto(link)
    library.goto(server.url + f"/pages/{stored['page_id']}")
    body = library.locator("body").inner_text()
    assert "<script>alert('title')</script> Free prizes" in body
    assert "<script>alert('text')</script>" in body
    assert library.locator("a[href^='javascript:'], img[src=x]").count() == 0
    # A 20,000-character word wraps instead of widening the page.
    assert library.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")
    assert popup.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")
    library.screenshot(path=str(output_dir / "library-hostile-page.png"))
    popup.screenshot(path=str(output_dir / "popup-hostile-page.png"))
    popup.wait_for_timeout(300)
    assert dialogs == []
