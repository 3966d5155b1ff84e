"""The extension offers exactly the highlight colours the server accepts, and
draws each one the same everywhere: colors.js writes the colours, and the
stylesheets that cannot import it (marks.css, popup.css) say the same."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hatchery.contract.limits import COLORS, DEFAULT_COLOR

SRC = Path(__file__).resolve().parents[1] / "extension" / "src"
COLORS_JS = SRC / "lib" / "colors.js"
MARKS_CSS = SRC / "content" / "marks.css"
POPUP_CSS = SRC / "popup" / "popup.css"


def _js_constant(name: str) -> object:
    """The value of `export const NAME = ...;` in colors.js, read as JSON."""
    found = re.search(rf"export const {name} = ([^;]*);", COLORS_JS.read_text(encoding="utf-8"))
    assert found, f"colors.js no longer exports {name}"
    value = re.sub(r",\s*([}\]])", r"\1", found.group(1).replace("'", '"'))  # trailing commas
    # Object keys are bare words in JS: quote them for JSON.
    return json.loads(re.sub(r"([{,]\s*)(\w+):", r'\1"\2":', value))


SWATCHES = _js_constant("SWATCHES")
OPACITY = _js_constant("MARK_OPACITY")


def _rgb(hex_colour: str) -> str:
    return ", ".join(str(int(hex_colour[i:i + 2], 16)) for i in (1, 3, 5))


def _rules(path: Path) -> dict[str, str]:
    """Each rule of a (flat) stylesheet: selector -> declarations."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {sel.strip(): body.strip() for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text)}


def test_the_toolbar_colours_are_the_servers_colours_in_the_same_order():
    assert _js_constant("COLORS") == list(COLORS)


def test_the_extension_and_the_server_default_to_the_same_colour():
    assert _js_constant("DEFAULT_COLOR") == DEFAULT_COLOR


def test_no_other_extension_file_keeps_its_own_colour_list():
    sources = (COLORS_JS.parents[1]).rglob("*.js")
    lists = [p.name for p in sources if p != COLORS_JS
             and re.search(r"\[\s*'yellow',\s*'green'", p.read_text(encoding="utf-8"))]
    assert lists == []


def test_every_colour_has_a_swatch_and_an_opacity():
    assert list(SWATCHES) == list(COLORS)
    assert list(OPACITY) == list(COLORS)


def test_highlights_on_the_page_are_drawn_in_their_swatch_colour():
    rules = _rules(MARKS_CSS)
    for colour in COLORS:
        fill = f"rgba({_rgb(SWATCHES[colour])}, {OPACITY[colour]})"
        assert rules[f"::highlight(hatchery-{colour})"] == f"background-color: {fill};", colour


def test_the_popup_lists_each_highlight_by_its_swatch_colour():
    rules = _rules(POPUP_CSS)
    assert f"solid {SWATCHES[DEFAULT_COLOR]};" in rules[".highlight"]
    for colour in COLORS:
        if colour != DEFAULT_COLOR:
            assert rules[f".highlight[data-color={colour}]"] == \
                f"border-color: {SWATCHES[colour]};", colour


def test_no_other_extension_file_writes_a_colour_of_its_own():
    written = [*SWATCHES.values(), *(_rgb(h) for h in SWATCHES.values())]
    others = [p for p in SRC.rglob("*") if p.suffix in (".js", ".css", ".html")
              and p not in (COLORS_JS, MARKS_CSS, POPUP_CSS)]
    found = [(p.name, c) for p in others for c in written
             if c in p.read_text(encoding="utf-8").lower()]
    assert found == []
