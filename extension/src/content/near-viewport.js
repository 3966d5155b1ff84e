/**
 * Which painted ranges are near the viewport. Chromium rebuilds its
 * markers for every range registered in `CSS.highlights` after any change
 * to the registry (or to the page's own DOM and style), so a frame costs
 * what the registry holds, not what changed: the painter (highlighter.js)
 * registers a range only while the element holding it is within
 * NEAR_VIEWPORT_MARGIN of the viewport, as an IntersectionObserver tells.
 *
 * A range is watched through the innermost element holding all of it, or,
 * when it runs from one child of that element into the next (a passage
 * from one paragraph into the following one), through those two. Without
 * IntersectionObserver every range counts as near, and so does every range
 * while the page prints (the printout has no viewport).
 */

// Two screens above and below: a range is registered a frame before a
// scroll brings it into view, and taken out once it is far again.
export const NEAR_VIEWPORT_MARGIN = '200% 0px';

/**
 * @typedef {object} Tracked
 * @property {string} name the registry name painting the range
 * @property {Element[]} boxes the elements whose nearness counts for it
 * @property {boolean} shown whether it is painted yet (not waiting for a batch)
 */

export class NearViewport {
  /**
   * @param {Window} view the document's window (its IntersectionObserver)
   * @param {(range: Range, tracked: Tracked, near: boolean) => void} onCrossing
   *   called for each shown range whose nearness changed
   */
  constructor(view, onCrossing) {
    this.onCrossing = onCrossing;
    /** @type {Map<Range, Tracked>} every range painted or waiting to be, near or not */
    this.tracked = new Map();
    /** @type {Map<Element, Set<Range>>} the ranges each watched element holds */
    this.watched = new Map();
    /** @type {Map<Element, boolean>} whether each watched element is near, once reported */
    this.near = new Map();
    /** whether the page is printing: every range counts as near */
    this.printing = false;
    const { IntersectionObserver } = view;
    this.observer = IntersectionObserver
      ? new IntersectionObserver((entries) => this.onEntries(entries), { rootMargin: NEAR_VIEWPORT_MARGIN })
      : null;
    if (this.observer && view.addEventListener) {
      view.addEventListener('beforeprint', () => this.setPrinting(true));
      view.addEventListener('afterprint', () => this.setPrinting(false));
    }
  }

  /** Printing, every shown range is registered; after, the far ones leave again. */
  setPrinting(printing) {
    if (printing === this.printing) return;
    this.printing = printing;
    for (const [range, tracked] of this.tracked) {
      if (tracked.shown && !this.isNearViewport(range)) this.onCrossing(range, tracked, printing);
    }
  }

  /**
   * The elements whose nearness says whether a range is registered; none
   * (always near) outside any element or without an observer.
   *
   * @param {Range} range
   * @returns {Element[]}
   */
  boxesOf(range) {
    if (!this.observer) return [];
    const common = range.commonAncestorContainer;
    if (common.nodeType !== 1) return common.parentElement ? [common.parentElement] : [];
    // The children of `common` holding the range's ends.
    const childHolding = (node) => {
      while (node && node.parentNode !== common) node = node.parentNode;
      return node;
    };
    const first = childHolding(range.startContainer);
    const last = childHolding(range.endContainer);
    if (first?.nodeType === 1 && last?.nodeType === 1 && first.nextElementSibling === last) return [first, last];
    return [common];
  }

  /**
   * Note a range's registry name, and watch its elements the first time.
   *
   * @param {Range} range
   * @param {string} name
   * @returns {Tracked}
   */
  track(range, name) {
    let known = this.tracked.get(range);
    if (known) {
      known.name = name;
      return known;
    }
    known = { name, boxes: this.boxesOf(range), shown: false };
    this.tracked.set(range, known);
    for (const box of known.boxes) this.watch(box, range);
    return known;
  }

  /** Whether a tracked range is to be registered: near the viewport, or the page printing. */
  isNear(range) {
    return this.printing || this.isNearViewport(range);
  }

  /** Whether a tracked range is near the viewport: true, false, or undefined until reported. */
  isNearViewport(range) {
    const { boxes } = this.tracked.get(range);
    if (!boxes.length) return true;
    const seen = boxes.map((box) => this.near.get(box));
    if (seen.includes(true)) return true;
    return seen.includes(undefined) ? undefined : false;
  }

  /** Stop watching for a range (and an element, once it holds none). */
  untrack(range) {
    const boxes = this.tracked.get(range)?.boxes ?? [];
    this.tracked.delete(range);
    for (const box of boxes) {
      const ranges = this.watched.get(box);
      if (!ranges) continue;
      ranges.delete(range);
      if (ranges.size) continue;
      this.watched.delete(box);
      this.near.delete(box);
      this.observer.unobserve(box);
    }
  }

  /** Forget every range. */
  clear() {
    this.observer?.disconnect();
    this.tracked.clear();
    this.watched.clear();
    this.near.clear();
  }

  /** Watch the element holding a range (the observer reports it once, then at each crossing). */
  watch(box, range) {
    let ranges = this.watched.get(box);
    if (!ranges) {
      ranges = new Set();
      this.watched.set(box, ranges);
      this.observer.observe(box);
    }
    ranges.add(range);
  }

  /** The observer's news: tell of each shown range that came near or went far. */
  onEntries(entries) {
    for (const entry of entries) {
      const box = entry.target;
      const ranges = this.watched.get(box);
      if (!ranges) continue;
      // An element without a box of its own (display: contents) is never
      // seen to intersect: its ranges count as near, as without the observer.
      const rect = entry.boundingClientRect;
      const near = entry.isIntersecting || (rect.width === 0 && rect.height === 0);
      if (near === this.near.get(box)) continue;
      this.near.set(box, near);
      for (const range of ranges) {
        const tracked = this.tracked.get(range);
        // One waiting for its batch is registered with the batch.
        if (tracked.shown) this.onCrossing(range, tracked, this.isNear(range));
      }
    }
  }
}
