"""Why manifest.json leaves `use_dynamic_url` off: with it, Chromium gives
loader.js's import of main.js a per-session address but resolves main.js's
own imports against the extension's fixed address, then refuses them as
not web-accessible (crbug.com/363027634), so the highlighter never starts.
When this test fails, the browser has fixed that: switch it on."""

from __future__ import annotations

import pytest

from e2e.conftest import configured_browser
from e2e.extension_build import build_test_extension


@pytest.fixture(scope="session")
def dynamic_url_extension(tmp_path_factory):
    return build_test_extension(tmp_path_factory.mktemp("dynamic") / "extension",
                                dynamic_url=True)


def test_chromium_still_refuses_a_dynamic_url_modules_imports(
        playwright_instance, tmp_path, server, site, dynamic_url_extension):
    with configured_browser(playwright_instance, tmp_path / "profile",
                            dynamic_url_extension, server) as browser:
        page = browser.context.new_page()
        seen: list[str] = []
        page.on("console", lambda message: seen.append(message.text))
        with page.expect_console_message(lambda m: "could not start" in m.text):
            page.goto(site.page("article.html"))
        refused = [text for text in seen if text.startswith("Denying load of chrome-extension://")]
        assert any(f"/{browser.extension_id}/src/content/" in text for text in refused), seen
        assert page.locator("hatchery-ui").count() == 0
