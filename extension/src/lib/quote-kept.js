/**
 * How much of a stored quote a candidate span still holds, on its own,
 * whatever the context around the span says.
 *
 * The approximate search scores a quote by 1 - errors / length, which
 * cannot tell a passage with a long word added or changed (every character
 * of the rest still there, in place) from other text that shares letters
 * with the quote by chance: two unrelated stretches of a page align with
 * about half their characters in common, one or two at a time. Where a
 * passage was deleted, its prefix and suffix meet, and a span between
 * such a context match with half the quote there by chance scored over the
 * minimum. So the quote is measured by what it keeps: its characters that
 * the span holds in order, in runs of at least MIN_RUN.
 */

// Characters in common in runs shorter than this are what any two texts
// share (a letter, a space and a letter); a run of three is a piece of a
// word. Runs of 3 and of 4 tell the same cases apart in the edit simulation.
export const MIN_RUN = 3;

// The share of the quote a span must keep, strictly more than: a passage
// only half there is not the passage, however well its context matches.
export const MIN_QUOTE_KEPT = 0.5;

/**
 * Whether a candidate span of `text` keeps more than MIN_QUOTE_KEPT of
 * `quote` (see above). Few errors settle it without the alignment of the
 * whole quote with the span (a quote of 1,000 characters is a table of a
 * million cells): each error ends at most one run, so at most
 * (MIN_RUN - 1) * (errors + 1) kept characters fall in short runs. The
 * errors the search counted for the span can be fewer than the span has
 * (its ends are placed by the context afterwards), so they are checked by
 * an alignment kept to a band around the diagonal, a few cells a row.
 *
 * @param {string} text
 * @param {string} quote
 * @param {{start: number, end: number, errors: number}} span - errors: as
 *   the search counted them
 * @param {import('./match-candidates.js').Budget} budget - see match-candidates.js
 * @returns {Generator<number, boolean>}
 */
export function* keepsQuote(text, quote, { start, end, errors }, budget) {
  const m = quote.length;
  const spanText = text.slice(start, end);
  const settles = (e) => m - e - (MIN_RUN - 1) * (e + 1) > MIN_QUOTE_KEPT * m;
  if (settles(errors)) {
    const band = 2 * errors + Math.abs(spanText.length - m) + 1;
    if (settles(yield* bandedDistance(quote, spanText, band, budget))) return true;
  }
  const kept = yield* keptCharacters(quote, spanText, budget);
  return kept > MIN_QUOTE_KEPT * m;
}

/**
 * The fewest edits between `a` and `b` by an alignment that stays within
 * `band` cells of the diagonal: the edit distance when that is at most
 * `band`, and more than it (never less) otherwise.
 *
 * @param {string} a
 * @param {string} b
 * @param {number} band
 * @param {import('./match-candidates.js').Budget} budget
 * @returns {Generator<number, number>}
 */
export function* bandedDistance(a, b, band, budget) {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > band) return Math.max(m, n);
  const far = m + n + 1;
  let [prev, cur] = budget.rows(n + 1);
  prev.fill(far, 0, n + 1);
  cur.fill(far, 0, n + 1);
  for (let j = 0; j <= Math.min(n, band); j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(0, i - band);
    const hi = Math.min(n, i + band);
    if (lo === 0) cur[0] = i;
    else cur[lo - 1] = far;
    const c = a.charCodeAt(i - 1);
    for (let j = Math.max(1, lo); j <= hi; j++) {
      const diagonal = prev[j - 1] + (c === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(diagonal, prev[j] + 1, cur[j - 1] + 1);
    }
    const done = prev;
    prev = cur;
    cur = done;
    if (budget.charge(hi - lo + 1)) yield budget.endStep();
  }
  return Math.min(prev[n], far);
}

/**
 * The characters of `quote` that a least-edits alignment with `span` keeps
 * in runs of at least MIN_RUN. The table is filled a row at a time, each
 * row spent from `budget`.
 *
 * @param {string} quote
 * @param {string} span
 * @param {import('./match-candidates.js').Budget} budget
 * @returns {Generator<number, number>}
 */
export function* keptCharacters(quote, span, budget) {
  const m = quote.length;
  const n = span.length;
  const width = n + 1;
  const cost = new Int32Array((m + 1) * width);
  for (let j = 0; j <= n; j++) cost[j] = j;
  for (let i = 1; i <= m; i++) {
    const row = i * width;
    const up = row - width;
    cost[row] = i;
    const c = quote.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const diagonal = cost[up + j - 1] + (c === span.charCodeAt(j - 1) ? 0 : 1);
      cost[row + j] = Math.min(diagonal, cost[up + j] + 1, cost[row + j - 1] + 1);
    }
    if (budget.charge(n)) yield budget.endStep();
  }
  // The run of matches on a least-edits path ending at (i, j), up to MIN_RUN.
  const runAt = (i, j) => {
    let k = 0;
    while (
      k < MIN_RUN && i - k > 0 && j - k > 0 &&
      quote.charCodeAt(i - k - 1) === span.charCodeAt(j - k - 1) &&
      cost[(i - k) * width + j - k] === cost[(i - k - 1) * width + j - k - 1]
    ) k += 1;
    return k;
  };
  // Walk back along a least-edits path. Of equally short paths, take one
  // through a gap rather than a lone letter the added word shares with the
  // quote by chance ('remarkably' has the 'a' of 'on a'): the quote's runs
  // stay whole where a word was added or removed.
  let kept = 0;
  let run = 0;
  let i = m;
  let j = n;
  while (i > 0 && j > 0) {
    const here = cost[i * width + j];
    const gapLeft = here === cost[i * width + j - 1] + 1;
    const gapUp = here === cost[(i - 1) * width + j] + 1;
    const matches = runAt(i, j);
    if (matches && (run > 0 || matches >= MIN_RUN || !(gapLeft || gapUp))) {
      run += 1;
      i -= 1;
      j -= 1;
      continue;
    }
    if (run >= MIN_RUN) kept += run;
    run = 0;
    if (gapLeft) {
      j -= 1;
    } else if (here === cost[(i - 1) * width + j] + 1) {
      i -= 1;
    } else {
      i -= 1;
      j -= 1;
    }
  }
  if (budget.charge(m + n)) yield budget.endStep();
  return run >= MIN_RUN ? kept + run : kept;
}
