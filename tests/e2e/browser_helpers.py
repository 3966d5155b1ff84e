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




class InPageUi:
    """The highlighter's toolbar and the editor's frame as a person reaches them.

    They live in a closed shadow root that no page script (and no Playwright
    selector) can enter, so this finds them through the DevTools protocol,
    which sees closed roots, and presses them with real, trusted mouse and
    keyboard input at their place on the screen.
    """

    def __init__(self, page, frame_url: str | None = None):
        """:param frame_url: the UI of the same-origin frame showing this URL,
            not the top page's."""
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.frame_url = frame_url
        self.editor = EditorUi(page)

    def _document(self) -> dict:
        doc = self.cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
        if self.frame_url is None:
            return doc
        stack = [doc]
        while stack:
            node = stack.pop()
            inner = node.get("contentDocument")
            if inner and inner.get("documentURL") == self.frame_url:
                return inner
            stack.extend(node.get("children", []))
            if inner:
                stack.append(inner)
        raise AssertionError(f"no frame showing {self.frame_url}")

    def _root(self) -> dict:
        stack = [self._document()]
        while stack:
            node = stack.pop()
            if node.get("localName") == "hatchery-ui":
                (root,) = node["shadowRoots"]
                return root
            stack.extend(node.get("children", []))
        raise AssertionError("no hatchery-ui element on the page")

    def mode(self) -> str:
        """'open' or 'closed': how the UI's shadow root was made."""
        return self._root()["shadowRootType"]

    def _find(self, css: str) -> int:
        found = self.cdp.send("DOM.querySelector", {"nodeId": self._root()["nodeId"],
                                                    "selector": css})["nodeId"]
        return found

    def _center(self, css: str):
        node = self._find(css)
        if not node:
            return None
        try:
            quads = self.cdp.send("DOM.getContentQuads", {"nodeId": node})["quads"]
        except Exception:  # not rendered (display: none)
            return None
        if not quads:
            return None
        xs, ys = quads[0][0::2], quads[0][1::2]
        if max(xs) - min(xs) < 1 or max(ys) - min(ys) < 1:
            return None
        return sum(xs) / 4, sum(ys) / 4

    def visible(self, css: str) -> bool:
        return self._center(css) is not None

    def wait(self, css: str):
        return wait_for(lambda: self._center(css), message=f"{css} not shown")

    def click(self, css: str) -> None:
        """Click the element like a person: a trusted click at its place."""
        x, y = self.wait(css)
        self.page.mouse.click(x, y)

    def fill(self, css: str, text: str) -> None:
        """Click into a text field and type `text` over what it holds."""
        self.click(css)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)

    def _read(self, css: str, field: str) -> str:
        node = self._find(css)
        obj = self.cdp.send("DOM.resolveNode", {"nodeId": node})["object"]["objectId"]
        return self.cdp.send("Runtime.callFunctionOn", {
            "objectId": obj, "functionDeclaration": f"function () {{ return this.{field}; }}",
            "returnByValue": True})["result"]["value"]

    def value(self, css: str) -> str:
        """What a text field holds."""
        return self._read(css, "value")

    def text(self, css: str) -> str:
        """The text an element shows."""
        return self._read(css, "textContent")


EDITOR_PAGE = "/src/editor/editor.html"


class EditorUi:
    """The note editor: the extension's own page, in a frame the UI puts
    over the highlight. Playwright reaches into that frame as the browser's
    own DevTools do (a page script cannot); its clicks and keys are trusted
    input, as a person's are."""

    def __init__(self, page):
        self.page = page

    def frame(self):
        """The editor's frame (made the first time a highlight is opened)."""
        return wait_for(lambda: next(
            (f for f in self.page.frames if EDITOR_PAGE in f.url), None),
            message="no editor frame on the page")

    def click(self, css: str) -> None:
        self.frame().locator(css).click()

    def fill(self, css: str, text: str) -> None:
        """Click into a text field and type `text` over what it holds."""
        self.click(css)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)

    def value(self, css: str) -> str:
        return self.frame().locator(css).input_value()


