"""The extension offers exactly the highlight colours the server accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hatchery.contract.limits import COLORS, DEFAULT_COLOR

COLORS_JS = Path(__file__).resolve().parents[1] / "extension" / "src" / "lib" / "colors.js"


def _js_constant(name: str) -> object:
    """The value of `export const NAME = ...;` in colors.js, read as JSON."""
    found = re.search(rf"export const {name} = ([^;]*);", COLORS_JS.read_text(encoding="utf-8"))
    assert found, f"colors.js no longer exports {name}"
    return json.loads(found.group(1).replace("'", '"'))


def test_the_toolbar_colours_are_the_servers_colours_in_the_same_order():
    assert _js_constant("COLORS") == list(COLORS)


def test_the_extension_and_the_server_default_to_the_same_colour():
    assert _js_constant("DEFAULT_COLOR") == DEFAULT_COLOR


def test_no_other_extension_file_keeps_its_own_colour_list():
    sources = (COLORS_JS.parents[1]).rglob("*.js")
    lists = [p.name for p in sources if p != COLORS_JS
             and re.search(r"\[\s*'yellow',\s*'green'", p.read_text(encoding="utf-8"))]
    assert lists == []
