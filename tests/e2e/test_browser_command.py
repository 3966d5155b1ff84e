"""The browser-level shortcut (chrome.commands, Alt+Shift+H): Playwright's
key presses only reach the page, so this test runs Chromium headed on a
virtual display (Xvfb) and presses the keys there with xdotool."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from e2e.browser_helpers import painted, select, server_highlights, wait_for
from e2e.conftest import CHROMIUM, LAUNCH_ARGS


def _missing(message: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + "; browser tests must run in CI", pytrace=False)
    pytest.skip(message)


@pytest.fixture
def display():
    for tool in ("Xvfb", "xdotool"):
        if not shutil.which(tool):
            _missing(f"{tool} is not installed (apt-get install xvfb xdotool)")
    number = 90 + os.getpid() % 50
    xvfb = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not os.path.exists(f"/tmp/.X11-unix/X{number}"):
        if time.monotonic() > deadline or xvfb.poll() is not None:
            xvfb.kill()
            pytest.fail("Xvfb did not start")
        time.sleep(0.05)
    yield f":{number}"
    xvfb.terminate()
    xvfb.wait(timeout=10)


@pytest.fixture
def headed(playwright_instance, display, tmp_path, server):
    """Chromium with the extension, headed on the virtual display, connected
    to the server; yields the context and the environment xdotool needs."""
    env = {**os.environ, "DISPLAY": display}
    context = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, headless=False,
        args=LAUNCH_ARGS, env=env, viewport={"width": 1100, "height": 700})
    try:
        worker = context.service_workers[0] if context.service_workers \
            else context.wait_for_event("serviceworker")
        worker.evaluate("([u, t]) => chrome.storage.local.set({serverUrl: u, token: t})",
                        [server.url, server.token])
        yield context, env
    finally:
        context.close()


def press_the_shortcut(env: dict) -> None:
    """Alt+Shift+H pressed on the keyboard, in the browser's window."""
    subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--class", "chromium",
                    "windowactivate", "--sync"], env=env, check=False, timeout=10,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["xdotool", "key", "--clearmodifiers", "alt+shift+h"], env=env,
                   check=True, timeout=10)


def test_the_browser_shortcut_highlights_the_selection(headed, server, site, output_dir):
    context, env = headed
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(site.page("second.html"))
    page.wait_for_selector("hatchery-ui", state="attached")
    # The page must not see the H: proof that the command, not the
    # in-page handler, made the highlight (modifier presses do reach it).
    page.evaluate("window.keysSeen = 0; document.addEventListener("
                  "'keydown', (e) => { if (e.code === 'KeyH') window.keysSeen++ }, true)")
    page.bring_to_front()
    select(page, "#q1", "A queue turns a failure into a delay")
    press_the_shortcut(env)

    wait_for(lambda: painted(page),
             message="Alt+Shift+H did not highlight")
    stored = wait_for(lambda: server_highlights(server, page.url))
    assert [h["exact"] for h in stored] == ["A queue turns a failure into a delay"]
    assert page.evaluate("window.keysSeen") == 0, "the page saw the key: not the command"
    page.screenshot(path=str(output_dir / "command-highlight.png"))


def test_the_shortcut_highlights_in_the_frame_being_read(headed, server, site):
    context, env = headed
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(site.page("frame.html"))
    page.frame_locator("#frame").locator("hatchery-ui").wait_for(state="attached")
    page.wait_for_selector("hatchery-ui", state="attached")
    page.bring_to_front()
    inner = page.frame(url=site.page("framed.html"))
    # Reading inside the frame: the focus is there, and so is the selection.
    inner.click("#f2")
    select(inner, "#f1", "same-origin frame")
    assert inner.evaluate("document.hasFocus()")
    press_the_shortcut(env)

    wait_for(lambda: painted(inner), message="Alt+Shift+H did not highlight in the frame")
    assert [text for _, text in painted(inner)] == ["same-origin frame"]
    assert painted(page) == []
    stored = wait_for(lambda: server_highlights(server, site.page("framed.html")))
    assert [h["exact"] for h in stored] == ["same-origin frame"]
