/**
 * Finding a stored quote in page text that may have changed since.
 *
 * The order is the one the design asks for: trust the stored position when
 * the quote is still there, else look for the exact quote (choosing among
 * repeats by context), else search approximately (bit-parallel, see
 * myers.js) and score each candidate on quote, prefix, suffix and position.
 * Below MIN_SCORE the highlight is an orphan: showing it nowhere is better
 * than showing it on the wrong words.
 *
 * The work is split into steps: `anchorSteps` is a generator whose every
 * `next()` does a bounded amount of work (WORK_PER_STEP units, about a
 * millisecond), whatever the page and the quote, so a caller on the main
 * thread can stop after a few milliseconds and go on later. `anchorQuote`
 * runs all the steps at once.
 */

import { contextErrors, editDistance, similarity } from './align.js';
import {
  Budget,
  MAX_ERROR_RATE,
  WORK_PER_STEP,
  maxErrors,
  mergeWindows,
  pieceWindows,
  placeSpan,
  scanEnds,
} from './match-candidates.js';
import { EXACT_WINDOW, exactHits, exactNear, findAll } from './exact-search.js';
import { GramIndex } from './gram-index.js';
import { keepsQuote } from './quote-kept.js';
import { finish } from './steps.js';
import { CONTEXT_LENGTH } from './text.js';

export { editDistance, similarity, findAll, EXACT_WINDOW, MAX_ERROR_RATE, WORK_PER_STEP };

// Weights of the parts of a candidate's score. The quote matters most; the
// context tells repeats apart; the position only breaks ties, because pages
// grow and shrink above a highlight all the time.
export const QUOTE_WEIGHT = 50;
export const PREFIX_WEIGHT = 20;
export const SUFFIX_WEIGHT = 20;
export const POSITION_WEIGHT = 2;

// The least total score (0..1) an approximate match needs to be drawn. A
// quote half wrong (0.5) needs its context nearly intact on both sides; and
// whatever its context, a span must keep over half the quote (quote-kept.js).
export const MIN_SCORE = 0.7;

// Quotes longer than this are found by their first and last SEGMENT_LENGTH
// characters: the search costs grow with the pattern, and the two ends with
// their context place a long passage as surely as the whole of it.
export const LONG_QUOTE_LENGTH = 1000;
export const SEGMENT_LENGTH = 256;

// Context used in the score and the alignments, next to the quote: what
// the extension stores. An imported highlight may carry up to 2,000
// characters, and the context's alignments grow with its square (2,000
// characters would be a task of tens of milliseconds for one candidate).
const CONTEXT_USED = CONTEXT_LENGTH;

// A long quote's found length may differ from the stored one by this share.
const MAX_LENGTH_CHANGE = 0.25;

// Before searching the whole text, look this far beyond where the quote is
// expected (plus its allowed errors): most edits move a highlight a little.
const NEAR_SLACK = 64;

// A near approximate match this good is taken without a whole-text search.
const NEAR_ACCEPT_SCORE = 0.9;

// An exact quote this well supported by its context is taken at once; a
// lower one may be a repeat of a quote whose own place was edited, so the
// approximate search gets a say.
const EXACT_ACCEPT_SCORE = 0.95;

/**
 * @typedef {object} Match
 * @property {number} start
 * @property {number} end
 * @property {number} score  - 0..1
 * @property {'position'|'quote'|'approximate'} method
 */

/**
 * @typedef {object} AnchorOptions
 * @property {number} [delta] - how far the previous highlight of the same
 *   page moved; the next one has probably moved as far
 * @property {boolean} [quick] - only look near the expected place (a
 *   bounded amount of work, tens of microseconds for a usual quote); the
 *   whole-text search is left for a later call
 * @property {GramIndex} [grams] - an index of `text` shared by the searches
 *   of one page (built by the first one that needs it); one of its own
 *   otherwise
 */

