"""Real Chromium with the real extension loaded, against the real server.

Recipe from ../shared/E2E.md: Debian's /usr/bin/chromium, driven by the
python `playwright` package (never `playwright install`). Without a browser
the tests skip, except under CI=true where that is a failure: a browser test
must never silently not run in CI.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import time
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
RESOURCES = Path(__file__).resolve().parent / "pages"
OUTPUT = ROOT / "test-output"
CHROMIUM = os.environ.get("HATCHERY_CHROMIUM", "/usr/bin/chromium")

LAUNCH_ARGS = [
    f"--disable-extensions-except={EXTENSION}",
    f"--load-extension={EXTENSION}",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _need_browser() -> None:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + "; browser tests must run in CI", pytrace=False)
    pytest.skip(message)


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


# Module scope: only one sync Playwright may run at a time, and other test
# modules (the library's browser tests) start their own.
@pytest.fixture(scope="module")
def playwright_instance():
    _need_browser()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("the playwright package is missing", pytrace=False)
        pytest.skip("the playwright package is missing")
    with sync_playwright() as pw:
        yield pw


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


class Site:
    """Test pages served over http://127.0.0.1 from a folder a test may edit."""

    def __init__(self, root: Path):
        self.root = root
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def page(self, name: str) -> str:
        return f"{self.url}/{name}"

    def write(self, name: str, html: str) -> None:
        (self.root / name).write_text(html, encoding="utf-8")

    def read(self, name: str) -> str:
        return (self.root / name).read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(RESOURCES, root)
    served = Site(root)
    yield served
    served.httpd.shutdown()
    served.httpd.server_close()


@pytest.fixture
def output_dir(request):
    folder = OUTPUT / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Browser:
    """A Chromium profile with the extension, pointed at a server."""

    def __init__(self, pw, profile: Path):
        self.pw = pw
        self.profile = profile
        self.context = None
        self.worker = None
        self.extension_id = ""

    def launch(self) -> "Browser":
        self.context = self.pw.chromium.launch_persistent_context(
            str(self.profile), executable_path=CHROMIUM, headless=True,
            args=LAUNCH_ARGS, viewport={"width": 1100, "height": 800})
        workers = self.context.service_workers
        self.worker = workers[0] if workers else self.context.wait_for_event("serviceworker")
        self.extension_id = self.worker.url.split("/")[2]
        return self

    def close(self) -> None:
        if self.context:
            self.context.close()
            self.context = None

    def configure(self, server_url: str, token: str) -> None:
        self.worker.evaluate(
            "([u, t]) => chrome.storage.local.set({serverUrl: u, token: t})",
            [server_url, token])

    def evaluate(self, script: str, arg=None):
        """Run in the service worker (the worker may have been restarted)."""
        workers = self.context.service_workers
        if workers:
            self.worker = workers[0]
        return self.worker.evaluate(script, arg)

    def open(self, url: str):
        page = self.context.new_page()
        page.goto(url)
        page.wait_for_selector("hatchery-ui", state="attached")
        return page

    def tab_id(self, page) -> int:
        # Without the "tabs" permission tab URLs are hidden: ask each tab's
        # content script which page it is on.
        found = self.evaluate(
            """async (u) => {
              for (const tab of await chrome.tabs.query({})) {
                const state = await chrome.tabs.sendMessage(tab.id, {type: 'page-state'})
                  .catch(() => null);
                if (state && state.url === u.split('#')[0]) return tab.id;
              }
              return null;
            }""",
            page.url)
        assert found is not None, f"no tab with the extension shows {page.url}"
        return found

    def popup(self, page=None):
        """The popup opened as a page about `page`'s tab."""
        url = f"chrome-extension://{self.extension_id}/src/popup/popup.html"
        if page is not None:
            url += f"?tab={self.tab_id(page)}"
        popup = self.context.new_page()
        popup.set_viewport_size({"width": 420, "height": 900})
        popup.goto(url)
        popup.wait_for_selector("body[data-ready=true]")
        return popup

    def outbox(self) -> list:
        return self.evaluate("async () => (await chrome.storage.local.get('outbox')).outbox || []")


@pytest.fixture
def launch_browser(playwright_instance):
    """Launch Chromium on a given profile folder (to restart a browser)."""
    opened = []

    def launch(profile: Path) -> Browser:
        browser = Browser(playwright_instance, profile).launch()
        opened.append(browser)
        return browser

    yield launch
    for browser in opened:
        browser.close()


@pytest.fixture
def browser(playwright_instance, tmp_path, server):
    opened = Browser(playwright_instance, tmp_path / "profile").launch()
    opened.configure(server.url, server.token)
    yield opened
    opened.close()
