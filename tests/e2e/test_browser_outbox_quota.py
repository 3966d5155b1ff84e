"""The outbox when the browser's storage is full, in real Chromium: a
highlight is still queued (its page HTML is what gives way) and reaches the
server once it is up; one that cannot be kept at all is said to be lost, on
the page and in the popup."""

from __future__ import annotations

import pytest

from e2e.browser_helpers import (InPageUi, painted_text, restart, select, server_highlights,
                                 wait_for)
from e2e.conftest import configured_browser
from e2e.extension_build import build_test_extension

MB = 1024 * 1024

# Fill storage with junk until at most `room` bytes are left.
FILL = """async ([name, room]) => {
  const used = await chrome.storage.local.getBytesInUse(null);
  // An entry costs its key plus its JSON (the string and two quotes).
  let size = chrome.storage.local.QUOTA_BYTES - used - room - name.length - 2;
  for (; size > 0; size = Math.floor(size * 0.999)) {
    try { await chrome.storage.local.set({[name]: 'x'.repeat(size)}); break; } catch (e) {}
  }
  return chrome.storage.local.QUOTA_BYTES - await chrome.storage.local.getBytesInUse(null);
}"""


def big_page(site, name: str, words: str) -> str:
    """A page of about 1.2 MB of text, so its HTML is over a tenth of the quota."""
    filler = "<p>" + "Filler text of a long article. " * 40 + "</p>\n"
    site.write(name, f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{name}</title></head><body><p id="w">{words}</p>
{filler * 1000}</body></html>""")
    return site.page(name)


@pytest.fixture(scope="session")
def quota_extension(tmp_path_factory):
    """The test build without unlimitedStorage: the 10 MB quota applies."""
    return build_test_extension(tmp_path_factory.mktemp("quota") / "extension",
                                unlimited_storage=False)


@pytest.fixture
def quota_browser(playwright_instance, tmp_path, server, quota_extension):
    with configured_browser(playwright_instance, tmp_path / "profile", quota_extension,
                            server) as opened:
        yield opened


def highlight(page, words: str) -> None:
    select(page, "#w", words)
    page.keyboard.press("Alt+Shift+H")


def test_a_full_storage_costs_the_page_html_never_the_highlight(quota_browser, server, site):
    browser = quota_browser
    first = browser.open(big_page(site, "first.html", "The first highlight"))
    second = browser.open(big_page(site, "second.html", "The second highlight"))
    third = browser.open(big_page(site, "third.html", "The third highlight"))
    server.stop()

    # Offline with a big page: the highlight waits with its page HTML.
    assert browser.evaluate(FILL, ["junk1", 2 * MB]) <= 2 * MB
    highlight(first, "The first highlight")
    wait_for(lambda: [i["html"] for i in browser.outbox()] == [True])

    # Storage full to the last bytes: the next highlight is queued all the
    # same; the page HTML of both is what gives way.
    assert browser.evaluate(FILL, ["junk2", 0]) < 200
    highlight(second, "The second highlight")
    queued = wait_for(lambda: len(browser.outbox()) == 2 and browser.outbox())
    assert [i["payload"]["text"] for i in queued] == ["The first highlight",
                                                      "The second highlight"]
    assert [i["html"] for i in queued] == [False, False]
    assert not InPageUi(second).visible(".notice.open")

    # Full again, and no page HTML left to give up: the highlight is drawn,
    # and the page and the popup say it could not be saved.
    assert browser.evaluate(FILL, ["junk3", 0]) < 200
    highlight(third, "The third highlight")
    notice = InPageUi(third)
    notice.wait(".notice.open")
    assert notice.text(".notice").startswith("This highlight could not be saved")
    assert painted_text(third) == "The third highlight"
    popup = browser.popup(third)
    assert "1 could not be saved" in popup.locator("#waiting").inner_text()
    assert "Not saved" in popup.locator("#page-highlights li .note").inner_text()
    assert len(browser.outbox()) == 2

    # The server is back: the two queued highlights arrive.
    browser.evaluate("() => chrome.storage.local.remove(['junk1', 'junk2', 'junk3'])")
    back = restart(server)
    try:
        popup.evaluate("chrome.runtime.sendMessage({type: 'flush'})")  # "Sync now"
        wait_for(lambda: browser.outbox() == [])
        assert [h["exact"] for h in server_highlights(back, first.url)] == ["The first highlight"]
        assert [h["exact"] for h in server_highlights(back, second.url)] == [
            "The second highlight"]
    finally:
        back.stop()


def test_the_outbox_keeps_page_html_past_the_10_mb_quota(browser, server, site):
    page = browser.open(big_page(site, "big.html", "A highlight on a big page"))
    server.stop()
    # More than the quota of an extension without unlimitedStorage.
    browser.evaluate("() => chrome.storage.local.set({junk: 'x'.repeat(11 * 1024 * 1024)})")
    highlight(page, "A highlight on a big page")
    queued = wait_for(lambda: browser.outbox())
    assert queued[0]["html"] is True
    back = restart(server)
    try:
        browser.popup(page)  # opening the popup sends what waits
        wait_for(lambda: browser.outbox() == [])
        assert [h["exact"] for h in server_highlights(back, page.url)] == [
            "A highlight on a big page"]
    finally:
        back.stop()
