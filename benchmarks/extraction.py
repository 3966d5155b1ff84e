#!/usr/bin/env python3
"""Article-body extraction benchmark: hatchery vs readability-lxml vs trafilatura.

Usage::

    python benchmarks/extraction.py DATA_DIR [DATA_DIR ...] [--worst 5]

Each DATA_DIR holds ``ground-truth.json`` (item id -> {"articleBody", "url"})
and ``html/<id>.html.gz`` or ``html/<id>.html`` (the layout of scrapinghub's
article-extraction-benchmark). An item may carry a ``"type"`` (article,
docs, forum, product, service, listing): the scores are then also reported
per type, as for ``tests/resources/extract/pagetypes``. The metric re-implements that benchmark's
``evaluate.py``: word 4-gram shingles over ``\\w+`` tokens, per-page TP/FP/FN
normalised to sum to 1, precision averaged over pages with a non-empty
output, recall averaged over pages with a non-empty ground truth, and F1 of
the two averages. Times are wall-clock per page; every extractor runs on a
page before the next page, so machine noise hits them alike.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))

NGRAM_N = 4  # the benchmark's shingle size
TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


# --- the benchmark's metric -------------------------------------------------

def tokenize(text: str | None) -> list[str]:
    return TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = NGRAM_N) -> Counter:
    tokens = tokenize(text)
    grams = (tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_match(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page, as the benchmark computes them."""
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (tp, fp, fn)


def precision_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics(triples: list[tuple[float, float, float]]) -> dict[str, float]:
    precision = statistics.mean(
        [precision_score(*x) for x in triples if x[0] + x[1] > 0] or [0.0])
    recall = statistics.mean(
        [recall_score(*x) for x in triples if x[0] + x[2] > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def page_f1(triple: tuple[float, float, float]) -> float:
    p, r = precision_score(*triple), recall_score(*triple)
    return 2 * p * r / (p + r) if p + r else 0.0


# --- the extractors ---------------------------------------------------------

def run_hatchery(html: str) -> str:
    from hatchery.extract import extract_text
    return extract_text(html)


def run_readability(html: str) -> str:
    """Plain readability-lxml, as the benchmark's own runner calls it."""
    from readability import Document
    summary = Document(html).summary(html_partial=True)
    try:
        import html_text  # what the benchmark's own runner uses
    except ImportError:  # block-aware text, close to html-text's
        import lxml.html
        from hatchery.extract.blocks import element_blocks
        return "\n\n".join(b.text for b in element_blocks(
            lxml.html.fromstring(summary)))
    return html_text.extract_text(summary)


def run_trafilatura(html: str) -> str:
    import trafilatura
    return trafilatura.extract(html, include_comments=False) or ""


EXTRACTORS = {
    "hatchery": run_hatchery,
    "readability-lxml": run_readability,
    "trafilatura": run_trafilatura,
}


# --- the run ----------------------------------------------------------------

def load_pages(data_dirs: list[Path]):
    for data_dir in data_dirs:
        truth = json.loads((data_dir / "ground-truth.json").read_text("utf8"))
        for item_id in sorted(truth):
            path = data_dir / "html" / f"{item_id}.html.gz"
            if path.exists():
                with gzip.open(path, "rt", encoding="utf8") as f:
                    html = f.read()
            else:
                html = (data_dir / "html" / f"{item_id}.html").read_text("utf8")
            item = truth[item_id]
            yield (item_id, html, item.get("articleBody", ""),
                   item.get("url", ""), item.get("type", ""))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _report_by_type(rows: list[dict], names: list[str]) -> None:
    """F1 per page type, and how many pages each extractor left empty."""
    kinds = sorted({row["type"] for row in rows if row["type"]})
    if not kinds:
        return
    print(f"\nF1 by page type (pages; empty outputs in brackets)")
    print(f"{'type':<10} {'pages':>5} " + " ".join(f"{n:>18}" for n in names))
    for kind in kinds:
        mine = [row for row in rows if row["type"] == kind]
        cells = []
        for name in names:
            f1 = metrics([row[name]["triple"] for row in mine])["f1"]
            empty = sum(1 for row in mine if not row[name]["text"].strip())
            cells.append(f"{f1:.3f} ({empty})".rjust(18))
        print(f"{kind:<10} {len(mine):>5} " + " ".join(cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dirs", nargs="+", type=Path)
    parser.add_argument("--only", choices=list(EXTRACTORS), action="append",
                        help="run only these extractors (repeatable)")
    parser.add_argument("--worst", type=int, default=5,
                        help="list the N pages where hatchery scores lowest")
    parser.add_argument("--dump", type=Path,
                        help="write per-page scores and outputs as JSON here")
    args = parser.parse_args(argv)
    names = args.only or list(EXTRACTORS)
    try:
        import html_text  # noqa: F401
    except ImportError:
        print("note: html-text is not installed; readability-lxml text comes"
              " from our block converter (pip install html-text for the"
              " benchmark's own conversion)", file=sys.stderr)

    for name in names:  # warm up imports so the first page is not charged
        EXTRACTORS[name]("<html><body><p>warm up</p></body></html>")

    triples = {n: [] for n in names}
    times = {n: [] for n in names}
    rows = []
    for item_id, html, truth, url, kind in load_pages(args.data_dirs):
        row = {"id": item_id, "url": url, "type": kind}
        for name in names:
            start = time.perf_counter()
            try:
                pred = EXTRACTORS[name](html)
            except Exception as exc:  # a baseline crashing counts as empty
                print(f"{name} failed on {item_id}: {exc!r}", file=sys.stderr)
                pred = ""
            times[name].append(time.perf_counter() - start)
            triple = shingle_match(truth, pred)
            triples[name].append(triple)
            row[name] = {"triple": triple, "f1": page_f1(triple), "p": precision_score(*triple),
                         "r": recall_score(*triple), "text": pred}
        rows.append(row)

    print(f"{len(rows)} pages")
    print(f"{'extractor':<18} {'precision':>9} {'recall':>7} {'F1':>6}"
          f" {'median ms':>10} {'p95 ms':>8}")
    for name in names:
        m = metrics(triples[name])
        print(f"{name:<18} {m['precision']:>9.3f} {m['recall']:>7.3f}"
              f" {m['f1']:>6.3f} {statistics.median(times[name]) * 1000:>10.1f}"
              f" {percentile(times[name], 0.95) * 1000:>8.1f}")
    if "hatchery" in names and "readability-lxml" in names:
        ratio = statistics.median(times["hatchery"]) / statistics.median(
            times["readability-lxml"])
        print(f"median time hatchery / readability-lxml: {ratio:.2f}x")

    _report_by_type(rows, names)

    if "hatchery" in names and args.worst:
        print(f"\n{args.worst} worst pages for hatchery:")
        for row in sorted(rows, key=lambda r: r["hatchery"]["f1"])[:args.worst]:
            h = row["hatchery"]
            print(f"  {row['id'][:16]}  F1={h['f1']:.3f} P={h['p']:.3f}"
                  f" R={h['r']:.3f}  {row['url']}")
    if args.dump:
        args.dump.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
