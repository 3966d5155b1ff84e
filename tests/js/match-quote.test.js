import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  anchorQuote,
  editDistance,
  similarity,
  searchApprox,
  scoreMatch,
  findAll,
  matchApprox,
  matchNear,
  MIN_SCORE,
} from '../../extension/src/lib/match-quote.js';
import { buildSelector } from '../../extension/src/lib/selector.js';

const ARTICLE = [
  'Local-first software keeps the primary copy of your data on your own device.',
  'The network is an optimisation, not a requirement, and nothing is lost when it fails.',
  'A highlighter built this way stores each highlight before it tries to send it.',
  'When the server comes back, the queue drains and every capture arrives exactly once.',
  'Repeated words are common: the queue, the queue, the queue.',
].join('\n\n');

function sel(text, quote, nth = 0) {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(quote, at + 1);
  return buildSelector(text, at, at + quote.length);
}

test('edit distance counts insertions, deletions and substitutions', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('same', 'same'), 0);
  assert.equal(similarity('abcd', 'abcd'), 1);
  assert.equal(similarity('', ''), 1);
  assert.equal(similarity('abcd', 'wxyz'), 0);
});

test('approximate search finds the closest substring and where it starts', () => {
  const text = 'xxxx the quikc brown fox yyyy';
  const found = searchApprox(text, 'the quick brown fox', 0, text.length);
  assert.equal(found.errors, 2);
  assert.equal(text.slice(found.start, found.end).startsWith('the qui'), true);
  assert.equal(found.start, 5);
});

test('findAll lists every occurrence up to a limit', () => {
  assert.deepEqual(findAll('a-a-a', 'a'), [0, 2, 4]);
  assert.deepEqual(findAll('a-a-a', 'a', 2), [0, 2]);
  assert.deepEqual(findAll('abc', ''), []);
});

test('an unchanged page anchors by position', () => {
  const s = sel(ARTICLE, 'stores each highlight');
  const m = anchorQuote(ARTICLE, s);
  assert.equal(m.method, 'position');
  assert.equal(ARTICLE.slice(m.start, m.end), 'stores each highlight');
});

test('text added above a highlight is handled by exact quote search', () => {
  const s = sel(ARTICLE, 'stores each highlight');
  const edited = 'A new introduction paragraph.\n\n' + ARTICLE;
  const m = anchorQuote(edited, s);
  assert.equal(m.method, 'quote');
  assert.equal(edited.slice(m.start, m.end), 'stores each highlight');
});

test('a repeated quote is placed by its context, not the first repeat', () => {
  const s = sel(ARTICLE, 'the queue', 2); // the second "the queue" in the last line
  const shifted = 'Preface.\n' + ARTICLE;
  const m = anchorQuote(shifted, s);
  assert.equal(m.start, s.start + 'Preface.\n'.length);
});

test('a lightly reworded highlight anchors approximately', () => {
  const quote = 'The network is an optimisation, not a requirement';
  const s = sel(ARTICLE, quote);
  const edited = ARTICLE.replace(
    quote,
    'The network is an optimization, not a hard requirement',
  ).replace('Local-first', 'Truly local-first');
  const m = anchorQuote(edited, s);
  assert.ok(m, 'should anchor');
  assert.equal(m.method, 'approximate');
  assert.ok(m.score >= MIN_SCORE);
  assert.match(edited.slice(m.start, m.end), /^The network is an optimization/);
  assert.match(edited.slice(m.start, m.end), /requirement$/);
});

test('a highlight whose text was removed is an orphan', () => {
  const quote = 'nothing is lost when it fails';
  const s = sel(ARTICLE, quote);
  const edited = ARTICLE.replace(
    'and nothing is lost when it fails',
    'so plan for partitions',
  );
  assert.equal(anchorQuote(edited, s), null);
});

test('a similar sentence in a different place is not taken for the quote', () => {
  const s = {
    exact: 'the queue drains and every capture arrives',
    prefix: 'completely different context here',
    suffix: 'and unrelated words follow it now',
    start: 10,
    end: 52,
  };
  const text =
    'Nothing here matches. ' +
    'a tree grains and every rapture derives '.repeat(3) +
    'more filler text that has no relation at all.';
  assert.equal(matchApprox(text, s), null);
});

test('context lifts the score of the right place', () => {
  const s = sel(ARTICLE, 'the queue', 1);
  const right = scoreMatch(ARTICLE, s, s.start, s.end, 1);
  const other = findAll(ARTICLE, 'the queue')[0];
  const wrong = scoreMatch(ARTICLE, s, other, other + 9, 1);
  assert.ok(right > wrong);
});

test('an empty quote never anchors', () => {
  assert.equal(anchorQuote(ARTICLE, { exact: '', start: 0, end: 0 }), null);
});

