"""Build the zip a browser store takes from extension/ (no build step: the
zip holds the source as it is).

    python scripts/build-extension.py [--out dist/]

The same as `hatchery extension --out dist/ --zip`; the logic lives in
`hatchery.extension_files`.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

from hatchery.extension_files import CHECKOUT, ExtensionProblem, build_zip  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description="Build the extension zip.")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output folder")
    args = parser.parse_args()
    try:
        target = build_zip(CHECKOUT, args.out)
    except ExtensionProblem as error:
        raise SystemExit(str(error)) from None
    with zipfile.ZipFile(target) as archive:
        count = len(archive.namelist())
    print(f"{target} ({target.stat().st_size:,} bytes, {count} files)")


if __name__ == "__main__":
    sys.exit(main())
