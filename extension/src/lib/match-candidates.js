/**
 * Candidate places for a quote, as generators that do a bounded amount of
 * work between yields: the bit-parallel search proposes where a quote (or a
 * segment of a long one) ends, and small alignments with the stored context
 * decide exactly where each candidate starts and ends.
 *
 * Every generator here yields the units of work done since its last yield
 * (text characters times pattern words for the search, table cells for the
 * alignments); the caller's step ends at each yield.
 */

import { MyersScanner } from './myers.js';
import { alignBoundarySteps } from './align.js';

// Units of work (a few nanoseconds each) in one step: about 0.1 ms once
// the compiler has optimised the matcher, and under 2 ms in the first steps
// of a page, which run in the interpreter ten times slower (a step of 1 << 16
// units took 14 ms there). A step begun just before a slice's deadline
// cannot carry the slice past a frame.
export const WORK_PER_STEP = 1 << 13;

// The search accepts ends with up to this share of the pattern wrong; the
// score with the context decides what is drawn (Hypothesis allows half too).
export const MAX_ERROR_RATE = 0.5;

// How many of the best candidate places are looked at closely. More costs
// time on long pages with a short quote; the one near the expected place is
// looked at separately, so this only matters for highlights that moved far.
export const MAX_CANDIDATES = 16;

// Pieces of a quote and its context looked up on the whole page: a place
// with fewer edits than pieces keeps one of them intact. Twelve characters
// (two words or so) are rare enough in prose to point at a few places, and
// a quote of 100 characters with its context gives 13 pieces.
export const PIECE_LENGTH = 12;

// A piece found more often than this says little about where the quote is
// (a common phrase); looking around all of it would cost more than it tells.
export const MAX_PIECE_HITS = 8;

// Fewer pieces than this would find only places with next to no edits (a
// quote of a few words with no context stored): such a quote is searched
// for in the whole text, which for a pattern this short is one word of
// bit-parallel work per character.
const MIN_PIECES = 4;

// A piece whose rarest gram occurs more often than this is common anyway:
// not even looked for.
const MAX_PIECE_LOOK = 256;

// Characters of the quote aligned together with the context to place each
// end: enough to see through an edited word at the edge of the quote.
const EDGE_LENGTH = 48;

// Extra columns either side of an alignment window, for a few edits more
// than the search counted at that end.
const ALIGN_SLACK = 8;

/** The most errors the search accepts for a pattern of `length`. */
export function maxErrors(length) {
  return Math.floor(length * MAX_ERROR_RATE);
}

/**
 * A step budget shared by the generators of one anchoring.
 */
export class Budget {
  /**
   * @param {number} [perStep] units of work in one step (Infinity: one
   *   step for all, where nothing waits on the main thread)
   */
  constructor(perStep = WORK_PER_STEP) {
    this.work = 0;
    this.perStep = perStep;
    /** @type {Int32Array[]} two rows the alignments of this anchoring reuse (see `rows`) */
    this.scratch = [];
  }

  /**
   * Two rows of at least `length` cells, the same ones for every alignment
   * of this anchoring that asks (one at a time: each finishes before the
   * next begins), not two new arrays per candidate checked. Their cells
   * hold whatever the last alignment left.
   *
   * @param {number} length
   * @returns {[Int32Array, Int32Array]}
   */
  rows(length) {
    if (!this.scratch.length || this.scratch[0].length < length) {
      this.scratch = [new Int32Array(length), new Int32Array(length)];
    }
    return /** @type {[Int32Array, Int32Array]} */ (this.scratch);
  }

  /**
   * Count `units` of work done; once a step's worth is done the caller ends
   * the step: `if (budget.charge(n)) yield budget.endStep();` (a plain call,
   * where a generator to delegate to was one more object per row aligned or
   * bucket entry checked: 1.6 of the 17.8 MB a search of 500 orphans
   * allocated, in node).
   *
   * @param {number} units
   * @returns {boolean} whether a step's worth is done (end the step now)
   */
  charge(units) {
    this.work += units;
    return this.work >= this.perStep;
  }

  /** @returns {number} the work of the step now ending, counted from zero again */
  endStep() {
    const done = this.work;
    this.work = 0;
    return done;
  }
}

/**
 * Where `pattern` ends with few errors in the windows of `text`: one entry
 * per run of adjacent good end positions, with that run's best end.
 *
 * @param {string} text
 * @param {string} pattern
 * @param {Array<[number, number]>} windows - [from, to) ranges, in order
 * @param {Budget} budget
 * @param {number} expectedEnd - keeps candidates near it when pruning ties
 * @returns {Generator<number, Array<{end: number, errors: number}>>}
 */
