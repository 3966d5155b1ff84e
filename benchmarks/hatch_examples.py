"""Three whole hatches to read as a reader would, printed as Markdown.

    python benchmarks/hatch_examples.py [--length short|medium|long]

The pages are the hatch test pages of our own writing
(tests/resources/hatch/sets/): two unrelated pages (a game-streaming
launch, an early-retirement guide), three pages on one story (a dam
released during a flood), and three pages that share a theme but no story
(streets given to bikes, walking and buses). Each hatch is printed whole,
as `Accept: text/markdown` gives it, after a line saying how the engine
read the pages' relation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _pages import HATCH_PAGES, load_pages  # noqa: E402
from hatchery.hatch import hatch  # noqa: E402

# (file, what a reader should see), in the order they print.
EXAMPLES = (
    ("apart.json", "two unrelated pages"),
    ("story.json", "three pages on one story"),
    ("theme.json", "three pages sharing a theme, not a story"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--length", choices=("short", "medium", "long"), default="medium")
    args = parser.parse_args(argv)
    for name, what in EXAMPLES:
        result = hatch(load_pages(HATCH_PAGES / "sets" / name), length=args.length)
        words = sum(len(s.text.split()) for s in result.sentences()) + len(result.title.split())
        print(f"<!-- {name}: {what}; read as {result.relation}, "
              f"{len(result.threads)} threads, {words} words before Sources -->\n")
        print(result.markdown.rstrip() + "\n\n---\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
