/**
 * Drawing highlights with the CSS Custom Highlight API: a highlight is a
 * set of live Ranges over the page's own text nodes, painted by the
 * browser through `::highlight()` rules (marks.css, and a <style> in each
 * shadow root with highlights). Nothing is inserted into the page and no
 * text node is split, so drawing costs the page no style or layout work at
 * all: wrapping 1,000 highlights in elements on a 1 MB page made Chromium
 * lay the page out again for 140 ms (and 40 ms after each slice that drew
 * some), where painting the same ranges takes about 10 ms.
 *
 * One `Highlight` per colour, plus one for the highlight being pointed at
 * and one for the highlight scrolled to from the popup, each registered in
 * the document's `CSS.highlights` under a `hatchery-` name.
 *
 * Any change to those makes Chromium rebuild its markers for every range
 * registered (HighlightRegistry::ValidateHighlightMarkers) and repaint the
 * text they are in, in the next frame: the frame's cost grows with the
 * ranges registered, not with those changed (one range added took 6-8 ms
 * with up to 100 registered on a 1 MB page, 30-46 ms with 1,000, 86 ms
 * with 3,000, benchmarks/anchoring.py's repaint floor). A DOM or style
 * change of the page's own pays that rebuild too. So a range is registered
 * only while the element holding it is near the viewport (an
 * IntersectionObserver: near-viewport.js), and the highlights the
 * anchoring finds are painted in batches (`paintSoon`): one frame pays for
 * many of them. What a person does is painted at once.
 */

import { COLORS, DEFAULT_COLOR, markFill } from '../lib/colors.js';
import { NearViewport } from './near-viewport.js';

export { NEAR_VIEWPORT_MARGIN } from './near-viewport.js';

// Each colour's registry name, made once: painting asks for one per
// highlight drawn, and a string built per call was garbage per highlight.
const PAINT_NAMES = new Map(COLORS.map((c) => [c, `hatchery-${c}`]));

/** The registry name of the highlight painting a colour's ranges. */
export function paintName(color) {
  return PAINT_NAMES.get(color) ?? PAINT_NAMES.get(DEFAULT_COLOR);
}

/** The registry name of the highlight under the pointer (a darker tint). */
export const HOVER_NAME = 'hatchery-hover';

/** The registry name of the highlight scrolled to from the popup. */
export const FOCUS_NAME = 'hatchery-focused';

// Hover and focus paint over the colours (a higher priority wins).
const OVERLAY_PRIORITY = 1;

// `::highlight()` takes only a few properties (colours, text decoration,
// text shadow): no outline, no cursor. The focused highlight is underlined
// and tinted, the one under the pointer tinted.
const colorRules = COLORS.map(
  (c) => `::highlight(${paintName(c)}) {
  background-color: ${markFill(c)};
}`,
);

/**
 * The rules that paint highlights. marks.css (loaded by the manifest) has
 * them for the document; a shadow root's text is styled only by the
 * shadow root's own rules, so each shadow root with highlights gets these
 * as a <style> of its own. The same text as marks.css (a test compares them).
 */
export const SHADOW_MARK_STYLE = [
  ...colorRules,
  `::highlight(${HOVER_NAME}) {
  background-color: rgba(0, 0, 0, 0.1);
}`,
  `::highlight(${FOCUS_NAME}) {
  background-color: rgba(255, 140, 0, 0.35);
  text-decoration: underline 2px rgba(255, 140, 0, 0.9);
}`,
].join('\n');

// A batch is painted once anchoring has drawn nothing more for this long
// (its slices follow each other closer than this), or this long after its
// first highlight was found, whichever comes first.
export const PAINT_SETTLE_MS = 20;
export const PAINT_MAX_WAIT_MS = 100;

// Text nodes looked at in one step of `drawSteps` when the page has shadow
// roots (a highlight's ranges end where its text crosses into or out of
// one): a passage of 100,000 characters is thousands of text nodes.
export const NODES_PER_STEP = 4096;

/**
 * The Ranges covering text offsets [start, end) of the index, one per run
 * of text nodes in the same tree (a Range cannot cross a shadow root's
 * edge), made a bounded number of text nodes a step.
 *
 * @param {import('./text-index.js').TextIndex} index
 * @param {number} start
 * @param {number} end
 * @param {Range[]} [ranges] where each range is put as it is made
 * @returns {Generator<number, Range[]>} yields the text nodes looked at so far
 */