// How quickly: benchmarks/anchoring.py (a wall-clock limit here would fail
// on a busy machine, not on slow code).
test('a thousand quotes in a megabyte of text are all anchored', () => {
  const para = ARTICLE + '\n\n';
  let text = '';
  let n = 0;
  while (text.length < 1_000_000) text += `Section ${n++}. ` + para;
  const selectors = [];
  for (let k = 0; k < 1000; k++) {
    const start = Math.floor((k / 1000) * (text.length - 100));
    selectors.push(buildSelector(text, start, start + 60));
  }
  const shifted = 'An added preface. ' + text;
  let anchored = 0;
  for (const s of selectors) if (anchorQuote(shifted, s)) anchored += 1;
  assert.equal(anchored, 1000);
});

test('a highlight moved as far as the one before it is found near there', () => {
  const s = sel(ARTICLE, 'stores each highlight');
  const added = 'X'.repeat(5000) + ARTICLE;
  const m = anchorQuote(added, s, { delta: 5000 });
  assert.equal(m.method, 'quote');
  assert.equal(m.start, s.start + 5000);
});

test('a wrong guess of the shift still finds the quote elsewhere', () => {
  const s = sel(ARTICLE, 'stores each highlight');
  const added = 'Y'.repeat(9000) + ARTICLE;
  const m = anchorQuote(added, s, { delta: -3 });
  assert.equal(added.slice(m.start, m.end), 'stores each highlight');
});

test('a reworded quote near its old place is found without a whole-text search', () => {
  const quote = 'nothing is lost when it fails';
  const s = sel(ARTICLE, quote);
  const edited = ARTICLE.replace(quote, 'nothing is lost when it breaks');
  const m = matchNear(edited, s, s.start);
  assert.ok(m);
  assert.match(edited.slice(m.start, m.end), /^nothing is lost when it/);
  assert.equal(matchNear(edited.replace('nothing is lost when it breaks', 'zzzz'), s, s.start), null);
});

test('a quick anchoring looks only near the expected place', () => {
  const s = sel(ARTICLE, 'stores each highlight');
  const far = 'Z'.repeat(20000) + ARTICLE;
  assert.equal(anchorQuote(far, s, { quick: true }), null);
  assert.equal(anchorQuote(far, s, { quick: true, delta: 20000 }).start, s.start + 20000);
  assert.equal(anchorQuote(far, s).start, s.start + 20000);
  const near = 'Short preface. ' + ARTICLE;
  assert.equal(anchorQuote(near, s, { quick: true }).method, 'quote');
});

test('a 100,000-character quote with one edit is found in bounded steps', async () => {
  const { anchorSteps, WORK_PER_STEP, LONG_QUOTE_LENGTH } = await import('../../extension/src/lib/match-quote.js');
  // Varied text, as an article is: every 256 characters unlike any other.
  const words = ARTICLE.split(/\s+/);
  let seed = 7;
  let text = '';
  while (text.length < 300_000) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    const r = (seed >>> 8) & 0xffff;
    text += words[r % words.length] + (r % 7 ? ' ' : '. ');
  }
  const start = 50_000;
  const s = buildSelector(text, start, start + 100_000);
  assert.ok(s.exact.length > LONG_QUOTE_LENGTH);
  // One word changed in the middle, and text added above: no shortcut works.
  const mid = start + 50_000;
  const preface = 'A new preface, far longer than the near window. '.repeat(400);
  const edited = preface + text.slice(0, mid) + 'CHANGED' + text.slice(mid + 7);
  let steps = 0;
  let result;
  for (const it = anchorSteps(edited, s); ; steps++) {
    const step = it.next();
    if (step.done) {
      result = step.value;
      break;
    }
    assert.ok(step.value <= 2 * WORK_PER_STEP, `a step did ${step.value} units`);
  }
  assert.ok(steps > 1, 'the work was split');
  assert.equal(result.start, start + preface.length);
  assert.equal(result.end, start + 100_000 + preface.length);
});

test('a quote drawn elsewhere only when the page has it: a deleted passage is an orphan even with a similar one nearby', () => {
  const quote = 'the queue drains and every capture arrives exactly once';
  const s = sel(ARTICLE, quote);
  const edited = ARTICLE.replace(quote, '');
  assert.equal(anchorQuote(edited, s), null);
});

test('the last word edited: the suffix decides where the span ends', () => {
  const text = 'Vestibulum erat wisi, condimentum sed, commodo vitae, ornare sit amet, wisi.';
  const s = buildSelector(text, text.indexOf('sed, commodo'), text.indexOf(', ornare'));
  const edited = text.replace('vitae', 'cites');
  const m = anchorQuote(edited, s);
  assert.equal(edited.slice(m.start, m.end), 'sed, commodo cites');
});

test('a repeated phrase whose own place was edited is not drawn on another repeat', () => {
  const text = 'Intro. The queue is long today. Middle part here. The queue is long today? Closing words.';
  const at = text.indexOf('The queue is long today?');
  const s = buildSelector(text, at, at + 'The queue is long today'.length);
  const edited = text.replace('The queue is long today?', 'The queue is very long today?');
  const m = anchorQuote(edited, s);
  assert.equal(edited.slice(m.start, m.end), 'The queue is very long today');
});
