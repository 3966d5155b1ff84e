"""The extension as the browser tests and the anchoring benchmark load it: a
copy of extension/ with the test-only hooks of `extension_hooks/` added.

The shipped extension/ folder has no test hook (tests/test_extension_ships_no_test_hooks.py
checks); what a test cannot reach by a user's path it reaches here:

- `src/content/test-hooks.js`: the `anchor-highlights` and
  `time-highlight-selection` messages (timed anchoring and capture) and
  `text-index-in-slices` (the page text indexed in slices), loaded
  by `test-loader.js` in place of `loader.js`;
- `src/background/test-worker.js`: the real worker plus `globalThis.hatchery`
  (the context menu's handler, which Playwright cannot click);
- `src/popup/test-popup.js`: the popup about the tab named in `?tab=ID`,
  since a popup opened as a page is not over the page it is about.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
HOOKS = Path(__file__).resolve().parent / "extension_hooks"

# Where each hook goes in the copy.
PLACES = {
    "test-loader.js": "src/content",
    "test-hooks.js": "src/content",
    "test-worker.js": "src/background",
    "test-popup.js": "src/popup",
}


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if text.count(old) != 1:
        raise RuntimeError(f"{path.name}: expected {old!r} once, the extension changed")
    path.write_text(text.replace(old, new), encoding="utf-8")


def build_test_extension(dest: Path, *, unlimited_storage: bool = True,
                         dynamic_url: bool = False) -> Path:
    """Copy extension/ to `dest` and wire the test hooks into the copy.

    :param dest: a folder that does not exist yet.
    :param unlimited_storage: False drops that permission, so the browser's
        10 MB storage quota applies and a test can fill it.
    :param dynamic_url: True exposes the content modules with
        `use_dynamic_url`, to see whether the browser can load them so.
    :returns: `dest`, ready for `--load-extension`.
    """
    shutil.copytree(EXTENSION, dest)
    for name, folder in PLACES.items():
        shutil.copy2(HOOKS / name, dest / folder / name)

    manifest_path = dest / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["background"]["service_worker"] = "src/background/test-worker.js"
    manifest["background"]["scripts"] = ["src/background/test-worker.js"]
    (content,) = manifest["content_scripts"]
    if content["js"] != ["src/content/loader.js"]:
        raise RuntimeError("manifest.json: the content script is no longer loader.js alone")
    content["js"] = ["src/content/test-loader.js"]
    # test-loader.js imports the hooks into the page as loader.js imports main.js.
    (exposed,) = manifest["web_accessible_resources"]
    exposed["resources"].append("src/content/test-hooks.js")
    if dynamic_url:
        exposed["use_dynamic_url"] = True
    if not unlimited_storage:
        manifest["permissions"] = [p for p in manifest["permissions"] if p != "unlimitedStorage"]
    manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")

    _replace_once(dest / "src/popup/popup.html", 'src="popup.js"', 'src="test-popup.js"')
    return dest