export function* drawSteps(index, start, end, ranges = []) {
  if (end <= start || !index.nodes.length) return ranges;
  const first = index.nodeAt(start);
  const last = index.nodeAt(end - 1);
  if (!index.shadowRoots.length) {
    addRun(index, start, end, first, last, first, last, ranges);
    return ranges;
  }
  let runStart = first;
  let root = index.nodes[first].getRootNode();
  for (let i = first + 1; i <= last; i++) {
    const here = index.nodes[i].getRootNode();
    if (here !== root) {
      addRun(index, start, end, first, last, runStart, i - 1, ranges);
      runStart = i;
      root = here;
    }
    if ((i - first) % NODES_PER_STEP === 0 && i < last) yield i - first;
  }
  addRun(index, start, end, first, last, runStart, last, ranges);
  return ranges;
}

/**
 * Add the range over text nodes `from` to `to` of the index, clipped to
 * offsets [start, end) (nodes `first` and `last` hold them), to `ranges`.
 * A function of its own, not a closure made per highlight drawn.
 */
function addRun(index, start, end, first, last, from, to, ranges) {
  const range = index.root.ownerDocument.createRange();
  const head = index.nodes[from];
  const tail = index.nodes[to];
  // The page may have shortened a node since it was indexed.
  range.setStart(head, Math.min(from === first ? start - index.starts[from] : 0, head.length));
  range.setEnd(tail, Math.min(to === last ? end - index.starts[to] : tail.length, tail.length));
  if (!range.collapsed) ranges.push(range);
}

/**
 * Draw text offsets [start, end) at once.
 *
 * @param {import('./text-index.js').TextIndex} index
 * @param {number} start
 * @param {number} end
 * @returns {Range[]}
 */
