/**
 * Exact searches for a quote: every occurrence, the one next to its stored
 * context near the expected place, and all repeats in bounded steps. Pure
 * functions over the page text, used by match-quote.js.
 */

import { GRAM_LENGTH } from './gram-index.js';

// Before searching the whole text, look for the exact quote with its exact
// context this far either side of where it is expected.
const NEAR_WINDOW = 2048;

// Repeats of the exact quote looked at.
const MAX_EXACT_HITS = 1000;

// The exact search reads the text in windows of this many start positions,
// one window a step: one indexOf over a whole 1 MB page (or with a
// 100,000-character quote) would be a step far longer than the others.
export const EXACT_WINDOW = 1 << 16;

/**
 * Every start offset of `needle` in `text`, at most `limit` of them.
 *
 * @param {string} text
 * @param {string} needle
 * @param {number} [limit]
 * @returns {number[]}
 */
export function findAll(text, needle, limit = Infinity) {
  const found = [];
  if (!needle) return found;
  let at = text.indexOf(needle);
  while (at !== -1 && found.length < limit) {
    found.push(at);
    at = text.indexOf(needle, at + 1);
  }
  return found;
}

/** The exact quote with its exact context close to where it was expected. */
export function exactNear(text, selector, expected) {
  const { exact, prefix = '', suffix = '' } = selector;
  // Search a slice, so a quote that is not near costs 4 kB, not 1 MB.
  const from = Math.max(0, expected - NEAR_WINDOW);
  const near = text.slice(from, expected + exact.length + NEAR_WINDOW);
  let best = null;
  for (let at = near.indexOf(exact); at !== -1; at = near.indexOf(exact, at + 1)) {
    const hit = from + at;
    if (
      text.startsWith(prefix, hit - prefix.length) &&
      text.startsWith(suffix, hit + exact.length) &&
      (best === null || Math.abs(hit - expected) < Math.abs(best - expected))
    ) {
      best = hit;
    }
  }
  return best === null
    ? null
    : { start: best, end: best + exact.length, score: 1, method: 'quote' };
}

/**
 * Every start of `needle` in `text` (at most MAX_EXACT_HITS): from the
 * text's gram index when one is built already (no read of the whole text),
 * else searched one window of EXACT_WINDOW start positions a step.
 *
 * @param {string} text
 * @param {string} needle
 * @param {import('./match-candidates.js').Budget} budget
 * @param {import('./gram-index.js').GramIndex} [grams] - of `text`
 */
export function* exactHits(text, needle, budget, grams) {
  if (grams?.ready && needle.length >= GRAM_LENGTH) {
    return (yield* grams.find(needle, MAX_EXACT_HITS, budget)).hits;
  }
  const found = [];
  const m = needle.length;
  for (let from = 0; from + m <= text.length && found.length < MAX_EXACT_HITS; from += EXACT_WINDOW) {
    // Starts in [from, from + EXACT_WINDOW): each is looked at in one window only.
    const window = text.slice(from, from + EXACT_WINDOW + m - 1);
    for (let at = window.indexOf(needle); at !== -1; at = window.indexOf(needle, at + 1)) {
      found.push(from + at);
      if (found.length === MAX_EXACT_HITS) break;
    }
    if (budget.charge(budget.perStep)) yield budget.endStep();
  }
  return found;
}
