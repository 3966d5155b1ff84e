import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  normalizeWhitespace,
  canonicalUrl,
  isWebUrl,
  truncate,
  parseTags,
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

test('page HTML is sent without the extension\'s toolbar', () => {
  const html = '<p>A quote here</p><hatchery-ui></hatchery-ui>';
  assert.equal(stripOwnMarkup(html), '<p>A quote here</p>');
});
