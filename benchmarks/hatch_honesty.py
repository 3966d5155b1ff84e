"""Does the hatch claim links that are not there? A benchmark of honesty.

    python benchmarks/hatch_honesty.py DATA.jsonl [--half report|tune|all]
        [--length short|medium|long] [--engine local|llm] [--json]

DATA.jsonl is the Multi-News sample (`shared/bench-data/summaries/dev.jsonl`):
one cluster a line, {"id", "documents": [str, ...], "summary"}. From it:

- *related sets*: 2 and 3 articles of one cluster (the same news story);
- *unrelated sets*: 2 and 3 articles, each from a different cluster;
- each article's "highlights" are its two sentences closest to its own
  cluster's reference summary (content-word overlap), each with the
  paragraph around it as context, as a capture would give.

Reported, per set kind:

- unrelated sets with any claim of a link (goal <= 5%): a thread, a
  linking title (one that is not one of the sources' own headlines), or a
  `relation` of "story" or "theme" (hatches that state one);
- related sets with at least one thread (goal >= 90%);
- threads whose words all appear in the reference summary of the cluster
  (goal >= 85%), over the related sets;
- hatch words (before Sources) against the length's budget, and ms per hatch.

The clusters are split by id into a half to tune on and a half to report
(`benchmarks/_halves.py`); quote the report half. Measure only: no text of
the data is written anywhere, and nothing of it is printed.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _halves import HALVES, read_clusters  # noqa: E402
from hatchery.hatch import Source, SourceHighlight, hatch  # noqa: E402
from hatchery.sentences import split_sentences  # noqa: E402

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Articles shorter than this are web debris in the sample ("Tweet with a
# location…"), not articles anyone highlights.
MIN_ARTICLE_WORDS = 80
# A first block this short and without a closing stop reads as a headline.
MAX_HEADLINE_WORDS = 18
HIGHLIGHTS_PER_ARTICLE = 2
_STOP = frozenset(
    "a an and are as at be been but by for from had has have he her his i in is it its "
    "of on or our she that the their them they this to was we were which who will with "
    "you your not no so if than then there these those what when where while would "
    "could should can may might also more most said says one two new".split()
)


def words(text: str) -> list[str]:
    """Lower-cased words, a crude plural cut so 'threads' meets 'thread'."""
    out = []
    for w in _WORD.findall(text.lower()):
        out.append(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return out


def content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in _STOP and not w.isdigit()}


def headline_of(document: str) -> str | None:
    """The article's headline when its first block reads as one."""
    first = document.strip().split("\n", 1)[0].strip()
    n = len(first.split())
    if 1 <= n <= MAX_HEADLINE_WORDS and not first.endswith((".", "?", "!", ":")):
        return first
    return None


def make_source(number: int, document: str, summary_words: set[str]) -> Source:
    """One article as a page with its two best-matching sentences highlighted."""
    headline = headline_of(document)
    body = document.strip().split("\n", 1)[1] if headline and "\n" in document.strip() else document
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    scored = []
    for p_index, paragraph in enumerate(paragraphs):
        for s_index, sentence in enumerate(split_sentences(paragraph)):
            cw = content_words(sentence)
            if len(sentence.split()) < 6 or not cw:
                continue
            overlap = len(cw & summary_words) / (len(cw) ** 0.5)
            scored.append((overlap, -p_index, -s_index, sentence, paragraph))
    scored.sort(reverse=True)
    picked = sorted(scored[:HIGHLIGHTS_PER_ARTICLE], key=lambda s: (-s[1], -s[2]))
    highlights = []
    for k, (_, _, _, sentence, paragraph) in enumerate(picked):
        start = body.find(sentence)
        highlights.append(SourceHighlight(id=f"h{number}-{k}", text=sentence,
                                          start=start if start >= 0 else None,
                                          context=paragraph))
    return Source(id=number, url=f"https://news.example/{number}",
                  title=headline or f"Article {number}", text="\n\n".join(paragraphs),
                  highlights=highlights)


def articles(cluster: dict) -> list[str]:
    return [d for d in cluster["documents"] if len(d.split()) >= MIN_ARTICLE_WORDS]


def build_sets(clusters: list[dict]) -> list[dict]:
    """Related and unrelated sets of 2 and 3 articles, deterministic."""
    sets = []
    usable = [c for c in clusters if articles(c)]
    for i, cluster in enumerate(usable):
        docs = articles(cluster)
        summary = content_words(cluster["summary"])
        for size in (2, 3):
            if len(docs) >= size:
                sets.append({"kind": "related", "size": size, "summaries": [summary],
                             "docs": [(d, summary) for d in docs[:size]]})
            if len(usable) >= size:
                others = [usable[(i + k) % len(usable)] for k in range(size)]
                sets.append({"kind": "unrelated", "size": size, "summaries": [],
                             "docs": [(articles(c)[0], content_words(c["summary"]))
                                      for c in others]})
    return sets


