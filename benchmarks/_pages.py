"""The hatch test pages (tests/resources/hatch) as `Source`s, for the
benchmarks that hatch them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "server"))

from hatchery.hatch import Source, SourceHighlight  # noqa: E402

HATCH_PAGES = ROOT / "tests" / "resources" / "hatch"


def load_pages(path: Path) -> list[Source]:
    """The pages of a hatch resource file, as the store would hand them over."""
    return [Source(p["id"], p["url"], p["title"], p.get("site_name"), p.get("text", ""),
                   [SourceHighlight(**h) for h in p.get("highlights", [])])
            for p in json.loads(path.read_text(encoding="utf-8"))]
