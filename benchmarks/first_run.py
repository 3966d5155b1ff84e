"""The first ten minutes, measured: from a fresh virtual environment, `pip
install` of the built wheel, `hatchery serve`, load the extension, pair on
the welcome page, highlight on two pages, hatch from the popup. Counts the
person's steps and times the whole run; screenshots go to --out.

    python benchmarks/first_run.py [--out test-output/first-run]

Steps a person takes are counted where they happen (`step(...)`); the time
is wall-clock, machine work included (the person's reading is not).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "server")]

from conftest import CHROMIUM  # noqa: E402
from e2e.browser_helpers import select, wait_for  # noqa: E402
from e2e.conftest import Site, launch_args, RESOURCES  # noqa: E402
from e2e.wheel_install import InstalledServer, build_wheel, clean_env, make_venv  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "test-output" / "first-run")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="hatchery-first-run-"))
    steps: list[str] = []

    def step(what: str) -> None:
        steps.append(what)
        print(f"{len(steps):2d}. {what}")

    wheel = build_wheel(work)  # the release, before the person arrives
    started = time.monotonic()
    step("pip install hatchery (the wheel)")
    python = make_venv(work, wheel)
    installed = time.monotonic()
    step("hatchery serve")
    server = InstalledServer(python, work / "data", clean_env(work / "state")).start()
    site_root = work / "site"
    shutil.copytree(RESOURCES, site_root)
    site = Site(site_root)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        step("load the extension folder `hatchery serve` printed (Load unpacked)")
        context = pw.chromium.launch_persistent_context(
            str(work / "profile"), executable_path=CHROMIUM, headless=True,
            args=launch_args(server.extension), viewport={"width": 1000, "height": 760})
        welcome = next((p for p in context.pages if "welcome" in p.url), None) or \
            context.wait_for_event("page", predicate=lambda p: "welcome" in p.url)
        welcome.wait_for_selector("body[data-ready=true]")
        if welcome.locator("#serverUrl").input_value() != server.url:
            step("correct the server address (only because this run uses a free port)")
            welcome.locator("#serverUrl").fill(server.url)
        step("type the pairing code")
        welcome.locator("#code").fill(server.code)
        step("press Connect")
        welcome.locator("#connect").click()
        wait_for(lambda: welcome.locator("#result").inner_text().startswith("Connected"), 20)
        welcome.screenshot(path=str(args.out / "welcome.png"), full_page=True)
        paired = time.monotonic()

        for name, css, words in (("article.html", "#p1", "primary copy of your data"),
                                 ("second.html", "#q1", "A queue turns a failure into a delay")):
            page = context.new_page()
            step(f"open {name}")
            page.goto(site.page(name))
            page.wait_for_selector("hatchery-ui", state="attached")
            step("select a sentence")
            select(page, css, words)
            step("press Alt+Shift+H")
            page.keyboard.press("Alt+Shift+KeyH")
            # The highlight is painted (CSS.highlights), not an element.
            page.wait_for_function("() => [...CSS.highlights.values()].some((h) => h.size)")
        ext_id = server.extension and context.service_workers[0].url.split("/")[2]
        popup = context.new_page()
        popup.set_viewport_size({"width": 420, "height": 900})
        step("click the toolbar button (the popup)")
        popup.goto(f"chrome-extension://{ext_id}/src/popup/popup.html")
        popup.wait_for_selector("body[data-ready=true]")
        wait_for(lambda: popup.locator("#pages .pick").count() >= 2, 20)
        for box in popup.locator("#pages .pick").all():
            if not box.is_checked():
                step("tick a page")
                box.check()
        step("press Hatch")
        popup.locator("#hatch").click()
        popup.wait_for_selector("#result:not([hidden])", timeout=120_000)
        done = time.monotonic()
        popup.screenshot(path=str(args.out / "popup-hatched.png"), full_page=True)
        options = context.new_page()
        options.goto(f"chrome-extension://{ext_id}/src/options/options.html")
        options.wait_for_selector("body[data-ready=true]")
        options.screenshot(path=str(args.out / "options.png"), full_page=True)
        link = popup.evaluate("async () => { const { getClient } = await import("
                              "'../background/settings.js'); return (await getClient())"
                              ".libraryLink(); }")
        library = context.new_page()
        library.goto(link)
        library.locator(".pages h2 a").first.click()
        library.wait_for_selector(".reading")
        library.screenshot(path=str(args.out / "library-page.png"), full_page=True)
        context.close()
    server.stop()
    site.httpd.shutdown()
    print(f"\nperson's steps: {len(steps)}")
    print(f"install (venv + pip install of the wheel): {installed - started:.1f} s")
    print(f"install to paired: {paired - started:.1f} s")
    print(f"install to first hatch shown: {done - started:.1f} s")
    print(f"screenshots: {args.out}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
