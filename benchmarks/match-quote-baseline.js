/**
 * Finding a stored quote in page text that may have changed since.
 *
 * The order is the one the design asks for: trust the stored position when
 * the quote is still there, else look for the exact quote (choosing among
 * repeats by context), else search approximately and score each candidate on
 * quote, prefix, suffix and position. Below MIN_SCORE the highlight is an
 * orphan: showing it nowhere is better than showing it on the wrong words.
 */

// Weights of the parts of a candidate's score. The quote matters most; the
// context tells repeats apart; the position only breaks ties, because pages
// grow and shrink above a highlight all the time.
export const QUOTE_WEIGHT = 50;
export const PREFIX_WEIGHT = 20;
export const SUFFIX_WEIGHT = 20;
export const POSITION_WEIGHT = 2;

// An approximate match may differ from the quote in at most this share of
// its characters: a reworded sentence still anchors, a different one not.
export const MAX_ERROR_RATE = 0.25;

// The least total score (0..1) an approximate match needs to be drawn. With
// the quote at the error limit (0.75) the context must be mostly intact.
export const MIN_SCORE = 0.7;

// Seeds are exact pieces of the quote or its context looked up with
// indexOf; each hit proposes a place for an approximate search. Shorter
// seeds find more edited quotes but hit too often in a long page.
const MIN_SEED_LENGTH = 6;
const MAX_SEEDS = 8;
const MAX_HITS_PER_SEED = 64;
const MAX_CANDIDATES = 24;

// With no seed hits at all, scan this far either side of the old position.
const FALLBACK_WINDOW = 4000;

// Before searching the whole text, look this far either side of where the
// quote is expected: most edits move a highlight by a few characters, and a
// 1 MB page makes each whole-text search cost about half a millisecond.
const NEAR_WINDOW = 2048;

// A near approximate match this good is taken without a whole-text search.
const NEAR_ACCEPT_SCORE = 0.9;

/**
 * @typedef {object} Match
 * @property {number} start
 * @property {number} end
 * @property {number} score  - 0..1
 * @property {'position'|'quote'|'approximate'} method
 */

/**
 * Levenshtein distance between two strings.
 *
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
export function editDistance(a, b) {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j - 1] + cost, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/**
 * Similarity of two strings, 1 for equal, 0 for nothing in common.
 *
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
export function similarity(a, b) {
  const longest = Math.max(a.length, b.length);
  if (!longest) return 1;
  return 1 - editDistance(a, b) / longest;
}

/**
 * The substring of `text[from, to)` closest to `pattern` in edit distance
 * (Sellers' algorithm: edit distance where the match may start anywhere).
 *
 * @param {string} text
 * @param {string} pattern
 * @param {number} from
 * @param {number} to
 * @returns {{start: number, end: number, errors: number} | null}
 */
export function searchApprox(text, pattern, from, to) {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  const m = pattern.length;
  if (!m || to <= from) return null;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  let prevStart = new Int32Array(m + 1);
  let curStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    prev[i] = i;
    prevStart[i] = from;
  }
  let best = null;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    cur[0] = 0;
    curStart[0] = j + 1;
    for (let i = 1; i <= m; i++) {
      let value = prev[i - 1] + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      let start = prevStart[i - 1];
      if (prev[i] + 1 < value) {
        value = prev[i] + 1;
        start = prevStart[i];
      }
      if (cur[i - 1] + 1 < value) {
        value = cur[i - 1] + 1;
        start = curStart[i - 1];
      }
      cur[i] = value;
      curStart[i] = start;
    }
    if (!best || cur[m] < best.errors) {
      best = { start: curStart[m], end: j + 1, errors: cur[m] };
    }
    [prev, cur] = [cur, prev];
    [prevStart, curStart] = [curStart, prevStart];
  }
  return best;
}

/**
 * Score a place for a quote on its context and position (the quote itself is
 * scored by the caller, which knows how it matched).
 *
 * @param {string} text
 * @param {import('./selector.js').Selector} selector
 * @param {number} start - where the candidate starts
 * @param {number} end   - where it ends
 * @param {number} quoteScore - 0..1, how well the quote matched
 * @returns {number} 0..1
 */
export function scoreMatch(text, selector, start, end, quoteScore) {
  const { prefix = '', suffix = '' } = selector;
  const prefixScore = prefix
    ? similarity(prefix, text.slice(Math.max(0, start - prefix.length), start))
    : 1;
  const suffixScore = suffix
    ? similarity(suffix, text.slice(end, end + suffix.length))
    : 1;
  const hint = selector.start;
  const positionScore =
    hint >= 0 && text.length
      ? 1 - Math.min(1, Math.abs(start - hint) / text.length)
      : 1;
  return (
    (QUOTE_WEIGHT * quoteScore +
      PREFIX_WEIGHT * prefixScore +
      SUFFIX_WEIGHT * suffixScore +
      POSITION_WEIGHT * positionScore) /
    (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT)
  );
}

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

/**
 * Places the quote may start at now, proposed by exact hits of its pieces
 * and of its context, best supported first.
 */
