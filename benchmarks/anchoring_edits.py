"""Edit simulation for the anchoring benchmark: highlights on the real pages
in tests/resources, the page text changed around each the ways sites do, and
every case re-anchored under node by today's matcher (in steps, as the
content script runs it) and by the baseline (the matcher before issue 14,
benchmarks/match-quote-baseline.js).

Outcomes per case: right (exactly the edited quote's span), partial (overlaps
it but not exactly), wrong (drawn elsewhere, or drawn when the passage is
gone), orphaned (not drawn although the passage is still there).
"""

from __future__ import annotations

import html.parser
import json
import random
import re
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "tests" / "resources").glob("**/*.html"))
SIM = Path(__file__).with_name("anchoring_sim.mjs")
CONTEXT = 32
SKIP = {"script", "style", "noscript", "template", "textarea", "iframe", "object", "head", "title"}

KINDS = (
    "word changed inside", "word added inside", "word removed inside",
    "first word changed", "word added after first", "first word removed",
    "last word changed", "word added before last", "last word removed",
    "prefix word changed", "suffix word changed", "sentence inserted before",
    "paragraph split", "passage deleted",
)
NEW_WORDS = ("remarkably", "often", "new", "several", "quietly", "its", "modern", "reported")
SENTENCE = "This sentence was added by the editors later. "


