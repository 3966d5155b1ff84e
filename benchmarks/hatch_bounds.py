"""How long a hatch of the largest pages the server takes lasts.

    python benchmarks/hatch_bounds.py [--seed N]

A hatch runs on the request path, and reading is linear in the text it is
given; `hatch/bounds.py` bounds what it reads. Two scenarios, synthetic
text (a made-up vocabulary, so no page is favoured by a memo):

- three pages of 1.6 million characters each, picked whole (no
  highlights, so the hatch reads each page for what it says): the hatch
  with its bounds, against the same hatch with them turned off (the code
  before the bounds), in the same run;
- the most one request may pick: 50 pages of 100,000 characters and 500
  highlights of 100,000 characters with notes of 50,000 (the server's
  limits), the bounds on; against the baseline of cleaning and splitting
  the text the hatch is left with.

CPU seconds, one run each, memos emptied before each (pages never seen).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))

from hatchery import hatch as engine_lib  # noqa: E402
from hatchery.hatch import Source, SourceHighlight, bounds  # noqa: E402
from hatchery.hatch.speech import warm_up  # noqa: E402
from hatchery.hatch.debris import clean_text  # noqa: E402
from hatchery.sentences import split_sentences  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from summaries import forget_texts  # noqa: E402


def _paragraphs(rng: random.Random, vocabulary: list[str], chars: int) -> str:
    out, size = [], 0
    while size < chars:
        sentences = [" ".join(rng.choice(vocabulary) for _ in range(12)).capitalize() + "."
                     for _ in range(8)]
        out.append(" ".join(sentences))
        size += len(out[-1]) + 2
    return "\n\n".join(out)[:chars]


def huge_pages(rng: random.Random) -> list[Source]:
    vocabulary = [f"w{n}" for n in range(3_000)] + "the river rose and the town council met".split()
    return [Source(id=n, url=f"https://huge{n}.example/", title=f"Log {n}", site_name=None,
                   text=_paragraphs(rng, vocabulary, 1_600_000), highlights=[])
            for n in range(3)]


def pages_at_the_limits(rng: random.Random) -> list[Source]:
    vocabulary = [f"w{n}" for n in range(3_000)] + "the river rose and the town council met".split()
    return [Source(id=n, url=f"https://limit{n}.example/", title=f"Page {n}", site_name=None,
                   text=_paragraphs(rng, vocabulary, 100_000),
                   highlights=[SourceHighlight(id=f"h{n}-{k}",
                                               text=_paragraphs(rng, vocabulary, 100_000),
                                               note=_paragraphs(rng, vocabulary, 50_000))
                               for k in range(10)])
            for n in range(50)]


def _cpu(work) -> float:
    forget_texts()
    start = time.process_time()
    work()
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    warm_up()

    huge = huge_pages(rng)
    bounded = _cpu(lambda: engine_lib.hatch(huge, length="long"))
    real_bounds = engine_lib.within_bounds
    engine_lib.within_bounds = lambda sources: sources  # the code before the bounds
    try:
        unbounded = _cpu(lambda: engine_lib.hatch(huge, length="long"))
    finally:
        engine_lib.within_bounds = real_bounds
    print(f"3 pages of 1.6 M characters picked whole, long: {bounded:.2f} s CPU with the bounds, "
          f"{unbounded:.2f} s without ({unbounded / bounded:.1f}x)")

    limits = pages_at_the_limits(rng)
    kept = bounds.within_bounds(limits)
    texts = [s.text for s in kept] + [t for s in kept for h in s.highlights for t in (h.text, h.note)]
    baseline = _cpu(lambda: [split_sentences(clean_text(t)) for t in texts])
    worst = _cpu(lambda: engine_lib.hatch(limits, length="long"))
    given = sum(len(s.text) for s in limits) + sum(len(h.text) + len(h.note or "")
                                                  for s in limits for h in s.highlights)
    print(f"50 pages and 500 highlights at the server's limits ({given / 1e6:.0f} M characters), long: "
          f"{worst:.2f} s CPU; baseline (clean and split what the bounds keep, "
          f"{sum(map(len, texts)) / 1e6:.2f} M characters): {baseline:.2f} s ({worst / baseline:.1f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
