"""A highlight made while the server is stopped waits in the outbox and
reaches the server exactly once when it is back, also across a browser
restart."""

from __future__ import annotations

from e2e.browser_helpers import painted, painted_text, restart, select, server_highlights, wait_for


def test_highlights_made_while_the_server_is_down_arrive_exactly_once(
        browser, server, site, output_dir):
    page = browser.open(site.page("article.html"))
    server.stop()

    select(page, "#p1", "primary copy of your data")
    page.keyboard.press("Alt+Shift+H")
    select(page, "#p4", "several devices")
    page.keyboard.press("Alt+Shift+H")
    # Highlighting still works and draws without the server.
    assert len(painted(page)) == 2
    wait_for(lambda: len(browser.outbox()) == 2)

    popup = browser.popup(page)
    assert popup.locator("#waiting").inner_text() == "2 waiting to sync"
    assert "not reachable" in popup.locator("#connection").inner_text()
    assert "hatchery serve" in popup.locator("#help").inner_text()
    popup.screenshot(path=str(output_dir / "popup-offline.png"), full_page=True)
    popup.close()

    # The reload while offline still draws them (from the outbox).
    page.reload()
    wait_for(lambda: len(painted(page)) == 2)

    back = restart(server)
    try:
        popup = browser.popup(page)  # opening the popup sends what waits
        wait_for(lambda: browser.outbox() == [])
        stored = server_highlights(back, page.url)
        assert sorted(h["exact"] for h in stored) == [
            "primary copy of your data", "several devices"]
        assert popup.locator("#outbox").is_hidden()

        # The worker died after the server stored a capture but before the
        # outbox heard back: the capture is still queued and is sent again.
        item_ids = sorted(h["id"] for h in stored)
        resent = next(h["id"] for h in stored if h["exact"] == "primary copy of your data")
        browser.evaluate("""async ([id, url, text]) => {
          const payload = {id, url, title: 'Local-first software, explained', text,
            prefix: '', suffix: '', start: 0, end: text.length, color: 'yellow'};
          await chrome.storage.local.set({outbox: [{key: 'create:' + id, kind: 'create', id,
            url, payload, rev: 1, attempts: 1, nextAttemptAt: 0, lastError: null,
            failed: null}]});
        }""", [resent, page.url, "primary copy of your data"])
        # What "Sync now" in the popup asks the worker.
        result = popup.evaluate("chrome.runtime.sendMessage({type: 'flush'})")
        assert result == {"sent": 1, "waiting": 0, "failed": 0}, (result, browser.outbox())
        assert sorted(h["id"] for h in server_highlights(back, page.url)) == item_ids
    finally:
        back.stop()


def test_the_outbox_survives_a_browser_restart(launch_browser, tmp_path, server, site):
    profile = tmp_path / "profile"
    first = launch_browser(profile)
    first.configure(server.url, server.token)
    page = first.open(site.page("second.html"))
    server.stop()
    select(page, "#q2", "Idempotent receivers make retries safe")
    page.keyboard.press("Alt+Shift+H")
    wait_for(lambda: len(first.outbox()) == 1)
    first.close()

    back = restart(server)
    second = launch_browser(profile)
    try:
        # No user action: the worker sends the outbox when the browser starts
        # (runtime.onStartup), or at the latest on its 30-second alarm.
        wait_for(lambda: server_highlights(back, site.page("second.html")), timeout=45)
        wait_for(lambda: second.outbox() == [])
        stored = server_highlights(back, site.page("second.html"))
        assert [h["exact"] for h in stored] == ["Idempotent receivers make retries safe"]
    finally:
        back.stop()


def test_synced_highlights_are_drawn_from_the_cache_while_the_server_is_down(
        browser, server, site):
    page = browser.open(site.page("second.html"))
    select(page, "#q3", "sending the same message twice")
    page.keyboard.press("Alt+Shift+H")
    wait_for(lambda: server_highlights(server, page.url))
    page.reload()  # the worker fetches and remembers the page's highlights
    wait_for(lambda: painted(page))
    server.stop()

    page.reload()
    wait_for(lambda: painted_text(page) == "sending the same message twice")
