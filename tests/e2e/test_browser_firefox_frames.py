"""Frames without an address of their own, in Firefox: a srcdoc embed and an
empty frame a script filled are highlighted, stored with the page around
them, and drawn again when the page is visited again."""

from __future__ import annotations

import pytest

from e2e.browser_helpers import PAINTED_JS, server_highlights, wait_for
from e2e.test_browser_firefox import firefox, pair  # noqa: F401  (the fixture)

SELECT_IN_F1 = """
  const t = document.getElementById('f1').firstChild;
  const at = t.data.indexOf(arguments[0]);
  const r = document.createRange(); r.setStart(t, at); r.setEnd(t, at + arguments[0].length);
  getSelection().removeAllRanges(); getSelection().addRange(r);
  document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
"""
# The highlighted words painted in the current frame, in reading order.
MARKS = f"return ({PAINTED_JS})(null).map(([colour, text]) => text)"


def into_the_frame(driver) -> None:
    """Switch to the page's #frame once the highlighter runs in it."""
    from selenium.webdriver.common.by import By

    driver.switch_to.default_content()
    driver.switch_to.frame(wait_for(lambda: driver.find_element(By.ID, "frame")))
    wait_for(lambda: driver.execute_script("return !!document.querySelector('hatchery-ui')"),
             message="the content script did not start in the frame")


@pytest.mark.parametrize(("name", "words"), [
    ("srcdoc.html", "inline embed"),
    ("blank-frame.html", "into an empty frame"),
])
def test_firefox_highlights_in_a_frame_without_an_address_and_draws_them_again(
        firefox, server, site, name, words):  # noqa: F811
    from selenium.webdriver.common.by import By

    pair(firefox, server)
    page_url = site.page(name)
    firefox.get(page_url)
    into_the_frame(firefox)
    firefox.execute_script(SELECT_IN_F1, words)
    host = firefox.find_element(By.CSS_SELECTOR, "hatchery-ui")
    button = host.shadow_root.find_element(By.CSS_SELECTOR, ".bar button[data-color=green]")
    wait_for(button.is_displayed, message="the toolbar did not show in the frame")
    button.click()

    assert wait_for(lambda: firefox.execute_script(MARKS)) == [words]
    (stored,) = wait_for(lambda: server_highlights(server, page_url), timeout=15)
    assert stored["exact"] == words

    firefox.switch_to.default_content()
    firefox.refresh()
    into_the_frame(firefox)
    assert wait_for(lambda: firefox.execute_script(MARKS)) == [words]
    firefox.switch_to.default_content()
    assert firefox.execute_script(MARKS) == []
