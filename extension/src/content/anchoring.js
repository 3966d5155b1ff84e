/**
 * Anchoring stored highlights on the page: find each one's quote in the
 * page text (by position, exact quote, then approximate search; see
 * lib/match-quote.js) and draw it there. An orphan is better than a wrong
 * place: a highlight not found stays undrawn and the popup lists it.
 *
 * All of it runs in slices of SLICE_MS with the main thread given back in
 * between, so no page and no quote freezes the page: first the page text is
 * indexed (a 1 MB page takes several slices), then a quick pass
 * (the stored position, or the quote close to where it is expected: tens of
 * microseconds for most, a few matcher steps for a quote of a thousand
 * characters), then the whole-text search for the rest, one
 * `anchorSteps` generator per highlight advanced a bounded step at a time.
 * The searches of a pass share one gram index of the page text (see
 * lib/gram-index.js), built by the first that needs it: with it a highlight
 * whose words are gone is rejected in about a millisecond, not a read of
 * the whole page.
 */

import { GramIndex } from '../lib/gram-index.js';
import { LONG_QUOTE_LENGTH, anchorSteps } from '../lib/match-quote.js';
import { runSteps } from '../lib/steps.js';
import { selectorOf } from '../lib/selector.js';
import { SLICE_MS, yieldToPage } from '../lib/yield-to-page.js';

// A slice of anchoring work (see lib/yield-to-page.js): one matcher step is
// about a millisecond at most, so a slice ends at most that late.
export { SLICE_MS };

// The first slice runs in the task that brought the highlights, which has
// already spent a few milliseconds receiving them (1,000 highlights are a
// message of 300 kB) and is the likeliest to pay for a minor collection of
// what that allocated: it gets half a slice (a trace of the benchmark showed
// that task at 16.1-16.2 ms with a whole one).
export const FIRST_SLICE_MS = SLICE_MS / 2;

/**
 * @typedef {object} AnchorOutcome
 * @property {number} found how many were drawn, in all slices
 * @property {number} longestSliceMs the longest slice (a task on the main thread)
 * @property {number} slices how many slices it took
 * @property {number[]} sliceMs how long each slice took, in order
 * @property {number} ms from the call until the last slice
 * @property {boolean} cancelled a newer anchoring pass took over
 */

/**
 * @typedef {object} AnchorResult
 * @property {number} anchored how many were drawn in the first slice (at once)
 * @property {number} later how many were left to later slices
 * @property {Promise<AnchorOutcome>} done settles when every one is drawn or an orphan
 */

export class Anchorer {
  /**
   * @param {import('./page-highlights.js').PageHighlights} highlights
   * @param {() => number} [now] the clock (performance.now)
   */
  constructor(highlights, now = () => performance.now()) {
    this.highlights = highlights;
    this.now = now;
    // Each anchoring pass gets a number; a pass still running from an older
    // call (the page changed again since) stops.
    this.generation = 0;
  }

  /**
   * Anchor and draw highlights, in slices: the first runs now, the others
   * after the page has had the main thread back.
   *
   * @param {object[]} list stored highlights (with exact, prefix, suffix, start, end)
   * @param {{onText?: (index: import('./text-index.js').TextIndex) => boolean}} [options]
   *   onText is called once the page text is indexed, before any highlight
   *   is looked for; when it returns false the pass ends there
   * @returns {AnchorResult}
   */
  anchorAll(list, { onText = () => true } = {}) {
    const { highlights } = this;
    // Nothing to anchor (the worker's answer for a page with no highlights,
    // which may come late) leaves a pass under way alone.
    if (!list.length) return { anchored: 0, later: 0, done: Promise.resolve(nothingDone()) };
    const generation = ++this.generation;
    const started = this.now();
    // In page order, so each highlight can expect to have moved as far as the
    // one before it (text added above moves everything below by the same).
    const ordered = [...list].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
    const pass = {
      queue: ordered.map((data) => highlights.remember(data)),
      next: 0,
      /** @type {{entry: object, steps: Generator|null, index: object|null, selector: object|null}|null} the quick look under way */
      look: null,
      /** @type {{entry: object, steps: Generator|null, index: object|null, selector: object|null, drawing?: Generator|null, match?: object}[]} */
      searches: [],
      delta: 0,
      onText,
      /** @type {object|null} the text index the pass has seen, once built */
      index: null,
      /** @type {GramIndex|null} of that index's text, once a search needs it */
      grams: null,
      dropped: false,
      found: 0,
      longestSliceMs: 0,
      slices: 0,
      sliceMs: [],
    };
    for (const entry of pass.queue) entry.searching = !highlights.isDrawn(entry);
    this.slice(pass, FIRST_SLICE_MS);
    const anchored = pass.found;
    const later = pass.queue.length - pass.next + pass.searches.length + (pass.look ? 1 : 0);
    const done = new Promise((resolve) => {
      const finish = (cancelled) => {
        for (const entry of pass.queue) entry.searching = false;
        resolve({
          found: pass.found,
          longestSliceMs: pass.longestSliceMs,
          slices: pass.slices,
          sliceMs: pass.sliceMs,
          ms: this.now() - started,
          cancelled,
        });
      };
      const next = () => {
        if (generation !== this.generation) finish(true);
        else if (isOver(pass)) finish(false);
        else yieldToPage(slice);
      };
      const slice = () => {
        if (generation === this.generation) this.slice(pass);
        next();
      };
      next();
    });
    return { anchored, later, done };
  }

