/**
 * Anchoring stored highlights on the page: find each one's quote in the
 * page text (by position, exact quote, then approximate search; see
 * lib/match-quote.js) and draw it there. An orphan is better than a wrong
 * place: a highlight not found stays undrawn and the popup lists it.
 */

import { anchorQuote } from '../lib/match-quote.js';
import { selectorOf } from '../lib/selector.js';

// Searches over the whole page text take milliseconds each on a long page,
// so they run in slices of about this long, giving the page the main thread
// back in between: a thousand highlights missing from a page must not
// freeze it.
const SLICE_MS = 8;

/**
 * @typedef {object} AnchorResult
 * @property {number} anchored how many were drawn at once
 * @property {number} later how many are left to the whole-text search
 * @property {Promise<{found: number, longestSliceMs: number, ms: number, cancelled: boolean}>} done
 *   settles when the whole-text search is over
 */

export class Anchorer {
  /**
   * @param {import('./page-highlights.js').PageHighlights} highlights
   */
  constructor(highlights) {
    this.highlights = highlights;
    // Each anchoring pass gets a number; a search still running from an
    // older pass (the page changed again since) stops.
    this.generation = 0;
  }

  /**
   * Anchor and draw highlights. Those found near where they were stored are
   * drawn at once; the others are searched for over the whole text in
   * slices afterwards.
   *
   * @param {object[]} list stored highlights (with exact, prefix, suffix, start, end)
   * @param {{anchorMs: number, drawMs: number}|null} [timing] filled in if given
   * @returns {AnchorResult}
   */
  anchorAll(list, timing = null) {
    const { highlights } = this;
    const text = highlights.textIndex().text;
    let anchored = 0;
    // In page order, so each highlight can expect to have moved as far as the
    // one before it (text added above moves everything below by the same).
    const ordered = [...list].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
    let delta = 0;
    const later = [];
    highlights.quietly(() => {
      for (const data of ordered) {
        const entry = highlights.remember(data);
        if (highlights.isDrawn(entry)) {
          anchored += 1;
          continue;
        }
        const selector = selectorOf(entry.data);
        if (!selector) continue;
        const t0 = timing ? performance.now() : 0;
        const match = anchorQuote(text, selector, { delta, quick: true });
        const t1 = timing ? performance.now() : 0;
        if (timing) timing.anchorMs += t1 - t0;
        if (match && highlights.place(entry, match)) {
          anchored += 1;
          if (selector.start >= 0) delta = match.start - selector.start;
        } else {
          entry.searching = true;
          later.push(entry);
        }
        if (timing) timing.drawMs += performance.now() - t1;
      }
    });
    const done = this.searchLater(later, delta);
    return { anchored, later: later.length, done };
  }

  /** The whole-text search, in slices, for highlights not found near their place. */
  searchLater(entries, delta) {
    const { highlights } = this;
    const generation = ++this.generation;
    const started = performance.now();
    let next = 0;
    let found = 0;
    let longestSliceMs = 0;
    return new Promise((resolve) => {
      const finish = (cancelled) => {
        for (const entry of entries) entry.searching = false;
        resolve({ found, longestSliceMs, ms: performance.now() - started, cancelled });
      };
      const slice = () => {
        if (generation !== this.generation) return finish(true);
        const sliceStart = performance.now();
        const text = highlights.textIndex().text;
        highlights.quietly(() => {
          while (next < entries.length && performance.now() - sliceStart < SLICE_MS) {
            const entry = entries[next++];
            entry.searching = false;
            // Deleted or drawn again meanwhile: nothing to search for.
            if (highlights.get(entry.data.id) !== entry || highlights.isDrawn(entry)) continue;
            const selector = selectorOf(entry.data);
            const match = anchorQuote(text, selector, { delta });
            if (match && highlights.place(entry, match)) {
              found += 1;
              if (selector.start >= 0) delta = match.start - selector.start;
            }
          }
        });
        longestSliceMs = Math.max(longestSliceMs, performance.now() - sliceStart);
        if (next < entries.length) setTimeout(slice, 0);
        else finish(false);
        return undefined;
      };
      if (entries.length) setTimeout(slice, 0);
      else finish(false);
    });
  }
}
