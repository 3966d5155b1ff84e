import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { anchorQuote, MIN_SCORE } from '../../extension/src/lib/match-quote.js';
import { bandedDistance, keepsQuote, keptCharacters, MIN_QUOTE_KEPT } from '../../extension/src/lib/quote-kept.js';
import { Budget } from '../../extension/src/lib/match-candidates.js';

// Two highlights of the anchoring benchmark's "deleted" page (every
// highlighted passage deleted), cut to the text around where they were
// drawn: the stored prefix and suffix match there almost exactly, but only
// about half of the quote does, and the whole scored just over MIN_SCORE.
const DELETED = JSON.parse(
  readFileSync(new URL('./fixtures/deleted-passages.json', import.meta.url), 'utf8'),
);

function finish(steps) {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const kept = (quote, span) => finish(keptCharacters(quote, span, new Budget(Infinity)));
const keeps = (quote, span, errors) =>
  finish(keepsQuote(span, quote, { start: 0, end: span.length, errors }, new Budget(Infinity)));

for (const { id, page, selector } of DELETED) {
  test(`a deleted passage whose context still matches stays an orphan (${id.slice(-4)})`, () => {
    assert.equal(anchorQuote(page, selector), null);
  });
}

test('a quote with a long word added is all there, however many errors that is', () => {
  const quote = 'on a separate ring, so';
  const span = 'on a remarkably separate ring, so';
  assert.equal(kept(quote, span), quote.length);
  assert.equal(keeps(quote, span, 11), true);
});

test('letters shared by chance do not count as the quote being there', () => {
  // Half of the quote is there; the other half aligns with other words one
  // or two letters at a time.
  const quote = 'send search who central arrives';
  const span = 'send search\nTime thread blue fai';
  assert.ok(kept(quote, span) <= MIN_QUOTE_KEPT * quote.length);
  assert.equal(keeps(quote, span, 20), false);
});

test('a quote with one word changed keeps the rest and is drawn', () => {
  const text = 'Before it. The queue drains and every capture arrives once. After it.';
  const edited = text.replace('every', 'each');
  const start = text.indexOf('The queue');
  const exact = 'The queue drains and every capture arrives once.';
  const selector = { exact, prefix: text.slice(0, start), suffix: ' After it.', start };
  const match = anchorQuote(edited, selector);
  assert.ok(match && match.score >= MIN_SCORE);
  assert.equal(edited.slice(match.start, match.end), exact.replace('every', 'each'));
});

test('a banded alignment gives the edit distance within its band, never less', () => {
  const distance = (a, b, band) => finish(bandedDistance(a, b, band, new Budget(Infinity)));
  assert.equal(distance('kitten', 'sitting', 3), 3);
  assert.equal(distance('on a separate ring, so', 'on a remarkably separate ring, so', 11), 11);
  // 'abcdef' -> 'defabc' takes 6 edits; a band of 1 cannot find fewer.
  assert.ok(distance('abcdef', 'defabc', 1) >= 6);
  assert.equal(distance('', 'abc', 3), 3);
});