  /**
   * One slice of a pass: quick looks first, then whole-text searches.
   *
   * @param {object} pass
   * @param {number} [budgetMs] how long it may take (a step begun may end later)
   */
  slice(pass, budgetMs = SLICE_MS) {
    const { highlights, now } = this;
    const sliceStart = now();
    const deadline = sliceStart + budgetMs;
    highlights.quietly(() => {
      const index = highlights.textIndexUntil(deadline, now);
      if (!index || !this.sees(pass, index)) return;
      while ((pass.look || pass.next < pass.queue.length) && now() < deadline) {
        if (!pass.look) this.lookNear(pass, index, pass.queue[pass.next++]);
        if (pass.look) this.lookOn(pass, index, deadline);
      }
      while (pass.next === pass.queue.length && !pass.look && pass.searches.length && now() < deadline) {
        this.searchOn(pass, index, deadline);
      }
    });
    const ms = now() - sliceStart;
    pass.slices += 1;
    pass.sliceMs.push(ms);
    pass.longestSliceMs = Math.max(pass.longestSliceMs, ms);
  }

  /**
   * Take note of the text index a pass works on.
   *
   * @returns {boolean} false when the pass is to end here
   */
  sees(pass, index) {
    if (!pass.index && !pass.onText(index)) {
      pass.dropped = true;
      return false;
    }
    if (pass.index !== index) pass.grams = null;
    pass.index = index;
    return true;
  }

  /**
   * The quick look: the stored position or the quote close to where it is
   * expected. A long quote goes straight to the stepped search, since even
   * looking near costs as much as the quote is long.
   */
  lookNear(pass, index, entry) {
    const { highlights } = this;
    const selector = selectorIn(index, entry.data);
    if (highlights.isDrawn(entry) || !selector) {
      if (highlights.isDrawn(entry)) pass.found += 1;
      entry.searching = false;
      return;
    }
    // A look keeps its selector for the text index it began on (one object
    // per highlight, not one per slice; a search makes its own likewise).
    if (selector.exact.length <= LONG_QUOTE_LENGTH) {
      const steps = anchorSteps(index.text, selector, { delta: pass.delta, quick: true });
      pass.look = { entry, steps, index, selector };
      return;
    }
    pass.searches.push({ entry, steps: null, index: null, selector: null });
  }

  /**
   * Advance the quick look until it ends or the slice does: near the
   * expected place a quote of a thousand characters still takes several
   * matcher steps. What it does not find is left to the whole-text search.
   */
  lookOn(pass, index, deadline) {
    const { highlights } = this;
    const look = pass.look;
    const { entry } = look;
    if (highlights.get(entry.data.id) !== entry) {
      pass.look = null;
      entry.searching = false;
      return;
    }
    // The page changed since the look began: it starts again on the new text.
    if (look.index !== index) {
      look.selector = selectorIn(index, entry.data);
      look.steps = anchorSteps(index.text, look.selector, { delta: pass.delta, quick: true });
      look.index = index;
    }
    const { selector } = look;
    const step = runSteps(look.steps, deadline, this.now);
    if (!step.done) return;
    pass.look = null;
    if (step.value && this.draw(pass, entry, selector, step.value)) return;
    pass.searches.push({ entry, steps: null, index: null, selector: null });
  }

  /**
   * Advance the first pending whole-text search until it ends or the slice
   * does; then draw what it found, which for a long passage (thousands of
   * text nodes) takes slices of its own.
   */
  searchOn(pass, index, deadline) {
    const { highlights } = this;
    const search = pass.searches[0];
    const { entry } = search;
    // Deleted or drawn again meanwhile: nothing to search for.
    if (highlights.get(entry.data.id) !== entry || highlights.isDrawn(entry)) {
      pass.searches.shift();
      entry.searching = false;
      return;
    }
    // The page changed since the search began: its offsets would be wrong
    // on the new text, so it starts again there (a drawing begun is erased
    // when the new search draws).
    if (search.index !== index) {
      pass.grams ??= new GramIndex(index.text);
      search.selector = selectorIn(index, entry.data);
      search.steps = anchorSteps(index.text, search.selector, { delta: pass.delta, grams: pass.grams });
      search.drawing = null;
      search.index = index;
    }
    if (!search.drawing) {
      const step = runSteps(search.steps, deadline, this.now);
      if (!step.done) return;
      if (!step.value) {
        this.settle(pass, search);
        return;
      }
      search.match = step.value;
      search.drawing = highlights.placeSteps(entry, search.match);
    }
    const drawn = runSteps(search.drawing, deadline, this.now);
    if (!drawn.done) return;
    this.settle(pass, search);
    if (drawn.value) this.count(pass, entry, search.selector, search.match);
  }

  /** A search is over: the next one's turn. */
  settle(pass, search) {
    pass.searches.shift();
    search.entry.searching = false;
  }

  draw(pass, entry, selector, match) {
    if (!this.highlights.place(entry, match)) return false;
    this.count(pass, entry, selector, match);
    return true;
  }

  /** A highlight drawn: the ones after it may have moved as far. */
  count(pass, entry, selector, match) {
    pass.found += 1;
    entry.searching = false;
    if (selector.start >= 0) pass.delta = match.start - selector.start;
  }
}

/**
 * A highlight's selector with its stored position (code points over all
 * the text, see text-index.js) turned into an offset in the index's text.
 */
function selectorIn(index, data) {
  const selector = selectorOf(data);
  if (!selector) return null;
  // selectorOf made it: changed in place, not copied.
  selector.start = index.offsetAt(selector.start);
  selector.end = selector.start >= 0 ? selector.start + selector.exact.length : -1;
  return selector;
}

/** @returns {AnchorOutcome} the outcome of a pass with nothing to do */
function nothingDone() {
  return { found: 0, longestSliceMs: 0, slices: 0, sliceMs: [], ms: 0, cancelled: false };
}

function isOver(pass) {
  return pass.dropped || (pass.next === pass.queue.length && !pass.look && pass.searches.length === 0);
}
