import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  normalizeWhitespace,
  canonicalUrl,
  isWebUrl,
  truncate,
  parseTags,
  capHtml,
  stripOwnMarkup,
} from '../../extension/src/lib/text.js';

test('whitespace runs, including non-breaking spaces, become one space', () => {
  assert.equal(normalizeWhitespace('  a\n\n b\u00a0\tc  '), 'a b c');
  assert.equal(normalizeWhitespace(undefined), '');
});

test('a page URL is stored without its fragment', () => {
  assert.equal(canonicalUrl('https://ex.org/a?b=1#part'), 'https://ex.org/a?b=1');
  assert.equal(canonicalUrl('not a url#x'), 'not a url');
});

test('only http and https pages can hold highlights', () => {
  assert.ok(isWebUrl('http://127.0.0.1:9/x'));
  assert.ok(!isWebUrl('chrome://extensions'));
  assert.ok(!isWebUrl('nonsense'));
});

test('long quotes are shortened at a word', () => {
  assert.equal(truncate('short', 10), 'short');
  const out = truncate('the quick brown fox jumps over the lazy dog', 20);
  assert.ok(out.length <= 20);
  assert.ok(out.endsWith('…'));
  assert.equal(out, 'the quick brown fox…');
});

test('tags are split on commas, trimmed, de-duplicated', () => {
  assert.deepEqual(parseTags(' #ideas, later,ideas,, '), ['ideas', 'later']);
  assert.deepEqual(parseTags(''), []);
});

test('page HTML too large to send is left out', () => {
  assert.equal(capHtml('<p>x</p>', 100), '<p>x</p>');
  assert.equal(capHtml('x'.repeat(101), 100), undefined);
  assert.equal(capHtml(null, 100), undefined);
});

test('page HTML is sent without the extension\'s marks and toolbar', () => {
  const html =
    '<p>A <hatchery-mark data-id="1" data-color="green">quote</hatchery-mark> here</p>' +
    '<hatchery-ui></hatchery-ui>';
  assert.equal(stripOwnMarkup(html), '<p>A quote here</p>');
});