/**
 * Score a place for a quote on its context and position (the quote itself is
 * scored by the caller, which knows how it matched). The prefix is compared
 * with the text ending exactly at `start`, the suffix with the text starting
 * exactly at `end`.
 *
 * @param {string} text
 * @param {import('./selector.js').Selector} selector - `start` is the hint
 * @param {number} start - where the candidate starts
 * @param {number} end   - where it ends
 * @param {number} quoteScore - 0..1, how well the quote matched
 * @returns {number} 0..1
 */
export function scoreMatch(text, selector, start, end, quoteScore) {
  const { prefix = '', suffix = '' } = selector;
  const prefixScore = prefix
    ? 1 - contextErrors(text, start, prefix, 'prefix') / prefix.length
    : 1;
  const suffixScore = suffix
    ? 1 - contextErrors(text, end, suffix, 'suffix') / suffix.length
    : 1;
  const hint = selector.start;
  const positionScore =
    hint >= 0 && text.length
      ? 1 - Math.min(1, Math.abs(start - hint) / text.length)
      : 1;
  // Context that was never stored (a quote at the edge of the page, or a
  // selector from elsewhere with none) neither helps nor hurts: the score is
  // over the parts there are.
  const prefixWeight = prefix ? PREFIX_WEIGHT : 0;
  const suffixWeight = suffix ? SUFFIX_WEIGHT : 0;
  return (
    (QUOTE_WEIGHT * quoteScore +
      prefixWeight * prefixScore +
      suffixWeight * suffixScore +
      POSITION_WEIGHT * positionScore) /
    (QUOTE_WEIGHT + prefixWeight + suffixWeight + POSITION_WEIGHT)
  );
}

/**
 * Anchor a selector in page text, one bounded step per `next()`: position,
 * then exact quote, then approximate. The generator's return value is the
 * match, or null when the highlight is an orphan on this text.
 *
 * @param {string} text - the page text now
 * @param {import('./selector.js').Selector} selector
 * @param {AnchorOptions} [options]
 * @returns {Generator<number, Match | null>} yields the work done per step
 */
export function* anchorSteps(text, stored, { delta = 0, quick = false, grams } = {}) {
  const selector = nearContext(stored);
  const { exact, start } = selector;
  if (!exact || !text) return null;
  if (start >= 0 && text.startsWith(exact, start)) {
    return { start, end: start + exact.length, score: 1, method: 'position' };
  }
  const expected = start >= 0 ? start + delta : -1;
  const nearExact = expected >= 0 ? exactNear(text, selector, expected) : null;
  if (nearExact) return nearExact;
  // Made only past the exact quote near its place, which most highlights
  // of a shifted page take.
  const hinted = { ...selector, start: expected };
  const budget = new Budget();
  if (quick) {
    if (expected < 0) return null;
    return atLeast(yield* approximate(text, hinted, budget, null), NEAR_ACCEPT_SCORE);
  }

  const index = grams ?? new GramIndex(text);
  const exactHit = yield* bestExactHit(text, hinted, budget, index);
  if (exactHit && exactHit.score >= EXACT_ACCEPT_SCORE) return exactHit;
  let near = null;
  if (expected >= 0) {
    near = atLeast(yield* approximate(text, hinted, budget, null), NEAR_ACCEPT_SCORE);
    if (near && (!exactHit || near.score >= exactHit.score)) return near;
  }
  const whole = { grams: index, stored: start };
  const far = atLeast(yield* approximate(text, hinted, budget, whole), MIN_SCORE);
  // The exact quote stands even with its context gone: the words are the
  // same, and the approximate search would find nothing better.
  return [exactHit, near, far].reduce(
    (best, m) => (m && (!best || m.score > best.score) ? m : best),
    null,
  );
}

/**
 * Anchor a selector in page text: position, then exact quote, then
 * approximate. Null means the highlight is an orphan on this text. This runs
 * every step at once; use `anchorSteps` (or `quick`) on the main thread.
 *
 * @param {string} text - the page text now
 * @param {import('./selector.js').Selector} selector
 * @param {AnchorOptions} [options]
 * @returns {Match | null}
 */