function candidateStarts(text, selector) {
  const { exact, prefix = '', suffix = '' } = selector;
  const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE);
  // Pigeonhole: cut the quote into maxErrors + 1 pieces and at least one
  // survives any maxErrors edits intact, unless that makes pieces too short.
  const pieces = Math.max(
    1,
    Math.min(
      MAX_SEEDS,
      maxErrors + 1,
      Math.floor(exact.length / MIN_SEED_LENGTH),
    ),
  );
  const size = Math.floor(exact.length / pieces);
  const seeds = [];
  for (let k = 0; k < pieces; k++) {
    const offset = k * size;
    const length = k === pieces - 1 ? exact.length - offset : size;
    seeds.push({ piece: exact.slice(offset, offset + length), shift: offset });
  }
  const tail = prefix.slice(-Math.max(MIN_SEED_LENGTH, 12));
  if (tail.length >= MIN_SEED_LENGTH) {
    seeds.push({ piece: tail, shift: -tail.length });
  }
  const head = suffix.slice(0, Math.max(MIN_SEED_LENGTH, 12));
  if (head.length >= MIN_SEED_LENGTH) {
    seeds.push({ piece: head, shift: exact.length });
  }
  const votes = new Map();
  const bucketSize = Math.max(8, maxErrors + 1);
  for (const { piece, shift } of seeds) {
    for (const hit of findAll(text, piece, MAX_HITS_PER_SEED)) {
      const start = hit - shift;
      const bucket = Math.round(start / bucketSize);
      const entry = votes.get(bucket) ?? { start, votes: 0 };
      entry.votes += 1;
      votes.set(bucket, entry);
    }
  }
  const hint = selector.start;
  return [...votes.values()]
    .sort(
      (a, b) =>
        b.votes - a.votes ||
        Math.abs(a.start - hint) - Math.abs(b.start - hint),
    )
    .slice(0, MAX_CANDIDATES)
    .map((entry) => entry.start);
}

/**
 * Find the best approximate place for the selector's quote.
 *
 * @param {string} text
 * @param {import('./selector.js').Selector} selector
 * @returns {Match | null}
 */
export function matchApprox(text, selector) {
  const { exact } = selector;
  const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE);
  const slack = maxErrors + 8;
  let windows = candidateStarts(text, selector).map((start) => [
    start - slack,
    start + exact.length + slack,
  ]);
  if (!windows.length && selector.start >= 0) {
    windows = [
      [selector.start - FALLBACK_WINDOW, selector.start + FALLBACK_WINDOW],
    ];
  }
  let best = null;
  for (const [from, to] of windows) {
    const found = searchApprox(text, exact, from, to);
    if (!found || found.errors > maxErrors) continue;
    const quoteScore = 1 - found.errors / exact.length;
    const score = scoreMatch(text, selector, found.start, found.end, quoteScore);
    if (!best || score > best.score) {
      best = {
        start: found.start,
        end: found.end,
        score,
        method: 'approximate',
      };
    }
  }
  return best && best.score >= MIN_SCORE ? best : null;
}

/**
 * The exact quote at `start` with its stored context around it.
 */
function exactWithContext(text, selector, start) {
  const { exact, prefix = '', suffix = '' } = selector;
  return (
    text.startsWith(exact, start) &&
    text.startsWith(prefix, start - prefix.length) &&
    text.startsWith(suffix, start + exact.length)
  );
}

/**
 * Anchor a selector in page text: position, then exact quote, then
 * approximate. Null means the highlight is an orphan on this text.
 *
 * @param {string} text - the page text now
 * @param {import('./selector.js').Selector} selector
 * @param {{delta?: number, quick?: boolean}} [options]
 *   delta: how far the previous highlight of the same page moved; the next
 *   one has probably moved as far.
 *   quick: only look near the expected place (microseconds); the searches
 *   over the whole text (milliseconds each on a long page) are left out, so
 *   a caller can run them later without freezing the page.
 * @returns {Match | null}
 */
export function anchorQuote(text, selector, { delta = 0, quick = false } = {}) {
  const { exact, start } = selector;
  if (!exact) return null;
  if (start >= 0 && text.startsWith(exact, start)) {
    return { start, end: start + exact.length, score: 1, method: 'position' };
  }
  const expected = start >= 0 ? start + delta : -1;

  // Exact quote with exact context close to where it was expected.
  if (expected >= 0) {
    // Search a slice, so a quote that is not near costs 4 kB, not 1 MB.
    const from = Math.max(0, expected - NEAR_WINDOW);
    const near = text.slice(from, expected + exact.length + NEAR_WINDOW);
    for (let at = near.indexOf(exact); at !== -1; at = near.indexOf(exact, at + 1)) {
      if (exactWithContext(text, selector, from + at)) {
        const hit = from + at;
        return { start: hit, end: hit + exact.length, score: 1, method: 'quote' };
      }
    }
  }

  if (quick) {
    return expected >= 0 ? acceptNear(matchNear(text, selector, expected)) : null;
  }

  const hits = findAll(text, exact, 1000);
  if (hits.length) {
    let best = null;
    const shifted = { ...selector, start: expected };
    for (const hit of hits) {
      const score = scoreMatch(text, shifted, hit, hit + exact.length, 1);
      if (!best || score > best.score) {
        best = { start: hit, end: hit + exact.length, score, method: 'quote' };
      }
    }
    return best;
  }

  if (expected >= 0) {
    const near = acceptNear(matchNear(text, selector, expected));
    if (near) return near;
  }
  return matchApprox(text, selector);
}

function acceptNear(match) {
  return match && match.score >= NEAR_ACCEPT_SCORE ? match : null;
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
  const { exact } = selector;
  const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE);
  const slack = maxErrors + 64;
  const found = searchApprox(text, exact, expected - slack, expected + exact.length + slack);
  if (!found || found.errors > maxErrors) return null;
  const score = scoreMatch(
    text,
    { ...selector, start: expected },
    found.start,
    found.end,
    1 - found.errors / exact.length,
  );
  return score >= MIN_SCORE
    ? { start: found.start, end: found.end, score, method: 'approximate' }
    : null;
}