# The highlights as the browser paints them: every range of each of the
# highlighter's `CSS.highlights` entries ('hatchery-<colour>'), in the order
# a reader meets them on the screen. The extension adds no element to the
# page; this is what the page shows. `root` is a shadow root's host
# selector, to read the highlights painted inside it.
PAINTED_JS = """(root) => {
  const within = root ? document.querySelector(root).shadowRoot : null;
  const out = [];
  for (const [name, highlight] of CSS.highlights) {
    const colour = name.replace(/^hatchery-/, '');
    if (colour === name || colour === 'hover' || colour === 'focused') continue;
    for (const range of highlight) {
      if (range.collapsed || !range.startContainer.isConnected) continue;
      if (within ? range.startContainer.getRootNode() !== within
                 : range.startContainer.getRootNode() !== document) continue;
      const box = range.getClientRects()[0] || range.getBoundingClientRect();
      out.push({colour, text: range.toString(), top: box.top + scrollY, left: box.left});
    }
  }
  out.sort((a, b) => a.top - b.top || a.left - b.left);
  return out.map(({colour, text}) => [colour, text]);
}"""


def painted(page_or_frame, root: str | None = None) -> list[list[str]]:
    """[colour, text] of each run of highlighted text on the page, in reading order.

    :param page_or_frame: a Playwright page or frame.
    :param root: the CSS selector of a shadow root's host, for the text in it.
    """
    return [list(run) for run in page_or_frame.evaluate(PAINTED_JS, root)]


def painted_text(page_or_frame) -> str:
    """All the highlighted text of the page, joined in reading order."""
    return "".join(text for _, text in painted(page_or_frame))


# A point on the first characters of the highlighted run holding `text` (in
# a frame: in the frame's viewport), scrolled into view first.
POINT_JS = """(text) => {
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('hatchery-')) continue;
    for (const range of highlight) {
      if (text && !range.toString().includes(text)) continue;
      range.startContainer.parentElement.scrollIntoView({block: 'center'});
      const box = range.getClientRects()[0];
      if (box) return [box.left + Math.min(4, box.width / 2), box.top + box.height / 2];
    }
  }
  return null;
}"""


def highlight_point(page_or_frame, text: str | None = None) -> tuple[float, float]:
    """Where a person points at a highlight: on its first words, in view.

    :param text: words of the highlight (the first one painted when None).
    """
    return tuple(wait_for(lambda: page_or_frame.evaluate(POINT_JS, text),
                          message=f"no highlight {text!r}"))


def click_highlight(page, text: str | None = None, frame=None) -> None:
    """Click a highlight as a person does: a real mouse click on its words.

    :param text: words of the highlight to click (the first one painted
        when None).
    :param frame: the Playwright frame it is in, when not the top page's.
    """
    x, y = highlight_point(frame or page, text)
    if frame is not None:
        box = frame.frame_element().bounding_box()
        x, y = x + box["x"], y + box["y"]
    page.mouse.click(x, y)


def painted_pixels(locator, colour: str, tolerance: int = 10) -> int:
    """How many pixels of an element's screenshot show `colour`'s highlight
    over a white background: what a reader sees of a highlight there.

    :param locator: a Playwright locator of the element.
    :param colour: one of the highlight colours.
    """
    import io

    from PIL import Image
    from test_colors_agree import OPACITY, SWATCHES

    swatch = SWATCHES[colour]
    alpha = OPACITY[colour]
    expected = [round(int(swatch[i:i + 2], 16) * alpha + 255 * (1 - alpha)) for i in (1, 3, 5)]
    data = Image.open(io.BytesIO(locator.screenshot())).convert("RGB").tobytes()
    return sum(all(abs(data[at + i] - expected[i]) <= tolerance for i in range(3))
               for at in range(0, len(data), 3))
