"""What the extension's manifest exposes to web pages and asks for."""

from __future__ import annotations

import json
import re

from e2e.extension_build import EXTENSION

MANIFEST = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
# `import ... from './x.js'` and `import('./x.js')` with a relative path.
IMPORT = re.compile(r"""(?:from|import\()\s*['"](\.{1,2}/[\w./-]+\.js)['"]""")


def module_graph(entry: str) -> set[str]:
    """Every module `entry` loads, directly or not, as paths in the extension."""
    seen: set[str] = set()
    todo = [entry]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        source = (EXTENSION / path).read_text(encoding="utf-8")
        for spec in IMPORT.findall(source):
            todo.append((EXTENSION / path).parent.joinpath(spec).resolve()
                        .relative_to(EXTENSION.resolve()).as_posix())
    return seen


# The one exposed file that is not a content-script module: the note
# editor, shown in a frame over the page so page script cannot search it.
# Its own script and style load from inside that frame and stay unexposed.
EDITOR_PAGE = "src/editor/editor.html"


def test_pages_can_load_only_the_content_scripts_own_modules_and_the_editor():
    (exposed,) = MANIFEST["web_accessible_resources"]
    # loader.js imports main.js; nothing else of the extension is exposed,
    # so a page cannot fetch the API client, the outbox or the popup.
    assert set(exposed["resources"]) == module_graph("src/content/main.js") | {EDITOR_PAGE}
    assert not any("*" in path for path in exposed["resources"])
    assert "src/editor/editor.js" not in exposed["resources"]


def test_the_exposed_editor_page_is_the_one_the_content_script_frames():
    names = (EXTENSION / "src/lib/editor-port.js").read_text(encoding="utf-8")
    assert f"export const EDITOR_PAGE = '{EDITOR_PAGE}';" in names
    assert "src/lib/editor-port.js" in module_graph("src/content/editor-frame.js")
    page = (EXTENSION / EDITOR_PAGE).read_text(encoding="utf-8")
    # No inline script: the extension's page CSP would refuse it anyway.
    assert re.findall(r"<script[^>]*>", page) == ['<script type="module" src="editor.js">']


def test_exposed_files_keep_their_fixed_address_until_chromium_resolves_imports():
    """`use_dynamic_url` would hide even these files, but Chromium (156 here)
    resolves a dynamic-URL module's own imports against the fixed address and
    then refuses them (crbug.com/363027634), so the highlighter would not
    start. e2e/test_browser_dynamic_url.py fails once Chromium fixes that:
    then switch it on."""
    (exposed,) = MANIFEST["web_accessible_resources"]
    assert "use_dynamic_url" not in exposed


def test_the_outbox_may_grow_past_the_storage_quota():
    assert "unlimitedStorage" in MANIFEST["permissions"]
