"""From the built wheel to a first capture, as a new user goes: install into
a fresh environment, `hatchery serve`, load the extension the package
carries, pair on the welcome page it opens, highlight."""

from __future__ import annotations

import subprocess

from e2e.browser_helpers import select, server_highlights, wait_for
from e2e.conftest import CHROMIUM, launch_args
from e2e.wheel_install import InstalledServer, build_wheel, clean_env, make_venv


class _Api:
    """Just enough of RunningServer for server_highlights()."""

    def __init__(self, url: str, token: str):
        self.url, self.token = url, token

    def request(self, method, path, **kwargs):
        import requests

        return requests.request(method, self.url + path, timeout=30,
                                headers={"Authorization": f"Bearer {self.token}"}, **kwargs)


def welcome_page(context):
    """The tab the extension opens on its first install."""
    for page in context.pages:
        if "welcome" in page.url:
            return page
    return context.wait_for_event("page", predicate=lambda p: "welcome" in p.url,
                                  timeout=20_000)


def test_the_installed_wheel_serves_pairs_and_captures_in_chromium(
        playwright_instance, tmp_path, site, output_dir):
    venv_python = make_venv(tmp_path, build_wheel(tmp_path))
    env = clean_env(tmp_path / "state")
    where = subprocess.run([str(venv_python), "-c", "import hatchery; print(hatchery.__file__)"],
                           capture_output=True, text=True, env=env, check=True).stdout
    assert str(tmp_path / "venv") in where, "hatchery must come from the wheel"

    server = InstalledServer(venv_python, tmp_path / "data", env).start()
    context = None
    try:
        assert server.extension.startswith(str(tmp_path / "venv")), server.lines
        assert server.code and "Token" not in "".join(server.lines)

        context = playwright_instance.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True,
            args=launch_args(server.extension), viewport={"width": 1000, "height": 760})
        welcome = welcome_page(context)
        welcome.wait_for_selector("body[data-ready=true]")
        welcome.locator("#serverUrl").fill(server.url)
        welcome.locator("#code").fill(server.code)
        welcome.locator("#connect").click()
        result = welcome.locator("#result")
        wait_for(lambda: result.inner_text().startswith("Connected"), timeout=20)
        welcome.screenshot(path=str(output_dir / "welcome-connected.png"))

        page = context.new_page()
        page.goto(site.page("article.html"))
        page.wait_for_selector("hatchery-ui", state="attached")
        select(page, "#p1", "primary copy of your data")
        page.keyboard.press("Alt+Shift+KeyH")
        token = (tmp_path / "data" / "token").read_text().strip()
        stored = wait_for(lambda: server_highlights(_Api(server.url, token), page.url),
                          timeout=20, message="the capture did not reach the installed server")
        assert [h["exact"] for h in stored] == ["primary copy of your data"]
    finally:
        if context is not None:
            context.close()
        server.stop()