export function anchorQuote(text, selector, options = {}) {
  return finish(anchorSteps(text, selector, options));
}

/**
 * Find the best approximate place for the selector's quote in the whole
 * text (no position or exact-quote shortcut).
 *
 * @param {string} text
 * @param {import('./selector.js').Selector} selector
 * @returns {Match | null}
 */
export function matchApprox(text, selector) {
  const whole = { grams: new GramIndex(text), stored: -1 };
  return atLeast(finish(approximate(text, nearContext(selector), new Budget(), whole)), MIN_SCORE);
}

/**
 * Approximate search in a small window around the expected place only.
 *
 * @param {string} text
 * @param {import('./selector.js').Selector} selector
 * @param {number} expected
 * @returns {Match | null}
 */
export function matchNear(text, selector, expected) {
  const hinted = { ...nearContext(selector), start: expected };
  return atLeast(finish(approximate(text, hinted, new Budget(), null)), MIN_SCORE);
}

/**
 * The substring of `text[from, to)` closest to `pattern` in edit distance.
 *
 * @param {string} text
 * @param {string} pattern
 * @param {number} from
 * @param {number} to
 * @returns {{start: number, end: number, errors: number} | null}
 */
export function searchApprox(text, pattern, from, to) {
  if (!pattern) return null;
  const budget = new Budget();
  const [best] = finish(scanEnds(text, pattern, [[from, to]], budget));
  return best ? finish(placeSpan(text, pattern, best, '', '', budget)) : null;
}

/** The selector with only the context next to its quote (CONTEXT_USED). */
function nearContext(selector) {
  const { prefix = '', suffix = '' } = selector;
  if (prefix.length <= CONTEXT_USED && suffix.length <= CONTEXT_USED) return selector;
  return {
    ...selector,
    prefix: prefix.slice(prefix.length - CONTEXT_USED),
    suffix: suffix.slice(0, CONTEXT_USED),
  };
}

/**
 * The work `scoreMatch` does: its two context alignments, each over the
 * context and up to twice as much text.
 */
function scoreWork({ prefix = '', suffix = '' }) {
  return 2 * (prefix.length ** 2 + suffix.length ** 2) + 1;
}

