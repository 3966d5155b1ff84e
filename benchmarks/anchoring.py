"""Anchoring benchmark: re-anchor and draw many highlights on a long article
in real Chromium with the extension loaded, and time one new highlight.

Targets (issue 5): 1,000 highlights on an article of at least 1 MB of text
anchored and drawn in <= 300 ms; one highlight made in <= 16 ms (a frame).
Hypothesis' client is known to freeze with a few hundred annotations.

    python benchmarks/anchoring.py [--highlights 1000] [--megabytes 1.2]
        [--runs 5] [--chromium /usr/bin/chromium] [--json out.json]
        [--trace DIR [--trace-samples]]   # each task over 16 ms taken apart

Five scenarios, each on a fresh load of the page:
  unchanged  the page as it was: every highlight anchors by position
  shifted    a paragraph added at the top: positions are stale, so every
             highlight is found by exact quote search (with context scoring)
  edited     shifted, and 5% of the highlighted passages reworded: those
             need the approximate search
  missing    none of the quotes is on the page (quotes and context reversed):
             all are orphans, the worst case (every one runs the whole-text
             approximate search)
  deleted    every highlighted passage deleted from the page (its context
             stays): orphans too, except where the same words occur
             elsewhere (the article's vocabulary is small), which counts as
             drawn elsewhere; one drawn on other words than it was made on
             is counted as wrong (and listed after the table)
  long quotes  eight quotes of 1,000 to 100,000 characters with a word changed
             in each, on the shifted page
No server is needed: highlights are handed to the content script directly,
as the worker does after fetching them. "total" runs until the last
highlight found is painted (they are painted in batches).

Then the edit simulation (benchmarks/anchoring_edits.py, under node): every
highlight on the real pages of tests/resources re-anchored after each kind
of edit a site makes, today's matcher against the one before issue 14
(benchmarks/match-quote-baseline.js), plus quotes of 1,000 to 100,000
characters on the long article. `--skip-browser` runs only the simulation.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import http.server
import json
import random
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The timing messages are test hooks, so the benchmark loads the test build
# of the extension (the shipped one has none).
sys.path.insert(0, str(ROOT / "tests"))
from e2e.extension_build import build_test_extension  # noqa: E402
from trace_tasks import (  # noqa: E402
    Tracer, merge_profiles, print_summaries as print_trace_summaries, profile as trace_profile,
    report as trace_report, summary as trace_summary)
CONTEXT = 32

WORDS = (
    "local first software keeps primary copy data device network optimisation "
    "requirement nothing lost fails highlighter stores each highlight before "
    "tries send queue drains server comes back every capture arrives exactly "
    "once because stores id single time conflict free replicated types let "
    "several devices edit same document without central deciding who wins "
    "reader article paragraph sentence theme thread advice conclusion source "
    "citation margin note tag colour yellow green blue pink archive search"
).split()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def make_article(megabytes: float, seed: int) -> str:
    """An HTML article of at least `megabytes` MB of text with links, bold
    runs and lists, like a long real page."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts, size, n = [], 0, 0
    while size < target:
        n += 1
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 90))]
        words[0] = words[0].capitalize()
        sentence_ends = sorted(rng.sample(range(5, len(words) - 1), 3))
        for i in sentence_ends:
            words[i] += "."
        # Make each paragraph unique text so quotes are findable.
        words.insert(rng.randint(1, len(words) - 1), f"(paragraph {n})")
        a, b = sorted(rng.sample(range(1, len(words) - 1), 2))
        words[a] = f'<a href="#p{n}">{words[a]}</a>'
        words[b] = f"<b>{words[b]}</b>"
        text = " ".join(words) + "."
        if n % 25 == 0:
            parts.append(f"<h2>Part {n // 25}</h2>\n")
        if n % 40 == 0:
            parts.append("<ul><li>" + " ".join(words[:8]) + "</li><li>"
                         + " ".join(words[8:16]) + "</li></ul>\n")
        parts.append(f'<p id="p{n}">{text}</p>\n')
        size += len(text)
    return ("<!doctype html><html lang=en><head><meta charset=utf-8>"
            "<title>Benchmark article</title></head><body><article>"
            "<h1>Benchmark article</h1>\n" + "".join(parts)
            + "</article></body></html>")


