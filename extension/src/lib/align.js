/**
 * Small dynamic-programming alignments used to place and score a match once
 * the bit-parallel search has found roughly where it is. Each one works on a
 * few dozen characters of context, so its cost is bounded by the caller.
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

// The two rows of `contextErrors`' table, reused by every call (it runs in
// one go, so no two calls share them at once): two small arrays per
// candidate scored were the most a whole-text search allocated once the
// rest was lean, each with memory of its own outside the heap.
let contextRows = [new Int32Array(129), new Int32Array(129)];

/**
 * How many edits the stored context is from the text next to a match,
 * aligned at the match: a prefix must end exactly where the match starts,
 * a suffix must begin exactly where it ends; the far end of the context may
 * fall anywhere (words added or removed in it change its length).
 *
 * @param {string} text
 * @param {number} at - the match's start (for a prefix) or end (for a suffix)
 * @param {string} context
 * @param {'prefix'|'suffix'} side
 * @returns {number} 0..context.length
 */
export function contextErrors(text, at, context, side) {
  const m = context.length;
  if (!m) return 0;
  // The text to compare, read away from the match: up to twice the context,
  // since extra characters in the text cost one edit each anyway.
  const n = side === 'prefix' ? Math.min(at, 2 * m) : Math.min(text.length - at, 2 * m);
  const textAt = side === 'prefix' ? (j) => text.charCodeAt(at - 1 - j) : (j) => text.charCodeAt(at + j);
  const contextAt = side === 'prefix' ? (i) => context.charCodeAt(m - 1 - i) : (i) => context.charCodeAt(i);
  // Rows over the context, columns over the text, both read from the match
  // outwards; the answer is the best cell of the last row.
  if (contextRows[0].length < n + 1) contextRows = [new Int32Array(n + 1), new Int32Array(n + 1)];
  let [prev, cur] = contextRows;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const c = contextAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cost = c === textAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j - 1] + cost, prev[j] + 1, cur[j - 1] + 1);
    }
    const done = prev;
    prev = cur;
    cur = done;
  }
  let best = m;
  for (let j = 0; j <= n; j++) best = Math.min(best, prev[j]);
  return best;
}

// Weights of an edit in the alignment that places a boundary.
const QUOTE_COST = 2;
const CONTEXT_COST = 3;

/**
 * Where the boundary between `left` and `right` falls in text[from, to):
 * `left + right` is aligned with the text (the text around it is free), and
 * the boundary is the text offset where the alignment passes from the last
 * character of `left` to the first of `right`. Text the alignment inserts
 * at the boundary is put outside the side named by `keep`, so a word added
 * just before a quote is not drawn as part of it.
 *
 * @param {string} text
 * @param {number} from
 * @param {number} to
 * @param {string} left
 * @param {string} right
 * @param {'left'|'right'} keep - the side the match is on ('right' when
 *   placing a start, after the prefix; 'left' when placing an end)
 * @returns {{at: number, errors: number}} errors: the alignment's weighted cost
 */
