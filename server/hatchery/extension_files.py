"""The browser extension that ships with Hatchery: where it is, and the zip
a browser store takes.

An installed wheel carries the extension as package data
(`hatchery/extension/`, copied in at build time by setup.py); a checkout
has it at the repository's `extension/`.

The zip is reproducible: files in sorted order with a fixed timestamp, so
the same source gives the same bytes. The manifest is checked first: it
must parse, and every file it names must exist.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

PACKAGED = Path(__file__).resolve().parent / "extension"
CHECKOUT = Path(__file__).resolve().parents[2] / "extension"
# Fixed timestamp for every entry (zip cannot store dates before 1980).
EPOCH = (1980, 1, 1, 0, 0, 0)
# Not part of the extension a browser runs.
SKIPPED = {".DS_Store", "Thumbs.db", "README.md"}


class ExtensionProblem(Exception):
    """The extension's files are missing or its manifest is wrong."""


def extension_dir() -> Path | None:
    """The extension's folder: the packaged copy of a wheel, else a
    checkout's `extension/`; None when neither is there."""
    for candidate in (PACKAGED, CHECKOUT):
        if (candidate / "manifest.json").is_file():
            return candidate
    return None


def is_packaged(folder: Path) -> bool:
    """True for the copy an installed wheel carries."""
    return folder == PACKAGED


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
    """The parsed manifest, once every file it names exists.

    :raises ExtensionProblem: the manifest is missing, unreadable or names a
        file that is not there
    """
    try:
        manifest = json.loads((extension / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ExtensionProblem(f"{extension}/manifest.json cannot be read: {error}") from None
    missing = [p for p in referenced_files(manifest) if not (extension / p).is_file()]
    if missing:
        raise ExtensionProblem(
            f"manifest.json names files that do not exist: {', '.join(missing)}")
    return manifest


def shipped_files(extension: Path) -> list[Path]:
    """The files a browser runs, in sorted order."""
    return sorted(p for p in extension.rglob("*")
                  if p.is_file() and p.name not in SKIPPED and "__pycache__" not in p.parts
                  and not any(part.startswith(".") for part in p.relative_to(extension).parts))


def build_zip(extension: Path, out_dir: Path) -> Path:
    """Write `hatchery-extension-<version>.zip` into `out_dir`.

    :param extension: the extension's folder
    :param out_dir: the folder for the zip (created when missing)
    :returns: the zip's path
    """
    manifest = check(extension)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"hatchery-extension-{manifest['version']}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in shipped_files(extension):
            info = zipfile.ZipInfo(path.relative_to(extension).as_posix(), EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return target


def copy_extension(extension: Path, dest: Path) -> Path:
    """Copy the files a browser runs into `dest` (a folder to load unpacked).

    :param dest: created when missing; existing files with the same names
        are replaced
    """
    check(extension)
    for path in shipped_files(extension):
        target = dest / path.relative_to(extension)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return dest