class _Text(html.parser.HTMLParser):
    """The text of <body> as the content script's text index sees it: the
    concatenated text nodes, skipping script, style and the like."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def page_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return "".join(parser.out)


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]


def make_highlights(text: str, count: int, rng: random.Random) -> list[tuple[int, int]]:
    """Spans of 4-30 whole words (20-200 characters) at random places."""
    words = _words(text, 0, len(text))
    out = []
    for _ in range(count * 4):
        if len(out) == count or len(words) < 40:
            break
        first = rng.randrange(2, len(words) - 32)
        last = first + rng.randint(3, 29)
        start, end = words[first][0], words[last][1]
        context_words = min(len(_words(text, max(0, start - CONTEXT), start)),
                            len(_words(text, end, end + CONTEXT)))
        if 20 <= end - start <= 200 and context_words >= 3 and text.count(text[start:end]) == 1:
            out.append((start, end))
    return out


def edit(text: str, start: int, end: int, kind: str, rng: random.Random):
    """The text after one edit, and the span the highlight should be drawn
    on now (None when its passage is gone)."""
    words = _words(text, start, end)
    word = rng.choice(NEW_WORDS)

    def replace(a: int, b: int, new: str):
        shift = len(new) - (b - a)
        new_start = start + shift if b < start or a == b == start else start
        new_end = end + shift if a <= end else end
        return text[:a] + new + text[b:], (new_start, new_end)

    middle = words[len(words) // 2]
    if kind == "word changed inside":
        return replace(*middle, word)
    if kind == "word added inside":
        return replace(middle[0], middle[0], word + " ")
    if kind == "word removed inside":
        return replace(middle[0], words[len(words) // 2 + 1][0], "")
    if kind == "first word changed":
        return replace(*words[0], word)
    if kind == "word added after first":
        return replace(words[1][0], words[1][0], word + " ")
    if kind == "first word removed":
        return (text[:start] + text[words[1][0]:]), (start, end - (words[1][0] - start))
    if kind == "last word changed":
        return replace(*words[-1], word)
    if kind == "word added before last":
        return replace(words[-1][0], words[-1][0], word + " ")
    if kind == "last word removed":
        cut = words[-2][1]
        return text[:cut] + text[end:], (start, cut)
    if kind in ("prefix word changed", "suffix word changed"):
        side = _words(text, max(0, start - CONTEXT), start) if kind[0] == "p" \
            else _words(text, end, end + CONTEXT)
        inner = [w for w in side if w[0] >= start - CONTEXT + 1 and w[1] <= end + CONTEXT - 1]
        a, b = (inner or side)[len(inner or side) // 2]
        return replace(a, b, word)
    if kind == "sentence inserted before":
        return replace(start, start, SENTENCE)
    if kind == "paragraph split":
        a, b = middle[0] - 1, middle[0]
        return replace(a, b, "\n")
    if kind == "passage deleted":
        return text[:start] + text[end:], None
    raise ValueError(kind)


def selector(text: str, start: int, end: int) -> dict:
    return {"exact": text[start:end], "prefix": text[max(0, start - CONTEXT):start],
            "suffix": text[end:end + CONTEXT], "start": start, "end": end}


def page_cases(per_page: int, seed: int) -> dict:
    rng = random.Random(seed)
    texts, cases = [], []
    for path in PAGES:
        text = page_text(path.read_text(encoding="utf-8", errors="replace"))
        spans = make_highlights(text, per_page, rng)
        for start, end in spans:
            for kind in KINDS:
                edited, expected = edit(text, start, end, kind, rng)
                texts.append(edited)
                cases.append({"text": len(texts) - 1, "kind": kind, "page": path.name,
                              "selector": selector(text, start, end), "expected": expected})
    return {"texts": texts, "cases": cases}


def long_cases(article_text: str, seed: int, lengths=(1_000, 5_000, 20_000, 100_000)) -> dict:
    """Long quotes on a long article, each with one edit."""
    rng = random.Random(seed)
    texts, cases = [], []
    kinds = ("word changed inside", "first word changed", "last word changed",
             "sentence inserted before", "passage deleted")
    for length in lengths:
        for k in range(4):
            start = rng.randrange(1000, len(article_text) - length - 1000)
            start = article_text.index(" ", start) + 1
            end = article_text.index(" ", start + length)
            kind = kinds[k % len(kinds)] if k < 3 else kinds[3 + (length // 1000) % 2]
            edited, expected = edit(article_text, start, end, kind, rng)
            texts.append(edited)
            cases.append({"text": len(texts) - 1, "kind": kind,
                          "selector": selector(article_text, start, end), "expected": expected})
    return {"texts": texts, "cases": cases, "skipBaselineOver": 5_000}


def run_node(payload: dict) -> list[dict]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(payload, f)
    try:
        out = subprocess.run(["node", str(SIM), f.name], check=True, capture_output=True, text=True)
    finally:
        Path(f.name).unlink()
    return json.loads(out.stdout)


def summarize(rows: list[dict]) -> dict:
    """Per edit kind and overall: counts of each outcome, both matchers."""
    table: dict = defaultdict(lambda: {"cases": 0, "ours": defaultdict(int), "baseline": defaultdict(int)})
    for row in rows:
        for key in (row["kind"], "all"):
            entry = table[key]
            entry["cases"] += 1
            for who in ("ours", "baseline"):
                if who in row:
                    entry[who][row[who]["outcome"]] += 1
    return {k: {"cases": v["cases"], "ours": dict(v["ours"]), "baseline": dict(v["baseline"])}
            for k, v in table.items()}


def timing(rows: list[dict], who: str) -> dict:
    times = [r[who]["ms"] for r in rows if who in r]
    return {"ms_per_1000": round(1000 * sum(times) / max(1, len(times)), 1),
            "longest_call_ms": round(max(times, default=0), 2),
            "longest_step_ms": round(max((r[who]["longestStep"] for r in rows if who in r), default=0), 2)}


def simulate(per_page: int, seed: int, article_text: str | None) -> dict:
    rows = run_node(page_cases(per_page, seed))
    result = {"pages": [p.name for p in PAGES], "by_kind": summarize(rows),
              "time": {"ours": timing(rows, "ours"), "baseline": timing(rows, "baseline")}}
    if article_text:
        long_rows = run_node(long_cases(article_text, seed))
        by_length = defaultdict(list)
        for row in long_rows:
            by_length[row["quoteLength"] // 1000 * 1000].append(row)
        result["long_quotes"] = {
            str(n): {"cases": len(r), "ours": summarize(r)["all"]["ours"],
                     "baseline": summarize(r)["all"]["baseline"],
                     "time_ours": timing(r, "ours"), "time_baseline": timing(r, "baseline")}
            for n, r in sorted(by_length.items())}
    return result


def _share(counts: dict, cases: int, key: str) -> str:
    return f"{100 * counts.get(key, 0) / max(1, cases):.1f}"


def print_report(sim: dict) -> None:
    print(f"\nEdit simulation on {len(sim['pages'])} pages of tests/resources "
          "(shares in %: right / partial / wrong / orphaned; ours vs baseline)")
    print(f"{'edit':<26}{'n':>5}   {'ours r/p/w/o':<24}{'baseline r/p/w/o':<24}")
    for kind in (*KINDS, "all"):
        row = sim["by_kind"][kind]
        cells = []
        for who in ("ours", "baseline"):
            c = row[who]
            cells.append("/".join(_share(c, row["cases"], k) for k in ("right", "partial", "wrong", "orphaned")))
        print(f"{kind:<26}{row['cases']:>5}   {cells[0]:<24}{cells[1]:<24}")
    t = sim["time"]
    ratio = t["baseline"]["ms_per_1000"] / max(t["ours"]["ms_per_1000"], 1e-9)
    print(f"time for 1,000 edited highlights: ours {t['ours']['ms_per_1000']} ms, "
          f"baseline {t['baseline']['ms_per_1000']} ms (baseline/ours {ratio:.1f}x); "
          f"longest step ours {t['ours']['longest_step_ms']} ms (whole call "
          f"{t['ours']['longest_call_ms']} ms), longest baseline call {t['baseline']['longest_call_ms']} ms")
    for length, row in sim.get("long_quotes", {}).items():
        n = row["cases"]
        base = row["baseline"]
        base_cell = (f"right {base.get('right', 0)}/{n}, longest call "
                     f"{row['time_baseline']['longest_call_ms']} ms") if base else "not run (O(m*n))"
        print(f"quotes of ~{int(length):,} chars: ours right {row['ours'].get('right', 0)}/{n}, "
              f"wrong {row['ours'].get('wrong', 0)}, longest step {row['time_ours']['longest_step_ms']} ms, "
              f"longest call {row['time_ours']['longest_call_ms']} ms; baseline {base_cell}")