# The page text exactly as src/content/text-index.js builds it.
PAGE_TEXT_JS = """() => {
  const skip = new Set(['SCRIPT','STYLE','NOSCRIPT','TEMPLATE','TEXTAREA','IFRAME','OBJECT',
                        'HATCHERY-UI','script','style']);
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let out = '';
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    if (n.data.length && !skip.has(n.parentNode.nodeName)) out += n.data;
  }
  return out;
}"""


def make_highlights(text: str, count: int, seed: int) -> list[dict]:
    """`count` non-overlapping highlights of 20-200 characters spread over the text."""
    rng = random.Random(seed)
    slot = len(text) // count
    out = []
    for k in range(count):
        length = rng.randint(20, min(200, slot - 1))
        start = k * slot + rng.randint(0, slot - length)
        end = start + length
        out.append({
            "id": f"00000000-0000-4000-8000-{k:012d}",
            "exact": text[start:end],
            "prefix": text[max(0, start - CONTEXT):start],
            "suffix": text[end:end + CONTEXT],
            "start": start, "end": end, "color": "yellow",
        })
    return out


SCENARIOS = ("unchanged", "shifted", "edited", "missing", "deleted", "long quotes")

# Delete the text of each highlight ([start, end) in the page text, as
# PAGE_TEXT_JS counts it) from the page's text nodes, last first so the
# offsets of the others stay right.
DELETE_PASSAGES_JS = """(spans) => {
  const skip = new Set(['SCRIPT','STYLE','NOSCRIPT','TEMPLATE','TEXTAREA','IFRAME','OBJECT',
                        'HATCHERY-UI','script','style']);
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let at = 0;
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    if (!n.data.length || skip.has(n.parentNode.nodeName)) continue;
    nodes.push([n, at]);
    at += n.data.length;
  }
  for (const [start, end] of [...spans].sort((a, b) => b[0] - a[0])) {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const [n, s] = nodes[i];
      const from = Math.max(start, s), to = Math.min(end, s + n.data.length);
      if (from < to) n.deleteData(from - s, to - from);
      if (s + n.data.length <= start) break;
    }
  }
}"""
LONG_LENGTHS = (1_000, 5_000, 20_000, 100_000)


def long_quotes(text: str, seed: int) -> list[dict]:
    """Two highlights of each length in LONG_LENGTHS, a word changed in each."""
    rng = random.Random(seed + 2)
    out = []
    for k, length in enumerate(LONG_LENGTHS * 2):
        start = rng.randrange(1000, len(text) - length - 1000)
        end = start + length
        exact = text[start:end]
        mid = length // 2
        out.append({
            "id": f"00000000-0000-4000-9000-{k:012d}",
            "exact": exact[:mid] + "XYZ" + exact[mid + 3:],
            "prefix": text[max(0, start - CONTEXT):start],
            "suffix": text[end:end + CONTEXT],
            "start": start, "end": end, "color": "yellow",
        })
    return out


# Drawn on the words it was made on: the same text, whitespace aside (a
# passage found again in a list item, where a line break stands for a
# space), give or take a word's part at an edge (difflib ratio).
SAME_WORDS_RATIO = 0.9


def same_words(drawn: str, original: str) -> bool:
    """Whether a highlight is drawn on the words it was made on."""
    a, b = "".join(drawn.split()), "".join(original.split())
    return a == b or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SAME_WORDS_RATIO


def wrong_words(drawn: list[dict], originals: dict[str, str]) -> list[dict]:
    """The highlights drawn on other words than they were made on."""
    return [{"id": d["id"], "drawn": d["text"], "made_on": originals[d["id"]]}
            for d in drawn if not same_words(d["text"], originals[d["id"]])]