/** The most a candidate whose quote scores `quoteScore` can score. */
function scoreBound(quoteScore) {
  return (QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT) /
    (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
}

function atLeast(match, score) {
  return match && match.score >= score ? match : null;
}

/** The repeat of the exact quote best supported by context and position. */
function* bestExactHit(text, selector, budget, grams) {
  const { exact } = selector;
  let best = null;
  for (const hit of yield* exactHits(text, exact, budget, grams)) {
    const score = scoreMatch(text, selector, hit, hit + exact.length, 1);
    if (!best || score > best.score) {
      best = { start: hit, end: hit + exact.length, score, method: 'quote' };
    }
    if (budget.charge(scoreWork(selector))) yield budget.endStep();
  }
  return best;
}

/**
 * The best approximate match, without a minimum score (the caller applies
 * its own): near the expected place only, or over the whole text, where
 * `whole` has the text's gram index (to find where the quote can be, see
 * `pieceWindows`) and the stored position (looked at as closely as the
 * expected place).
 *
 * @param {string} text
 * @param {import('./selector.js').Selector} selector - `start` is the expected place
 * @param {Budget} budget
 * @param {{grams: GramIndex, stored: number}|null} whole - null: near only
 */
function* approximate(text, selector, budget, whole) {
  return selector.exact.length > LONG_QUOTE_LENGTH
    ? yield* approximateLong(text, selector, budget, whole)
    : yield* approximateShort(text, selector, budget, whole);
}

/**
 * Windows where a pattern may be: around where it would start when the
 * quote starts at each of `starts` (the expected place, the stored one),
 * and, for a whole-text search, wherever its pieces are.
 */
function* windowsFor(pattern, offset, reach, starts, whole, context, budget) {
  const around = starts
    .filter((at) => at >= 0)
    .map((at) => [at + offset - reach, at + offset + pattern.length + reach]);
  if (!whole) return around;
  const [before, after] = context;
  const found = yield* pieceWindows(whole.grams, pattern, before, after, reach, budget);
  return mergeWindows([...around, ...found]);
}

function* approximateShort(text, selector, budget, whole) {
  const { exact, prefix = '', suffix = '', start: expected } = selector;
  const m = exact.length;
  const reach = maxErrors(m) + NEAR_SLACK;
  const starts = whole ? [expected, whole.stored] : [expected];
  const windows = yield* windowsFor(exact, 0, reach, starts, whole, [prefix, suffix], budget);
  const ends = yield* scanEnds(text, exact, windows, budget, expected + m);
  let best = null;
  for (const candidate of ends) {
    // Candidates come best quote first; once even perfect context could not
    // lift one above the best so far, none after it can either.
    if (best && scoreBound(1 - candidate.errors / m) < best.score) break;
    const span = yield* placeSpan(text, exact, candidate, prefix, suffix, budget);
    if (!span || span.errors > maxErrors(m)) continue;
    if (!(yield* keepsQuote(text, exact, span, budget))) continue;
    const score = scoreMatch(text, selector, span.start, span.end, 1 - span.errors / m);
    if (budget.charge(scoreWork(selector))) yield budget.endStep();
    if (!best || score > best.score) {
      best = { start: span.start, end: span.end, score, method: 'approximate' };
    }
  }
  return best;
}

/**
 * A long quote: its first segment (with the prefix) places the start, its
 * last segment (with the suffix) the end; the length between them must be
 * close to the stored one.
 */
function* approximateLong(text, selector, budget, whole) {
  const { exact, prefix = '', suffix = '', start: expected } = selector;
  const m = exact.length;
  const head = exact.slice(0, SEGMENT_LENGTH);
  const tail = exact.slice(m - SEGMENT_LENGTH);
  const reach = maxErrors(SEGMENT_LENGTH) + NEAR_SLACK;
  const places = whole ? [expected, whole.stored] : [expected];
  const headWindows = yield* windowsFor(head, 0, reach, places, whole, [prefix, ''], budget);
  const tailWindows = yield* windowsFor(tail, m - SEGMENT_LENGTH, reach, places, whole, ['', suffix], budget);
  const starts = [];
  for (const c of yield* scanEnds(text, head, headWindows, budget, expected + SEGMENT_LENGTH)) {
    const span = yield* placeSpan(text, head, c, prefix, '', budget);
    if (span && (yield* keepsQuote(text, head, span, budget))) starts.push({ at: span.start, errors: c.errors });
  }
  const ends = [];
  for (const c of yield* scanEnds(text, tail, tailWindows, budget, expected + m)) {
    const span = yield* placeSpan(text, tail, c, '', suffix, budget);
    if (span && (yield* keepsQuote(text, tail, span, budget))) ends.push({ at: span.end, errors: c.errors });
  }
  let best = null;
  for (const s of starts) {
    for (const e of ends) {
      const lengthChange = Math.abs(e.at - s.at - m);
      if (e.at <= s.at || lengthChange > m * MAX_LENGTH_CHANGE) continue;
      const segmentScore = 1 - (s.errors + e.errors) / (2 * SEGMENT_LENGTH);
      const quoteScore = segmentScore * (1 - lengthChange / m);
      const score = scoreMatch(text, selector, s.at, e.at, quoteScore);
      if (budget.charge(scoreWork(selector))) yield budget.endStep();
      if (!best || score > best.score) {
        best = { start: s.at, end: e.at, score, method: 'approximate' };
      }
    }
  }
  return best;
}