export function alignBoundary(text, from, to, left, right, keep) {
  const steps = alignBoundarySteps(text, from, to, left, right, keep, UNBOUNDED);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

// A budget that never ends a step: for callers that align in one go.
const UNBOUNDED = { charge: () => false, endStep: () => 0 };

/**
 * `alignBoundary` in bounded steps: the table is filled a row at a time,
 * each row spent from `budget` (a row is as many cells as the window is
 * wide: a quote of a thousand characters with many errors has a window of
 * a thousand columns, and the rows of both its ends and context make tens
 * of thousands of cells).
 *
 * @param {string} text
 * @param {number} from
 * @param {number} to
 * @param {string} left
 * @param {string} right
 * @param {'left'|'right'} keep
 * @param {import('./match-candidates.js').Budget} budget - see match-candidates.js
 * @returns {Generator<number, {at: number, errors: number}>}
 */
export function* alignBoundarySteps(text, from, to, left, right, keep, budget) {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  const pattern = left + right;
  const rows = pattern.length;
  const n = Math.max(0, to - from);
  const width = n + 1;
  // An edit costs more in the context than in the quote: the quote is what
  // was edited, so of two equally short alignments the one that keeps the
  // context intact wins ("Unavailable | while", not "Unavailabl|e while"
  // when the quote's first word was removed).
  const contextRows = keep === 'right' ? [1, left.length] : [left.length + 1, rows];
  const weight = new Int32Array(rows + 1);
  for (let i = 0; i <= rows; i++) {
    weight[i] = i >= contextRows[0] && i <= contextRows[1] ? CONTEXT_COST : QUOTE_COST;
  }
  // A text character skipped after row i costs what an edit of row i does,
  // except at the boundary, where it is outside the quote.
  const skip = new Int32Array(rows + 1);
  for (let i = 0; i <= rows; i++) skip[i] = i === left.length ? QUOTE_COST : weight[i];
  const cost = new Int32Array((rows + 1) * width);
  const window = new Int32Array(n);
  for (let j = 0; j < n; j++) window[j] = text.charCodeAt(from + j);
  for (let i = 1; i <= rows; i++) {
    cost[i * width] = cost[(i - 1) * width] + weight[i];
    const c = pattern.charCodeAt(i - 1);
    const w = weight[i];
    const s = skip[i];
    for (let j = 1; j <= n; j++) {
      const above = (i - 1) * width + j;
      const diagonal = cost[above - 1] + (c === window[j - 1] ? 0 : w);
      const up = cost[above] + w;
      const leftCell = cost[above + width - 1] + s;
      let best = diagonal < up ? diagonal : up;
      if (leftCell < best) best = leftCell;
      cost[above + width] = best;
    }
    if (budget.charge(width)) yield budget.endStep();
  }
  let j = 0;
  for (let k = 1; k <= n; k++) if (cost[rows * width + k] < cost[rows * width + j]) j = k;
  // With nothing after the boundary, an end inside a word may be cheaper by
  // an edit than the word's end ("commodo vit" for "commodo cites" against
  // "commodo vitae"): a whole word is worth one edit more.
  if (!right.length && keep === 'left') {
    const bound = cost[rows * width + j] + QUOTE_COST;
    const cuts = (k) => isWordChar(text, from + k - 1) && isWordChar(text, from + k);
    if (cuts(j)) {
      let k = j;
      while (k < n && cuts(k)) k += 1;
      if (!cuts(k) && cost[rows * width + k] <= bound) j = k;
    }
  }
  const errors = cost[rows * width + j];
  // Walk back to the boundary row, preferring diagonal steps.
  let i = rows;
  while (i > left.length) {
    const here = cost[i * width + j];
    const c = pattern.charCodeAt(i - 1);
    const w = weight[i];
    if (j > 0 && here === cost[(i - 1) * width + j - 1] + (c === text.charCodeAt(from + j - 1) ? 0 : w)) {
      i -= 1;
      j -= 1;
    } else if (here === cost[(i - 1) * width + j] + w) {
      i -= 1;
    } else {
      j -= 1;
    }
  }
  // Now on the boundary row at the right end of the path's run along it;
  // text taken by those horizontal steps lies between left and right, and
  // any column of the run is an equally good boundary. Prefer one that does
  // not cut a word, then the one that keeps the inserted text out of `keep`.
  const arrival = j;
  const s = skip[i];
  while (j > 0 && cost[i * width + j] === cost[i * width + j - 1] + s) j -= 1;
  const cutsWord = (k) => isWordChar(text, from + k - 1) && isWordChar(text, from + k);
  if (keep === 'left') {
    for (let k = j; k <= arrival; k++) if (!cutsWord(k)) return { at: from + k, errors };
  } else {
    for (let k = arrival; k >= j; k--) if (!cutsWord(k)) return { at: from + k, errors };
    j = arrival;
  }
  return { at: from + j, errors };
}

/** A letter or digit (of any script): the inside of a word. */
function isWordChar(text, at) {
  if (at < 0 || at >= text.length) return false;
  const c = text.charCodeAt(at);
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  return WORD_CHAR.test(text[at]);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
