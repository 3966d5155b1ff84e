"""Build the zip a browser store takes from extension/ (no build step: the
zip holds the source as it is).

    python scripts/build-extension.py [--out dist/]

The archive is reproducible: files in sorted order with a fixed timestamp,
so the same source gives the same bytes. The manifest is checked first: it
must parse, and every file it names must exist.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = ROOT / "extension"
# Fixed timestamp for every entry (zip cannot store dates before 1980).
EPOCH = (1980, 1, 1, 0, 0, 0)
# Not part of the extension a browser runs.
SKIPPED = {".DS_Store", "Thumbs.db", "README.md"}


def referenced_files(manifest: dict) -> list[str]:
    """Every path the manifest names (globs in web_accessible_resources aside)."""
    paths: list[str] = []
    paths += manifest.get("icons", {}).values()
    action = manifest.get("action", {})
    paths += action.get("default_icon", {}).values()
    if "default_popup" in action:
        paths.append(action["default_popup"])
    background = manifest.get("background", {})
    if "service_worker" in background:
        paths.append(background["service_worker"])
    paths += background.get("scripts", [])
    if "options_ui" in manifest:
        paths.append(manifest["options_ui"]["page"])
    for script in manifest.get("content_scripts", []):
        paths += script.get("js", []) + script.get("css", [])
    return paths


def check(extension: Path) -> dict:
    manifest = json.loads((extension / "manifest.json").read_text(encoding="utf-8"))
    missing = [p for p in referenced_files(manifest) if not (extension / p).is_file()]
    if missing:
        raise SystemExit(f"manifest.json names files that do not exist: {', '.join(missing)}")
    return manifest


def build(extension: Path, out_dir: Path) -> Path:
    manifest = check(extension)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"hatchery-extension-{manifest['version']}.zip"
    files = sorted(p for p in extension.rglob("*")
                   if p.is_file() and p.name not in SKIPPED
                   and not any(part.startswith(".") for part in p.relative_to(extension).parts))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(extension).as_posix(), EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description="Build the extension zip.")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output folder")
    args = parser.parse_args()
    target = build(EXTENSION, args.out)
    with zipfile.ZipFile(target) as archive:
        count = len(archive.namelist())
    print(f"{target} ({target.stat().st_size:,} bytes, {count} files)")


if __name__ == "__main__":
    sys.exit(main())
