import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSelector,
  trimRange,
  selectorOf,
} from '../../extension/src/lib/selector.js';

const TEXT =
  'Alpha beta gamma. The quick brown fox jumps over the lazy dog. Omega.';

test('a selector keeps the quote, 32 characters of context and offsets', () => {
  const start = TEXT.indexOf('quick');
  const end = start + 'quick brown fox'.length;
  const sel = buildSelector(TEXT, start, end);
  assert.equal(sel.exact, 'quick brown fox');
  assert.equal(sel.prefix, TEXT.slice(Math.max(0, start - 32), start));
  assert.equal(sel.suffix, TEXT.slice(end, end + 32));
  assert.equal(sel.start, start);
  assert.equal(sel.end, end);
});

test('context is cut short at the ends of the text', () => {
  const sel = buildSelector(TEXT, 0, 5);
  assert.equal(sel.prefix, '');
  assert.equal(sel.exact, 'Alpha');
  const last = buildSelector(TEXT, TEXT.length - 6, TEXT.length);
  assert.equal(last.suffix, '');
});

test('a range outside the text is refused', () => {
  assert.throws(() => buildSelector(TEXT, 5, 2), RangeError);
  assert.throws(() => buildSelector(TEXT, 0, TEXT.length + 1), RangeError);
});

test('whitespace at the edges of a selection is not stored', () => {
  const text = 'one\n\n  two three  \n\nfour';
  const { start, end } = trimRange(text, 3, 20);
  assert.equal(text.slice(start, end), 'two three');
  assert.deepEqual(trimRange('   ', 0, 3), { start: 3, end: 3 });
});

test('the quote is read from `exact` or `text`', () => {
  assert.equal(selectorOf({ exact: 'a', start: 1, end: 2 }).exact, 'a');
  assert.equal(selectorOf({ text: 'b' }).exact, 'b');
  assert.equal(selectorOf({ text: 'b' }).start, -1);
  assert.equal(selectorOf({}), null);
});