export function rangesOf(index, start, end) {
  // Without shadow roots it is one range: no generator to step through.
  if (!index.shadowRoots.length) {
    const ranges = [];
    if (end > start && index.nodes.length) {
      const first = index.nodeAt(start);
      const last = index.nodeAt(end - 1);
      addRun(index, start, end, first, last, first, last, ranges);
    }
    return ranges;
  }
  const steps = drawSteps(index, start, end);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The highlights of one document as the browser paints them: a
 * `Highlight` per colour (and for hover and focus) in its `CSS.highlights`.
 */
export class Painter {
  /**
   * @param {Document} doc
   * @param {object} [options]
   * @param {(fn: () => any) => any} [options.quietly] runs our own DOM
   *   changes (a shadow root's <style>, maybe added when a batch is
   *   painted) without waking the page watcher
   * @param {() => number} [options.now] the clock (performance.now)
   */
  constructor(doc, { quietly = (fn) => fn(), now = () => performance.now() } = {}) {
    this.doc = doc;
    this.quietly = quietly;
    this.now = now;
    /** @type {{ranges: Range[], color: string}[]} waiting to be painted */
    this.pending = [];
    this.firstPendingAt = 0;
    this.lastPendingAt = 0;
    this.timer = 0;
    /** @type {(() => void)[]} called once nothing waits to be painted */
    this.waiters = [];
    /** @type {Map<string, Highlight>} registry name -> highlight */
    this.layers = new Map();
    /** @type {WeakSet<ShadowRoot>} shadow roots given the rules already */
    this.styledRoots = new WeakSet();
    /** which ranges are near the viewport, so registered (see near-viewport.js) */
    this.nearness = new NearViewport(
      doc.defaultView,
      (range, { name }, near) => {
        if (near) this.layer(name).add(range);
        else this.layers.get(name)?.delete(range);
      },
      { now },
    );
  }

  /** The highlight registered under `name`, made (and registered) when needed. */
  layer(name) {
    const { CSS, Highlight } = this.doc.defaultView;
    let layer = this.layers.get(name);
    if (!layer) {
      layer = new Highlight();
      if (name === HOVER_NAME || name === FOCUS_NAME) layer.priority = OVERLAY_PRIORITY;
      this.layers.set(name, layer);
    }
    // Registered again should the page have cleared the registry.
    if (!CSS.highlights.has(name)) CSS.highlights.set(name, layer);
    return layer;
  }

  /**
   * Paint ranges in a colour with the next batch (see PAINT_SETTLE_MS).
   *
   * @param {Range[]} ranges
   * @param {string} color
   */
  paintSoon(ranges, color) {
    if (!ranges.length) return;
    const now = this.now();
    if (!this.pending.length) this.firstPendingAt = now;
    this.lastPendingAt = now;
    this.pending.push({ ranges, color });
    // Their elements watched now, in the anchoring slice that found them,
    // so the observer's first word on them comes spread over the slices:
    // watching a whole batch's when it is painted was a task of 16-29 ms.
    const name = paintName(color);
    for (const range of ranges) this.nearness.track(range, name);
    // One timer per batch, not one made and cancelled per highlight (1,000
    // drawn in a pass were 1,000 timers): it waits on if it fires early.
    if (!this.timer) this.flushWhenDue();
  }

  /** When the batch waiting is due: PAINT_SETTLE_MS after its last, at most PAINT_MAX_WAIT_MS after its first. */
  due() {
    return Math.min(this.lastPendingAt + PAINT_SETTLE_MS, this.firstPendingAt + PAINT_MAX_WAIT_MS);
  }

  /** Paint the batch waiting once it is due (see `due`). */
  flushWhenDue() {
    this.timer = setTimeout(() => {
      this.timer = 0;
      if (!this.pending.length) return;
      if (this.now() >= this.due()) this.flush();
      else this.flushWhenDue();
    }, Math.max(0, this.due() - this.now()));
  }

  /** Paint the batch waiting now. */
  flush() {
    clearTimeout(this.timer);
    this.timer = 0;
    const batch = this.pending;
    this.pending = [];
    for (const { ranges, color } of batch) this.paint(ranges, color, { nearOnly: true });
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** @returns {Promise<void>} settles once nothing waits to be painted */
  painted() {
    if (!this.pending.length) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Paint ranges in a colour, now (registered at once, then kept registered
   * only while near the viewport), or with `nearOnly` once the observer has
   * said they are near.
   *
   * @param {Range[]} ranges
   * @param {string} color
   * @param {{nearOnly?: boolean}} [options]
   */
  paint(ranges, color, { nearOnly = false } = {}) {
    if (!ranges.length) return;
    const name = paintName(color);
    const layer = this.layer(name);
    for (const range of ranges) {
      this.nearness.track(range, name).shown = true;
      // Registered at once unless its elements are known to be far (or, for
      // a batch, not yet known to be near).
      const near = this.nearness.isNear(range);
      if (near || (near === undefined && !nearOnly)) layer.add(range);
      this.styleShadowRoot(range.startContainer.getRootNode());
    }
  }

  /**
   * Stop painting ranges (in whichever colour, hovered or focused).
   *
   * @param {Range[]} ranges
   */
  unpaint(ranges) {
    // Drawing a highlight first takes it off the page, mostly with nothing
    // drawn yet: filtering every batch waiting to be painted for no ranges
    // made a new array per waiting batch per highlight drawn (1,000 drawn in
    // one batch: hundreds of thousands, and minor collections of 15 ms).
    if (!ranges.length) return;
    const gone = new Set(ranges);
    for (const waiting of this.pending) waiting.ranges = waiting.ranges.filter((r) => !gone.has(r));
    for (const layer of this.layers.values()) {
      for (const range of ranges) layer.delete(range);
    }
    for (const range of ranges) this.nearness.untrack(range);
  }

  /**
   * Paint ranges in another colour.
   *
   * @param {Range[]} ranges
   * @param {string} color
   */
  recolor(ranges, color) {
    this.flush();
    for (const [name, layer] of this.layers) {
      if (name === HOVER_NAME || name === FOCUS_NAME) continue;
      for (const range of ranges) layer.delete(range);
    }
    this.paint(ranges, color);
  }

  /**
   * Tint these ranges over their colour (hover or focus), or none.
   *
   * @param {string} name HOVER_NAME or FOCUS_NAME
   * @param {Range[]} ranges
   */
  overlay(name, ranges) {
    const layer = this.layer(name);
    layer.clear();
    for (const range of ranges) layer.add(range);
  }

  /** Paint nothing any more. */
  clear() {
    this.pending = [];
    this.flush();
    for (const layer of this.layers.values()) layer.clear();
    this.nearness.clear();
  }

  /** Give a shadow root holding highlights the rules that paint them, once. */
  styleShadowRoot(root) {
    if (!(root instanceof ShadowRoot) || this.styledRoots.has(root)) return;
    this.styledRoots.add(root);
    if (root.querySelector('style[data-hatchery-marks]')) return;
    const style = this.doc.createElement('style');
    style.dataset.hatcheryMarks = '';
    style.textContent = SHADOW_MARK_STYLE;
    this.quietly(() => root.appendChild(style));
  }
}

/**
 * The client rectangles of the part of `range` inside text node `text`.
 *
 * @param {Range} range
 * @param {Text} text
 * @returns {DOMRect[]}
 */
export function rectsWithin(range, text) {
  const piece = text.ownerDocument.createRange();
  piece.selectNodeContents(text);
  if (range.startContainer === text) piece.setStart(text, range.startOffset);
  if (range.endContainer === text) piece.setEnd(text, range.endOffset);
  return [...piece.getClientRects()];
}

/**
 * Whether a point is inside a rectangle (edges included).
 *
 * @param {DOMRect} rect
 * @param {number} x
 * @param {number} y
 */
export function rectHas(rect, x, y) {
  return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
}
