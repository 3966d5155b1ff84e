"""What Chromium's rendering update after a change to `CSS.highlights`
scales with, on the anchoring benchmark's article, in plain Chromium with
no extension (issue 14; the figures are in the README, stop 24). One
frame's update is timed from the animation frame callback that makes the
change to the first task after that frame (as anchoring.py's repaint floor).

    python benchmarks/repaint_scaling.py [--mb 1.2 0.6 0.12] [--reps 5]
        [--exp floor ranges objects batch]

  floor    an idle frame, the page's text colour, a selection, a new Highlight
  ranges   one range added to or taken from a registered Highlight holding
           0-3,000 others; the page's colour and a selection beside them
  objects  1,000 ranges in 1, 5 or 50 registered Highlights, one changed
  batch    1,000 ranges added 1,000, 100 or 10 a frame; a new Highlight a frame
"""
import functools
import http.server
import statistics
import tempfile
import threading
from pathlib import Path

from anchoring import PAGE_TEXT_JS, _Quiet, make_article, make_highlights

PROBE_JS = r"""
window.__probe = {
  ranges: [],
  frame(change) {
    // the rendering update of the frame in which `change` ran: from the rAF
    // callback that made it to the first task after that frame
    return new Promise((resolve) => {
      requestAnimationFrame(() => requestAnimationFrame(() => {
        change();
        const t0 = performance.now();
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now() - t0);
        ch.port2.postMessage(0);
      }));
      setTimeout(() => resolve(-1), 5000);
    });
  },
  makeRanges(spans) {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const nodes = []; let at = 0;
    for (let n = w.nextNode(); n; n = w.nextNode()) { nodes.push([n, at]); at += n.data.length; }
    const find = (o) => { let lo = 0, hi = nodes.length - 1;
      while (lo < hi) { const m = (lo + hi + 1) >> 1; if (nodes[m][1] <= o) lo = m; else hi = m - 1; } return nodes[lo]; };
    return spans.map(([s, e]) => { const r = document.createRange(); const [a, as] = find(s); const [b, bs] = find(e - 1);
      r.setStart(a, s - as); r.setEnd(b, e - bs); return r; });
  },
};
"""

