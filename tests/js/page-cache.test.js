import { test } from 'node:test';
import assert from 'node:assert/strict';
import { remember, recall, forget, patch, prune } from '../../extension/src/lib/page-cache.js';

const A = 'https://example.org/a';
const B = 'https://example.org/b';
const highlight = (id, extra = {}) => ({ id, exact: `quote ${id}`, ...extra });

test('a page visited without highlights leaves no entry', () => {
  assert.deepEqual(remember({}, A, [], 1), {});
});

test('a page with highlights is remembered and recalled', () => {
  const cache = remember({}, A, [highlight('h1')], 1);
  assert.deepEqual(recall(cache, A), [highlight('h1')]);
  assert.deepEqual(recall(cache, B), []);
});

test('a page whose highlights were all deleted elsewhere loses its entry on the next visit', () => {
  const cache = remember(remember({}, A, [highlight('h1')], 1), A, [], 2);
  assert.deepEqual(cache, {});
});

test('deleting the last highlight of a page drops the page', () => {
  let cache = remember({}, A, [highlight('h1'), highlight('h2')], 1);
  cache = remember(cache, B, [highlight('h3')], 2);
  cache = forget(cache, 'h1');
  assert.deepEqual(recall(cache, A), [highlight('h2')]);
  cache = forget(cache, 'h2');
  assert.deepEqual(Object.keys(cache), [B]);
});

test('an edited note replaces the old one in the cache', () => {
  let cache = remember({}, A, [highlight('h1', { note: 'old secret', tags: ['x'] })], 1);
  cache = patch(cache, 'h1', { note: 'new', tags: [] });
  assert.deepEqual(recall(cache, A), [highlight('h1', { note: 'new', tags: [] })]);
});

test('the least recently seen pages go first past the limit', () => {
  let cache = {};
  for (const [i, url] of [A, B, 'https://example.org/c'].entries()) {
    cache = remember(cache, url, [highlight(`h${i}`)], i, 2);
  }
  assert.deepEqual(Object.keys(cache).sort(), [B, 'https://example.org/c']);
});

test('an old cache of every page visited keeps only the highlighted ones', () => {
  const old = { [A]: { highlights: [], at: 1 }, [B]: { highlights: [highlight('h1')], at: 2 } };
  assert.deepEqual(prune(old), { [B]: old[B] });
});

test('the functions leave the cache they were given unchanged', () => {
  const cache = Object.freeze({ [A]: Object.freeze({ highlights: [highlight('h1')], at: 1 }) });
  remember(cache, A, [], 2);
  forget(cache, 'h1');
  assert.deepEqual(recall(cache, A), [highlight('h1')]);
});