export function* scanEnds(text, pattern, windows, budget, expectedEnd = -1) {
  const scanner = new MyersScanner(pattern);
  const limit = maxErrors(pattern.length);
  const chunk = Math.max(64, Math.floor(budget.perStep / scanner.blocks));
  let runs = [];
  let run = null;
  const onMatch = (end, errors) => {
    if (run && end === run.last + 1) {
      run.last = end;
      if (errors < run.errors) {
        run.errors = errors;
        run.end = end;
      }
    } else {
      run = { end, errors, last: end };
      runs.push(run);
    }
  };
  const byQuality = (a, b) =>
    a.errors - b.errors ||
    Math.abs(a.end - expectedEnd) - Math.abs(b.end - expectedEnd);
  for (const [rawFrom, rawTo] of windows) {
    const from = Math.max(0, rawFrom);
    const to = Math.min(text.length, rawTo);
    scanner.reset();
    run = null;
    for (let at = from; at < to; at += chunk) {
      const stop = Math.min(to, at + chunk);
      scanner.scan(text, at, stop, limit, onMatch);
      if (runs.length > 4 * MAX_CANDIDATES) {
        runs = runs.sort(byQuality).slice(0, MAX_CANDIDATES);
        if (!runs.includes(run)) run = null;
      }
      if (budget.charge((stop - at) * scanner.blocks)) yield budget.endStep();
    }
  }
  return runs.sort(byQuality).slice(0, MAX_CANDIDATES);
}

/**
 * The exact span of a candidate found by `scanEnds`: its end is placed by
 * aligning the quote's last characters and the suffix, its start by the
 * prefix and the quote's first characters. Among equally good ends the
 * context decides, so an edited last word is drawn whole.
 *
 * @param {string} text
 * @param {string} quote
 * @param {{end: number, errors: number}} candidate
 * @param {string} prefix - '' to place the start by the quote alone
 * @param {string} suffix - '' to place the end by the quote alone
 * @param {Budget} budget
 * @returns {Generator<number, {start: number, end: number, errors: number} | null>}
 */
export function* placeSpan(text, quote, candidate, prefix, suffix, budget) {
  const m = quote.length;
  const { end: found, errors } = candidate;
  const edge = Math.min(m, EDGE_LENGTH);
  const slack = errors + ALIGN_SLACK;
  const head = quote.slice(0, edge);
  const tail = quote.slice(m - edge);
  const endFrom = found - edge - slack;
  const endTo = found + suffix.length + slack;
  let end = (yield* alignBoundarySteps(text, endFrom, endTo, tail, suffix, 'left', budget)).at;
  // The match covers m +- errors characters, so it starts in this range.
  const startFrom = found - m - errors - prefix.length - ALIGN_SLACK;
  const startTo = found - m + errors + edge + ALIGN_SLACK;
  let start = (yield* alignBoundarySteps(text, startFrom, startTo, prefix, head, 'right', budget)).at;
  // Whitespace at the edges belongs to the quote only if it had some there.
  if (!/^\s/.test(quote)) while (start < end && isSpace(text, start)) start += 1;
  if (!/\s$/.test(quote)) while (end > start && isSpace(text, end - 1)) end -= 1;
  if (end <= start) return null;
  return { start, end, errors: Math.max(errors, Math.abs(end - start - m)) };
}

function isSpace(text, at) {
  const c = text.charCodeAt(at);
  return c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x2028 || c === 0x2029;
}

/**
 * Where a quote can be on the whole page, found from its pieces: split the
 * quote with its context into pieces of PIECE_LENGTH; a place where they
 * differ by fewer edits than there are pieces has at least one piece intact
 * (each edit breaks at most one), so windows around the intact pieces'
 * occurrences hold every such place, and the bit-parallel search needs to
 * read only them, not the whole text. A piece too common to tell places
 * apart (more than MAX_PIECE_HITS occurrences) is left out: the places found
 * are then those with fewer edits than there are telling pieces. A pattern
 * too short for MIN_PIECES pieces gets the whole text as its window.
 *
 * @param {import('./gram-index.js').GramIndex} grams - of the text, built
 *   here if it is not yet
 * @param {string} quote
 * @param {string} before - the context before it ('' for none)
 * @param {string} after - the context after it
 * @param {number} reach - how far a window reaches either side of where the
 *   quote would start and end
 * @param {Budget} budget
 * @returns {Generator<number, Array<[number, number]>>} [from, to) windows
 */
export function* pieceWindows(grams, quote, before, after, reach, budget) {
  const all = before + quote + after;
  if (all.length < MIN_PIECES * PIECE_LENGTH) return [[0, grams.text.length]];
  yield* grams.build(budget);
  const windows = [];
  for (let at = 0; at + PIECE_LENGTH <= all.length; at += PIECE_LENGTH) {
    // The last piece takes the few characters left after it.
    const last = at + 2 * PIECE_LENGTH > all.length;
    const piece = all.slice(at, last ? all.length : at + PIECE_LENGTH);
    const { hits, complete, work } = grams.findShort(piece, MAX_PIECE_HITS, MAX_PIECE_LOOK);
    if (budget.charge(work)) yield budget.endStep();
    if (!complete) continue;
    for (const hit of hits) {
      const quoteStart = hit - at + before.length;
      windows.push([quoteStart - reach, quoteStart + quote.length + reach]);
    }
  }
  return mergeWindows(windows);
}

/**
 * Overlapping windows made one, in order.
 *
 * @param {Array<[number, number]>} windows
 * @returns {Array<[number, number]>}
 */
export function mergeWindows(windows) {
  const merged = [];
  for (const [from, to] of [...windows].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}
