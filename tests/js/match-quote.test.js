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

test('anchoring a thousand quotes in a megabyte of text is quick', () => {
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
  const t0 = performance.now();
  let anchored = 0;
  for (const s of selectors) if (anchorQuote(shifted, s)) anchored += 1;
  const ms = performance.now() - t0;
  assert.equal(anchored, 1000);
  assert.ok(ms < 5000, `took ${ms} ms`);
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
