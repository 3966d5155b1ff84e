"""Helpers the browser tests share: select text, ask the server, wait."""

from __future__ import annotations

import time


def select(page, start_css: str, start_text: str, end_css: str | None = None,
           end_text: str | None = None) -> None:
    """Select from the start of `start_text` inside `start_css` to the end of
    `end_text` inside `end_css` (both default to the start), like a mouse drag."""
    page.evaluate(
        """([sc, st, ec, et]) => {
          function point(css, text, atEnd) {
            const root = document.querySelector(css);
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            // Find the text across nodes: walk until the text is covered.
            let all = '', nodes = [];
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              nodes.push([n, all.length]); all += n.data;
            }
            let at = all.indexOf(text);
            if (at < 0) throw new Error('text not found: ' + text);
            if (atEnd) at += text.length;
            for (let i = nodes.length - 1; i >= 0; i--) {
              const [n, s] = nodes[i];
              if (s <= at && (at < s + n.data.length || (atEnd && at === s + n.data.length))) {
                return [n, at - s];
              }
            }
            throw new Error('no node');
          }
          const [sn, so] = point(sc, st, false);
          const [en, eo] = point(ec || sc, et || st, true);
          const range = document.createRange();
          range.setStart(sn, so); range.setEnd(en, eo);
          const s = getSelection(); s.removeAllRanges(); s.addRange(range);
          document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }""",
        [start_css, start_text, end_css, end_text])


def server_highlights(server, url: str) -> list:
    response = server.request("GET", "/api/highlights", params={"url": url})
    response.raise_for_status()
    return response.json()["highlights"]


def wait_for(predicate, timeout: float = 10.0, interval: float = 0.1, message: str = ""):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(message or f"condition not met in {timeout} s (last: {last!r})")


def restart(server):
    """Start the server again on the same port and data folder."""
    return type(server)(server.data_dir, port=server.port).start()


