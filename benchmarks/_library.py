"""Build a large library straight through the store, for the benchmarks
that need one: pages with articles, highlights with notes and tags."""

from __future__ import annotations

import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))

from hatchery.config import DATABASE_FILE  # noqa: E402
from hatchery.store import HighlightRecord, ImportPage, Store  # noqa: E402

# A vocabulary of 3,000 made-up words drawn with Zipf-like weights, so a
# search word matches as large a share of the library as in real text (the
# commonest in about 1 highlight in 10, a middling one in 1 in 300).
_SYLLABLES = "ka lo mi ne su ta ri po ve da lu shi mo ge ba fi no ra te zu".split()
WORDS = [a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES][:3000]
WEIGHTS = [1 / (rank + 1) for rank in range(len(WORDS))]
# Words to search for: common, middling, rare.
SEARCH_WORDS = (WORDS[3], WORDS[60], WORDS[900])
TAGS = ("sea", "science", "to read", "work", "ideas", "quotes", "travel", "history")


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choices(WORDS, WEIGHTS, k=n)).capitalize() + "."


def _page(rng: random.Random, p: int, per_page: int, article_kb: int) -> ImportPage:
    paragraph = " ".join(_sentence(rng, 12) for _ in range(8))
    text = "\n\n".join([paragraph] * max(1, article_kb * 1024 // (len(paragraph) + 2)))
    day = f"2024-{1 + p % 12:02d}-{1 + p % 28:02d}T10:00:00Z"
    records = [HighlightRecord(
        id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), exact=_sentence(rng, 9),
        note=_sentence(rng, 6) if rng.random() < 0.3 else "",
        tags=rng.sample(TAGS, rng.randint(0, 2)), color=rng.choice(("yellow", "blue")),
        created_at=day) for _ in range(per_page)]
    return ImportPage(url=f"https://site{p % 40}.example/articles/{p}",
                      title=f"Article {p}: {_sentence(rng, 4)}",
                      fields={"article_text": text, "created_at": day}, highlights=records)


def build(data_dir: Path, *, pages: int, highlights: int, article_kb: int,
          seed: int = 7, by_captures: bool = False) -> float:
    """Fill `data_dir`'s database; returns the seconds it took.

    :param highlights: in all, spread evenly over the pages
    :param article_kb: the size of each page's article text
    :param by_captures: write as captures do (each page's article, then each
        highlight, in a transaction of its own) and leave the search indexes
        as that leaves them, instead of importing in batches and merging
    """
    rng = random.Random(seed)
    store = Store(data_dir / DATABASE_FILE)
    store.migrate()
    per_page = max(1, highlights // pages)
    started = time.perf_counter()
    batch: list[ImportPage] = []
    for p in range(pages):
        page = _page(rng, p, per_page, article_kb)
        if by_captures:
            _capture(store, page)
            continue
        batch.append(page)
        if len(batch) == 100:
            store.import_batch(batch)
            batch = []
    if batch:
        store.import_batch(batch)
    if not by_captures:
        store.tidy_search_indexes()  # as importing a file this size does
    store.close()
    return time.perf_counter() - started


def _capture(store: Store, page: ImportPage) -> None:
    """One page as the server stores it from the extension: its first
    capture, the extracted article, then one capture per other highlight."""
    first, *others = page.highlights
    store.add_capture(page.url, page.title, first)
    store.save_page(page.url, title=page.title,
                    article={"title": page.title, "text": page.fields["article_text"]})
    for record in others:
        store.add_capture(page.url, page.title, record)