def main():
    import argparse
    from playwright.sync_api import sync_playwright
    p = argparse.ArgumentParser()
    p.add_argument("--mb", type=float, nargs="+", default=[1.2])
    p.add_argument("--reps", type=int, default=7)
    p.add_argument("--exp", nargs="+", default=["floor"])
    a = p.parse_args()
    work = Path(tempfile.mkdtemp(prefix="probe-"))
    for mb in a.mb:
        (work / f"a{mb}.html").write_text(make_article(mb, 7).replace("</head>",
            "<style>html.alt body{color:#222}</style></head>"), encoding="utf-8")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(work)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                               args=["--no-sandbox", "--disable-gpu"])
        page = b.new_page()
        for mb in a.mb:
            page.goto(f"{base}/a{mb}.html")
            page.evaluate(PROBE_JS)
            text = page.evaluate(PAGE_TEXT_JS)
            def m(js, arg=None, reps=a.reps):
                out = [page.evaluate(f"async (arg) => window.__probe.frame(() => {{ {js} }})", arg) for _ in range(reps)]
                return round(statistics.median(out), 1), round(max(out), 1)
            def row(label, js, arg=None):
                print(f"  {mb} MB {label:<55} median/max ms {m(js, arg)}", flush=True)
            print(f"page {mb} MB, {len(text):,} chars")
            for exp in a.exp:
                if exp == "floor":
                    row("idle frame", "")
                    row("class on <html> (text colour)", "document.documentElement.classList.toggle('alt')")
                    row("selection change", "const s=getSelection(); const t=document.querySelectorAll('p')[5+(window.__k=(window.__k||0)+1)%50].firstChild; s.setBaseAndExtent(t,1,t,20)")
                    row("highlight: new Highlight, 1 range", "const r=document.createRange(); const t=document.querySelectorAll('p')[7].firstChild; r.setStart(t,1); r.setEnd(t,9); CSS.highlights.set('x'+Math.random(), new Highlight(r))")
                    page.evaluate("for (const k of [...CSS.highlights.keys()]) CSS.highlights.delete(k)")
                if exp == "ranges":
                    for n in (0, 10, 100, 1000, 3000):
                        hl = make_highlights(text, max(n, 1), 7)[:n]
                        page.evaluate("(s) => { window.__probe.ranges = window.__probe.makeRanges(s); CSS.highlights.clear(); const h = new Highlight(...window.__probe.ranges); CSS.highlights.set('y', h); window.__h = h; const t=document.querySelectorAll('p')[7].firstChild; window.__r=document.createRange(); window.__r.setStart(t,1); window.__r.setEnd(t,9); }", [[h["start"], h["end"]] for h in hl])
                        page.evaluate("() => new Promise(r => setTimeout(r, 300))")
                        row(f"{n} ranges registered: add+delete 1 range to existing", "if (__h.has(__r)) __h.delete(__r); else __h.add(__r)")
                        row(f"{n} ranges registered: class on <html>", "document.documentElement.classList.toggle('alt')")
                        row(f"{n} ranges registered: selection change", "const s=getSelection(); const t=document.querySelectorAll('p')[5+(window.__k=(window.__k||0)+1)%50].firstChild; s.setBaseAndExtent(t,1,t,20)")
                        row(f"{n} ranges registered: idle", "")
                    page.evaluate("CSS.highlights.clear()")
                if exp == "objects":
                    hl = make_highlights(text, 1000, 7)
                    for k in (1, 5, 50):
                        page.evaluate("([s, k]) => { const rs = window.__probe.makeRanges(s); CSS.highlights.clear(); window.__hs = []; for (let i = 0; i < k; i++) { const h = new Highlight(...rs.filter((_, j) => j % k === i)); CSS.highlights.set('z'+i, h); __hs.push(h); } const t=document.querySelectorAll('p')[7].firstChild; window.__r=document.createRange(); window.__r.setStart(t,1); window.__r.setEnd(t,9); }", [[[h["start"], h["end"]] for h in hl], k])
                        page.evaluate("() => new Promise(r => setTimeout(r, 300))")
                        row(f"1000 ranges in {k} Highlights: toggle 1 range", "const h=__hs[0]; if (h.has(__r)) h.delete(__r); else h.add(__r)")
                    page.evaluate("CSS.highlights.clear()")
                if exp == "batch":
                    # changes per frame: 1000 ranges added in 1 frame vs in 10 frames of 100
                    hl = make_highlights(text, 1000, 7)
                    page.evaluate("(s) => { window.__rs = window.__probe.makeRanges(s); }", [[h["start"], h["end"]] for h in hl])
                    for per in (1000, 100, 10):
                        page.evaluate("CSS.highlights.clear(); window.__h = new Highlight(); CSS.highlights.set('b', __h); window.__i = 0")
                        page.evaluate("() => new Promise(r => setTimeout(r, 300))")
                        out = [page.evaluate(f"async () => window.__probe.frame(() => {{ for (let j = 0; j < {per}; j++) __h.add(__rs[__i++]); }})") for _ in range(1000 // per)]
                        print(f"  {mb} MB 1000 ranges added {per} a frame, one add() each: frames {len(out)}, "
                              f"median {statistics.median(out):.1f}, max {max(out):.1f}, sum {sum(out):.0f}, last {out[-1]:.1f}", flush=True)
                    # new Highlight per batch vs existing
                    for per in (100,):
                        page.evaluate("CSS.highlights.clear(); window.__i = 0")
                        out = [page.evaluate(f"async () => window.__probe.frame(() => {{ const h = new Highlight(); for (let j = 0; j < {per}; j++) h.add(__rs[__i++]); CSS.highlights.set('n'+__i, h); }})") for _ in range(1000 // per)]
                        print(f"  {mb} MB 1000 ranges, {per} a frame, each frame a new registered Highlight: median {statistics.median(out):.1f}, max {max(out):.1f}, last {out[-1]:.1f}", flush=True)
                    page.evaluate("CSS.highlights.clear()")
        b.close()
    httpd.shutdown()

main()
