// Run the edit simulation of benchmarks/anchoring.py under node: anchor each
// case with today's matcher (stepped, as the content script runs it) and the
// baseline, and print one JSON line of outcomes and times.
//
//   node benchmarks/anchoring_sim.mjs cases.json
//
// cases.json: {texts: [string], cases: [{text, kind, selector, expected}]}
// where `expected` is [start, end] of the right span, or null (an orphan).

import { readFileSync } from 'node:fs';
import { anchorSteps } from '../extension/src/lib/match-quote.js';
import { anchorQuote as baselineAnchor } from './match-quote-baseline.js';

const { texts, cases, skipBaselineOver = Infinity } = JSON.parse(
  readFileSync(process.argv[2], 'utf8'),
);

function outcome(match, expected) {
  if (!match) return expected ? 'orphaned' : 'right';
  if (!expected) return 'wrong';
  if (match.start === expected[0] && match.end === expected[1]) return 'right';
  const overlaps = match.start < expected[1] && match.end > expected[0];
  return overlaps ? 'partial' : 'wrong';
}

function ours(text, selector) {
  const steps = anchorSteps(text, selector);
  let longestStep = 0;
  const t0 = performance.now();
  for (;;) {
    const s0 = performance.now();
    const step = steps.next();
    longestStep = Math.max(longestStep, performance.now() - s0);
    if (step.done) return { match: step.value, ms: performance.now() - t0, longestStep };
  }
}

function baseline(text, selector) {
  const t0 = performance.now();
  const match = baselineAnchor(text, selector);
  const ms = performance.now() - t0;
  return { match, ms, longestStep: ms };
}

// Warm both up first, so the first cases do not pay for the compiler.
for (const c of cases.slice(0, 50)) {
  if (c.selector.exact.length > 5000) continue;
  ours(texts[c.text], c.selector);
  baseline(texts[c.text], c.selector);
}

const results = cases.map((c) => {
  const text = texts[c.text];
  const mine = ours(text, c.selector);
  const row = {
    kind: c.kind,
    quoteLength: c.selector.exact.length,
    ours: { outcome: outcome(mine.match, c.expected), ms: mine.ms, longestStep: mine.longestStep },
  };
  if (c.selector.exact.length <= skipBaselineOver) {
    const old = baseline(text, c.selector);
    row.baseline = { outcome: outcome(old.match, c.expected), ms: old.ms, longestStep: old.longestStep };
  }
  return row;
});
process.stdout.write(JSON.stringify(results));