# The page's own floor (issue 14's "no task over 16 ms"): how long the
# rendering update (style, layout, pre-paint, paint) of one frame takes
# after one change, ours or the page's, measured from the animation frame
# callback that made the change to the first task after that frame. Run in
# the page's own world. The changes:
#   colour     the page changes its text colour (a class on <html>, a rule
#              in an adopted style sheet: no DOM change for the page
#              watcher to see): the whole page restyled and repainted
#   selection  the page selects other words (Selection): a scoped repaint
#   ours       one range added to (then taken from) our registered
#              `hatchery-yellow` highlight, or to a new registered one when
#              none is drawn: Chromium rebuilds the markers of every range
#              registered (HighlightRegistry::ValidateHighlightMarkers) and
#              repaints the text they are in
#   idle       no change (what the measurement itself costs)
REPAINT_FLOOR_JS = """async ([kind, reps]) => {
  if (!window.__benchAlt) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('html.hatchery-bench-alt body { color: #333 }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    window.__benchAlt = true;
  }
  const paragraphs = document.querySelectorAll('p');
  const textIn = (k) => [...paragraphs[k % paragraphs.length].childNodes]
    .find((n) => n.nodeType === 3 && n.data.length > 20);
  const range = document.createRange();
  range.setStart(textIn(3), 1);
  range.setEnd(textIn(3), 12);
  const ours = CSS.highlights.get('hatchery-yellow');
  const changes = {
    colour: () => document.documentElement.classList.toggle('hatchery-bench-alt'),
    selection: (k) => getSelection().setBaseAndExtent(textIn(5 + k), 1, textIn(5 + k), 20),
    ours: () => {
      const layer = ours ?? CSS.highlights.get('hatchery-bench') ?? new Highlight();
      if (!ours && !CSS.highlights.has('hatchery-bench')) CSS.highlights.set('hatchery-bench', layer);
      else if (layer.has(range)) layer.delete(range);
      else layer.add(range);
    },
    idle: () => {},
  };
  const frame = (k) => new Promise((resolve) => {
    setTimeout(() => resolve(-1), 5000);
    requestAnimationFrame(() => requestAnimationFrame(() => {
      changes[kind](k);
      const t0 = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now() - t0);
      channel.port2.postMessage(0);
    }));
  });
  const out = [];
  for (let k = 0; k < reps; k++) out.push(await frame(k));
  getSelection().removeAllRanges();
  document.documentElement.classList.remove('hatchery-bench-alt');
  CSS.highlights.delete('hatchery-bench');
  if (ours?.has(range)) ours.delete(range);
  return { ms: out, registered: ours?.size ?? 0 };
}"""
REPAINT_KINDS = ("colour", "selection", "ours", "idle")


def repaint_floor(page, reps: int) -> dict:
    """The rendering update after each kind of change (REPAINT_FLOOR_JS), median and max of `reps`."""
    out = {}
    for kind in REPAINT_KINDS:
        got = page.evaluate(REPAINT_FLOOR_JS, [kind, reps])
        ms = [x for x in got["ms"] if x >= 0]
        out["ranges_registered"] = got["registered"]
        out[kind] = {"median_ms": round(statistics.median(ms), 1) if ms else None,
                     "max_ms": round(max(ms), 1) if ms else None, "samples": len(ms)}
    return out


def _median(runs: list[dict], key: str) -> float:
    return round(statistics.median(r[key] for r in runs), 1)


def tab_id(worker, url: str) -> int:
    return worker.evaluate(
        """async (u) => {
          for (const t of await chrome.tabs.query({})) {
            const s = await chrome.tabs.sendMessage(t.id, {type: 'page-state'}).catch(() => null);
            if (s && s.url === u) return t.id;
          }
          return null;
        }""", url)