def hatch_words(result) -> int:
    """Words of the hatch the person reads: everything before Sources."""
    return sum(len(s.text.split()) for s in result.sentences()) + len(result.title.split())


def run(sets: list[dict], *, length: str, engine: str) -> dict:
    stats = {kind: {"sets": 0, "with_thread": 0, "linking_title": 0, "stated_link": 0, "claims": 0,
                    "threads": 0, "threads_in_summary": 0, "words": [], "ms": []}
             for kind in ("related", "unrelated")}
    for item in sets:
        sources = [make_source(n + 1, doc, sw) for n, (doc, sw) in enumerate(item["docs"])]
        sources = [s for s in sources if s.highlights]
        if len(sources) < 2:
            continue
        started = time.perf_counter()
        result = hatch(sources, engine=engine, length=length)
        elapsed = (time.perf_counter() - started) * 1000
        s = stats[item["kind"]]
        s["sets"] += 1
        s["ms"].append(elapsed)
        s["words"].append(hatch_words(result))
        own_titles = {src.title.strip().lower() for src in sources}
        links = result.title.strip().lower() not in own_titles
        stated = getattr(result, "relation", None) in ("story", "theme")
        s["linking_title"] += links
        s["stated_link"] += stated
        s["with_thread"] += bool(result.threads)
        s["claims"] += bool(result.threads) or links or stated
        for thread in result.threads:
            s["threads"] += 1
            if item["summaries"]:
                phrase = content_words(thread.phrase) or set(words(thread.phrase))
                s["threads_in_summary"] += phrase <= item["summaries"][0]
    return stats


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def report(stats: dict, *, half: str, length: str, budget: int | None) -> str:
    rel, unrel = stats["related"], stats["unrelated"]
    lines = [f"hatch honesty, {half} half, length {length}", "",
             "| measure | goal | result |", "| --- | --- | --- |",
             f"| unrelated sets with a thread, a linking title or a stated link | <= 5% | "
             f"{share(unrel['claims'], unrel['sets'])} ({unrel['claims']} of {unrel['sets']}) |",
             f"| unrelated sets with a thread | | {share(unrel['with_thread'], unrel['sets'])} |",
             f"| unrelated sets with a linking title | | "
             f"{share(unrel['linking_title'], unrel['sets'])} |",
             f"| unrelated sets whose relation is story or theme | | "
             f"{share(unrel['stated_link'], unrel['sets'])} |",
             f"| related sets stated as story or theme | | "
             f"{share(rel['stated_link'], rel['sets'])} |",
             f"| related sets with at least one thread | >= 90% | "
             f"{share(rel['with_thread'], rel['sets'])} ({rel['with_thread']} of {rel['sets']}) |",
             f"| threads whose words are in the reference summary | >= 85% | "
             f"{share(rel['threads_in_summary'], rel['threads'])} "
             f"({rel['threads_in_summary']} of {rel['threads']}) |"]
    all_words = rel["words"] + unrel["words"]
    all_ms = rel["ms"] + unrel["ms"]
    if all_words:
        over = sum(w > budget for w in all_words) if budget else 0
        lines.append(f"| hatch words, median / max (budget {budget}) | <= budget | "
                     f"{statistics.median(all_words):.0f} / {max(all_words)}"
                     f" ({over} over) |")
        lines.append(f"| ms per hatch, median / max | | {statistics.median(all_ms):.1f} / "
                     f"{max(all_ms):.1f} |")
    return "\n".join(lines)


# The condensed budgets issue 12 sets for each length (words before Sources).
BUDGETS = {"short": 250, "medium": 500, "long": 900}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--half", choices=HALVES, default="report")
    parser.add_argument("--length", choices=tuple(BUDGETS), default="medium")
    parser.add_argument("--engine", default="local")
    parser.add_argument("--json", action="store_true", help="print the raw counts as JSON")
    args = parser.parse_args(argv)
    clusters = list(read_clusters(args.data, args.half))
    stats = run(build_sets(clusters), length=args.length, engine=args.engine)
    if args.json:
        print(json.dumps({k: {n: v for n, v in s.items() if n not in ("words", "ms")}
                          for k, s in stats.items()}, indent=2))
    else:
        print(report(stats, half=args.half, length=args.length,
                     budget=BUDGETS.get(args.length)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
