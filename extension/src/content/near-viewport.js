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
 *
 * What the observer reports is applied in slices (lib/yield-to-page.js's
 * SLICE_MS, the page given its turn in between), not all in the delivery:
 * with 1,000 elements watched on a 1 MB page one delivery was a task of
 * 16-20 ms. The first slice runs in the delivery; repeated reports on one
 * element count once (the latest); elements that came near are applied
 * before those that went far, so a near range waits at most a slice to be
 * registered, and a far one only costs the repaint a while longer.
 */

import { SLICE_MS, yieldToPage } from '../lib/yield-to-page.js';

// The slice that runs in the delivery task itself: Blink has already made
// an entry object per element reported in that task (a thousand, the first
// time the elements of 1,000 highlights are reported), so it gets half.
export const DELIVERY_SLICE_MS = SLICE_MS / 2;

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
   * @param {{now?: () => number}} [options] now: the clock (performance.now)
   */
  constructor(view, onCrossing, { now = () => performance.now() } = {}) {
    this.onCrossing = onCrossing;
    this.now = now;
    /** @type {IntersectionObserverEntry[][]} deliveries not read to the end yet */
    this.deliveries = [];
    /** how far into the first of `deliveries` has been read */
    this.readUpTo = 0;
    /** @type {Set<Element>} elements reported near, not applied yet (latest report only) */
    this.comingNear = new Set();
    /** @type {Set<Element>} elements reported far, not applied yet (latest report only) */
    this.goingFar = new Set();
    /** whether a slice is waiting for the page's turn to end */
    this.sliceWaiting = false;
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
    const first = childHolding(common, range.startContainer);
    const last = childHolding(common, range.endContainer);
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
    // A loop, not an array of the boxes' nearness: this runs for every
    // range of a batch painted and of every element crossing.
    let unknown = false;
    for (const box of boxes) {
      const near = this.near.get(box);
      if (near) return true;
      if (near === undefined) unknown = true;
    }
    return unknown ? undefined : false;
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
      this.comingNear.delete(box);
      this.goingFar.delete(box);
      this.observer.unobserve(box);
    }
  }

  /** Forget every range. */
  clear() {
    this.observer?.disconnect();
    this.tracked.clear();
    this.watched.clear();
    this.near.clear();
    this.deliveries = [];
    this.readUpTo = 0;
    this.comingNear.clear();
    this.goingFar.clear();
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

  /**
   * The observer's news: read it, and tell of each shown range that came
   * near or went far, a slice now and the rest after the page's turns.
   *
   * @param {IntersectionObserverEntry[]} entries
   */
  onEntries(entries) {
    if (!entries.length) return;
    this.deliveries.push(entries);
    if (!this.sliceWaiting) this.slice(DELIVERY_SLICE_MS);
  }

  /** Whether some news is not applied yet. */
  hasNews() {
    return this.deliveries.length > 0 || this.comingNear.size > 0 || this.goingFar.size > 0;
  }

  /**
   * Read and apply the news until `budgetMs` have passed (an element's
   * ranges, once begun, are all told), then go on after the page's turn.
   *
   * @param {number} budgetMs
   */
  slice(budgetMs) {
    const deadline = this.now() + budgetMs;
    // Everything reported is read before anything is applied, so an element
    // reported twice is applied once, as the latest report says.
    while (this.deliveries.length && this.now() < deadline) this.readEntry();
    if (!this.deliveries.length) {
      this.crossUntil(this.comingNear, true, deadline);
      this.crossUntil(this.goingFar, false, deadline);
    }
    if (this.sliceWaiting || !this.hasNews()) return;
    this.sliceWaiting = true;
    yieldToPage(() => {
      this.sliceWaiting = false;
      if (this.hasNews()) this.slice(SLICE_MS);
    });
  }

  /** Note the next unread entry's element as coming near or going far. */
  readEntry() {
    const entries = this.deliveries[0];
    const entry = entries[this.readUpTo++];
    if (this.readUpTo === entries.length) {
      this.deliveries.shift();
      this.readUpTo = 0;
    }
    const box = entry.target;
    if (!this.watched.has(box)) return;
    const near = entry.isIntersecting || isBoxless(entry);
    (near ? this.goingFar : this.comingNear).delete(box);
    (near ? this.comingNear : this.goingFar).add(box);
  }

  /** Apply the crossings noted in `pending` (all near, or all far) until `deadline`. */
  crossUntil(pending, near, deadline) {
    for (const box of pending) {
      if (this.now() >= deadline) return;
      pending.delete(box);
      this.cross(box, near);
    }
  }

  /** An element came near or went far: tell of each of its shown ranges. */
  cross(box, near) {
    const ranges = this.watched.get(box);
    if (!ranges || near === this.near.get(box)) return;
    this.near.set(box, near);
    for (const range of ranges) {
      const tracked = this.tracked.get(range);
      // One waiting for its batch is registered with the batch.
      if (tracked.shown) this.onCrossing(range, tracked, this.isNear(range));
    }
  }
}

/** The child of `common` that holds `node` (or is it). */
function childHolding(common, node) {
  while (node && node.parentNode !== common) node = node.parentNode;
  return node;
}

/**
 * An element without a box of its own (display: contents) is never seen to
 * intersect: its ranges count as near, as without the observer. Only asked
 * of elements not intersecting (each read of the rectangle makes an object).
 */
function isBoxless(entry) {
  const rect = entry.boundingClientRect;
  return rect.width === 0 && rect.height === 0;
}
