"""Real Chromium with the real extension loaded, against the real server.

Recipe from ../shared/E2E.md: Debian's /usr/bin/chromium, driven by the
python `playwright` package (never `playwright install`). Without a browser
the tests skip, except under CI=true where that is a failure: a browser test
must never silently not run in CI.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
RESOURCES = Path(__file__).resolve().parent / "pages"
OUTPUT = ROOT / "test-output"
from conftest import CHROMIUM  # noqa: E402  (one Playwright for the whole run)
from e2e.extension_build import build_test_extension  # noqa: E402


# What every test browser runs with: no sandbox in containers, nothing
# that reaches the network on its own.
_CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_args(extension: Path) -> list[str]:
    """Chromium's arguments to run with the extension in `extension` loaded."""
    return [
        f"--disable-extensions-except={extension}",
        f"--load-extension={extension}",
        *_CHROMIUM_FLAGS,
    ]


# The shipped folder, for the tests that need nothing a user could not do.
LAUNCH_ARGS = launch_args(EXTENSION)


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


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


@pytest.fixture(scope="session")
def test_extension(tmp_path_factory) -> Path:
    """The extension with its test hooks (see extension_build.py), built once."""
    return build_test_extension(tmp_path_factory.mktemp("extension") / "extension")


@pytest.fixture
def output_dir(request):
    folder = OUTPUT / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Browser:
    """A Chromium profile with the test build of the extension, pointed at a server."""

    def __init__(self, pw, profile: Path, extension: Path):
        self.pw = pw
        self.profile = profile
        self.extension = extension
        self.context = None
        self.worker = None
        self.extension_id = ""

    def launch(self) -> "Browser":
        self.context = self.pw.chromium.launch_persistent_context(
            str(self.profile), executable_path=CHROMIUM, headless=True,
            args=launch_args(self.extension), viewport={"width": 1100, "height": 800})
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
        """The popup opened as a page about `page`'s tab (the test build reads `?tab=`)."""
        url = f"chrome-extension://{self.extension_id}/src/popup/popup.html"
        if page is not None:
            url += f"?tab={self.tab_id(page)}"
        popup = self.context.new_page()
        popup.set_viewport_size({"width": 420, "height": 900})
        popup.goto(url)
        popup.wait_for_selector("body[data-ready=true]")
        return popup

    def outbox(self) -> list:
        """The queued items, in order, as the worker stores them (one entry each)."""
        return self.evaluate("""async () => {
          const {'outbox.order': order = []} = await chrome.storage.local.get('outbox.order');
          const entries = await chrome.storage.local.get(order.map((k) => 'outbox.item:' + k));
          return order.map((k) => entries['outbox.item:' + k]).filter(Boolean);
        }""")


@pytest.fixture
def launch_browser(playwright_instance, test_extension):
    """Launch Chromium on a given profile folder (to restart a browser)."""
    opened = []

    def launch(profile: Path) -> Browser:
        browser = Browser(playwright_instance, profile, test_extension).launch()
        opened.append(browser)
        return browser

    yield launch
    for browser in opened:
        browser.close()


@contextlib.contextmanager
def configured_browser(pw, profile: Path, extension: Path, server):
    """A launched Browser on `profile` with `extension`, pointed at `server`."""
    opened = Browser(pw, profile, extension).launch()
    opened.configure(server.url, server.token)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def browser(playwright_instance, tmp_path, server, test_extension):
    with configured_browser(playwright_instance, tmp_path / "profile", test_extension,
                            server) as opened:
        yield opened
