"""The shipped extension/ folder carries no test hook: the browser tests add
theirs to a copy (tests/e2e/extension_build.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from e2e.extension_build import EXTENSION, HOOKS, PLACES, build_test_extension

# What the hooks are called by; none of it may appear in shipped code.
HOOK_MARKS = (
    "anchor-highlights",
    "time-highlight-selection",
    "globalThis.hatchery",
    "get('tab')",
    '?tab=',
    "test-hooks",
    "test-loader",
    "test-worker",
    "test-popup",
)

SHIPPED = sorted(p for p in EXTENSION.rglob("*") if p.suffix in {".js", ".json", ".html"})


def test_the_shipped_sources_are_there_to_check():
    names = {p.name for p in SHIPPED}
    assert {"main.js", "service-worker.js", "popup.js", "manifest.json"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(EXTENSION)))
def test_a_shipped_file_has_no_test_hook(path: Path):
    text = path.read_text(encoding="utf-8")
    assert [mark for mark in HOOK_MARKS if mark in text] == []


def test_the_hooks_are_only_in_the_test_build(tmp_path):
    built = build_test_extension(tmp_path / "extension")
    for name, folder in PLACES.items():
        assert (built / folder / name).read_bytes() == (HOOKS / name).read_bytes()
        assert not (EXTENSION / folder / name).exists()
    manifest = (built / "manifest.json").read_text(encoding="utf-8")
    assert "src/background/test-worker.js" in manifest
    assert "src/content/test-loader.js" in manifest
    assert 'src="test-popup.js"' in (built / "src/popup/popup.html").read_text(encoding="utf-8")