def run(args) -> dict:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="hatchery-bench-"))
    extension = build_test_extension(work / "extension")
    html = make_article(args.megabytes, args.seed)
    (work / "article.html").write_text(html, encoding="utf-8")
    # The shifted page: a paragraph added at the top.
    shifted = html.replace("<h1>Benchmark article</h1>",
                           "<p>An introduction added after the highlights were made.</p>"
                           "<h1>Benchmark article</h1>", 1)
    (work / "shifted.html").write_text(shifted, encoding="utf-8")

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(work)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"

    results: dict = {"runs": args.runs, "highlights": args.highlights}
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(work / "profile"), executable_path=args.chromium, headless=True,
            args=[f"--disable-extensions-except={extension}", f"--load-extension={extension}",
                  "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update"])
        worker = ctx.service_workers[0] if ctx.service_workers else ctx.wait_for_event("serviceworker")
        # Point the worker at a closed port: the benchmark needs no server.
        worker.evaluate("chrome.storage.local.set({serverUrl: 'http://127.0.0.1:9'})")
        page = ctx.new_page()
        page.goto(base + "/article.html")
        page.wait_for_selector("hatchery-ui", state="attached")
        text = page.evaluate(PAGE_TEXT_JS)
        results["text_characters"] = len(text)
        results["html_bytes"] = len(html.encode())
        highlights = make_highlights(text, args.highlights, args.seed)
        # The page's own floor, before any highlight is drawn (see REPAINT_FLOOR_JS).
        floor = {"none_drawn": repaint_floor(page, args.floor_samples)}

        rng = random.Random(args.seed + 1)
        edited_ids = {h["id"] for h in rng.sample(highlights, len(highlights) // 20)}

        tracer = Tracer(ctx, page, args.trace_samples) if args.trace else None

        def anchor(url: str, hl: list[dict], prepare=None, label: str = "") -> dict:
            page.goto(url)
            page.wait_for_selector("hatchery-ui", state="attached")
            if prepare:
                prepare()
                # Let the page watcher's settling after the edit pass first.
                page.wait_for_timeout(800)
            tab = tab_id(worker, url)
            if tracer:
                tracer.start()
            result = worker.evaluate(
                "([tab, hl]) => chrome.tabs.sendMessage(tab, {type: 'anchor-highlights', highlights: hl})",
                [tab, hl])
            if tracer:
                events = tracer.stop()
                args.trace.mkdir(parents=True, exist_ok=True)
                name = f"{label.replace(' ', '-')}-{len(list(args.trace.glob('*.json')))}"
                (args.trace / f"{name}.json").write_text(json.dumps({"traceEvents": events}))
                print(f"{name}: our slices over 16 ms:",
                      [round(ms, 1) for ms in result["sliceMs"] if ms > 16])
                result["longTasks"] = trace_report(events, name)
                result["taskProfile"] = trace_profile(events)
            return result

        def reword(h: dict) -> dict:
            # Change one word in the middle of the quote, as an editor might.
            exact = h["exact"]
            mid = len(exact) // 2
            return {**h, "exact": exact[:mid] + "XYZ" + exact[mid + 3:]} \
                if h["id"] in edited_ids else h

        scenarios = {
            "unchanged": (base + "/article.html", highlights),
            "shifted": (base + "/shifted.html", highlights),
            # The stored quotes differ from the page: same as the page having
            # been edited inside those highlights.
            "edited": (base + "/shifted.html", [reword(h) for h in highlights]),
            # Worst case: none of the quotes is on the page any more (every
            # one runs the whole approximate search and ends an orphan).
            "missing": (base + "/shifted.html", [
                {**h, "exact": h["exact"][::-1], "prefix": h["prefix"][::-1],
                 "suffix": h["suffix"][::-1]} for h in highlights]),
            # Quotes of 1,000 to 100,000 characters, each with a word changed
            # in its middle, on the shifted page: the stepped search's worst
            # single task.
            "long quotes": (base + "/shifted.html", long_quotes(text, args.seed)),
            # The page edited: every highlighted passage deleted from it.
            "deleted": (base + "/article.html", highlights),
        }
        # The words each highlight was made on (before any edit of its
        # quote); in "missing", its reversed quote (never on the page).
        originals = {h["id"]: h["exact"] for h in highlights}
        originals.update((h["id"], text[h["start"]:h["end"]]) for h in scenarios["long quotes"][1])
        made_on = {"missing": {h["id"]: h["exact"] for h in scenarios["missing"][1]}}
        prepare = {"deleted": lambda: page.evaluate(
            DELETE_PASSAGES_JS, [[h["start"], h["end"]] for h in highlights])}
        for name in args.scenarios:
            url, hl = scenarios[name]
            runs = [anchor(url, hl, prepare.get(name), name) for _ in range(args.runs)]
            results[name] = {
                "anchored": min(r["anchored"] for r in runs),
                "of": len(hl),
                "anchored_at_once": runs[-1]["anchoredAtOnce"],
                "median_first_slice_ms": _median(runs, "ms"),
                "median_first_slice_with_layout_ms": _median(runs, "withLayoutMs"),
                "median_total_ms": _median(runs, "totalMs"),
                "max_total_ms": round(max(r["totalMs"] for r in runs), 1),
                "median_slices": statistics.median(r["slices"] for r in runs),
                "longest_slice_ms": round(max(r["longestSliceMs"] for r in runs), 1),
                # Slices over 16 ms (a frame), of all slices in all runs.
                "slices_over_16ms": sum(ms > 16 for r in runs for ms in r["sliceMs"]),
                "all_slices": sum(len(r["sliceMs"]) for r in runs),
                "p95_slice_ms": round(sorted(ms for r in runs for ms in r["sliceMs"])[
                    int(0.95 * (sum(len(r["sliceMs"]) for r in runs) - 1))], 1),
                "long_frames": sorted(f for r in runs for f in r["longFrames"]),
                # Drawn, but on other words than it was made on (goal: none).
                "wrong_words": wrong_words(runs[-1]["drawn"], made_on.get(name, originals)),
            }
            if tracer:
                results[name]["trace"] = trace_summary([t for r in runs for t in r["longTasks"]])
                results[name]["trace"]["profile"] = merge_profiles([r["taskProfile"] for r in runs])

        # One new highlight on the page with all of them drawn.
        anchor(base + "/article.html", highlights)
        # The floor again with them all drawn (one change each, as above).
        floor["all_drawn"] = repaint_floor(page, args.floor_samples)
        results["repaint_floor"] = floor
        tab = tab_id(worker, base + "/article.html")
        single, single_layout = [], []
        for k in range(args.single):
            page.evaluate(
                """(k) => {
                  const p = document.querySelectorAll('p')[10 + k * 37];
                  const t = [...p.childNodes].find(n => n.nodeType === 3 && n.data.length > 30);
                  const r = document.createRange();
                  r.setStart(t, 2); r.setEnd(t, 25);
                  const s = getSelection(); s.removeAllRanges(); s.addRange(r);
                }""", k)
            r = worker.evaluate(
                "(tab) => chrome.tabs.sendMessage(tab, {type: 'time-highlight-selection', color: 'green'})",
                tab)
            if r and r.get("id"):
                single.append(r["ms"])
                single_layout.append(r["withLayoutMs"])
        results["one_highlight"] = {
            "median_ms": round(statistics.median(single), 2),
            "max_ms": round(max(single), 2),
            "median_with_layout_ms": round(statistics.median(single_layout), 2),
            "max_with_layout_ms": round(max(single_layout), 2),
            "all_ms": [round(x, 2) for x in single],
            "samples": len(single),
        }
        ctx.close()
    httpd.shutdown()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--highlights", type=int, default=1000)
    parser.add_argument("--megabytes", type=float, default=1.2)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--single", type=int, default=20, help="new highlights to time")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--floor-samples", type=int, default=9,
                        help="frames timed for each kind of change in the page's repaint floor")
    parser.add_argument("--per-page", type=int, default=25,
                        help="highlights per page in the edit simulation")
    parser.add_argument("--trace", type=Path, metavar="DIR",
                        help="record a Chromium trace of each run here and take its tasks over "
                             "16 ms apart (GC, script, layout, paint, off cpu); slows the runs")
    parser.add_argument("--trace-samples", action="store_true",
                        help="with --trace, also sample the stacks (says which function ran)")
    parser.add_argument("--skip-browser", action="store_true",
                        help="run only the edit simulation")
    parser.add_argument("--skip-simulation", action="store_true",
                        help="run only the browser scenarios")
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS),
                        help="the browser scenarios to run (default: all)")
    args = parser.parse_args()
    from anchoring_edits import page_text, print_report, simulate

    sim = None
    if not args.skip_simulation:
        sim = simulate(args.per_page, args.seed, page_text(make_article(args.megabytes, args.seed)))
        print_report(sim)
    if args.skip_browser:
        if args.json:
            args.json.write_text(json.dumps({"simulation": sim}, indent=2))
        return
    results = run(args)
    if sim:
        results["simulation"] = sim
    print(f"article: {results['text_characters']:,} characters of text "
          f"({results['html_bytes']:,} bytes of HTML), {results['highlights']} highlights, "
          f"{results['runs']} runs each")
    print("Times in ms. Anchoring runs in slices (tasks) with the page given the")
    print("main thread in between: 'first' is the first slice (drawn at once),")
    print("'total' until the last highlight is drawn or an orphan, 'slice' the")
    print("longest slice (the longest main-thread task of ours), 'frames>=50' the")
    print("long animation frames Chromium reported meanwhile (all runs).")
    print("'>16' counts the slices over 16 ms of all slices (all runs), 'p95' is")
    print("the 95th percentile slice. 'wrong' counts the highlights drawn on other")
    print("words than they were made on (a defect: they must stay orphans).")
    print(f"{'scenario':<11}{'anchored':>11}{'at once':>9}{'first':>7}{'+layout':>9}"
          f"{'total':>8}{'max':>8}{'slices':>8}{'slice':>7}{'p95':>6}{'>16':>9}{'wrong':>7}  frames>=50")
    for name in args.scenarios:
        r = results[name]
        over = f"{r['slices_over_16ms']}/{r['all_slices']}"
        print(f"{name:<11}{r['anchored']:>6}/{r['of']:<4}{r['anchored_at_once']:>9}"
              f"{r['median_first_slice_ms']:>7}{r['median_first_slice_with_layout_ms']:>9}"
              f"{r['median_total_ms']:>8}{r['max_total_ms']:>8}{r['median_slices']:>8}"
              f"{r['longest_slice_ms']:>7}{r['p95_slice_ms']:>6}{over:>9}{len(r['wrong_words']):>7}"
              f"  {r['long_frames'] or 'none'}")
    if args.trace:
        print_trace_summaries({name: results[name]["trace"] for name in args.scenarios})
    floor = results["repaint_floor"]
    print("Rendering update of one frame after one change (style, layout, paint: from the")
    print("animation frame callback that made it to the next task), median / max ms of")
    print(f"{args.floor_samples}; 'ours' is one range added to our registered highlight:")
    print(f"  {'':<26}" + "".join(f"{k:>16}" for k in REPAINT_KINDS))
    for when, label in (("none_drawn", "no highlight drawn"), ("all_drawn", f"{results['highlights']} drawn")):
        print(f"  {label:<26}" + "".join(
            f"{str(floor[when][k]['median_ms']) + ' / ' + str(floor[when][k]['max_ms']):>16}" for k in REPAINT_KINDS))
    own, mine = floor["all_drawn"]["colour"]["median_ms"], floor["all_drawn"]["ours"]["median_ms"]
    if own and mine:
        print(f"  ours / the page's own colour change, {results['highlights']} drawn: {mine / own:.2f} "
              f"({floor['all_drawn']['ranges_registered']} ranges in our yellow highlight)")
    one = results["one_highlight"]
    print(f"one new highlight: median {one['median_ms']} ms, max {one['max_ms']} ms; "
          f"with layout median {one['median_with_layout_ms']} ms, max {one['max_with_layout_ms']} ms "
          f"({one['samples']} samples, {results['highlights']} already drawn)")
    print("  samples:", one["all_ms"])
    for name in args.scenarios:
        for w in results[name]["wrong_words"]:
            print(f"  {name}: {w['id']} made on {w['made_on'][:60]!r}, drawn on {w['drawn'][:60]!r}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
