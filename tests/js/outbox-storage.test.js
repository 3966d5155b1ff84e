import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  enqueueCreate,
  enqueueUpdate,
  enqueueDelete,
  markAttempt,
  acknowledge,
  storageChanges,
  queueFrom,
  splitHtml,
  fromLegacy,
  dropAllHtml,
  itemEntry,
  htmlEntry,
  ORDER_KEY,
} from '../../extension/src/lib/outbox.js';

const URL = 'https://example.org/a';
const capture = (id) => ({ id, url: URL, title: 'A', text: `quote ${id}`, color: 'yellow' });
const PAGE = '<html>' + 'x'.repeat(1_500_000) + '</html>';

/** A chrome.storage.local stand-in: a Map, and what each step wrote. */
function fakeStorage() {
  const data = new Map();
  const written = [];
  return {
    data,
    written,
    apply({ set, remove, order }) {
      const writes = order ? { ...set, [ORDER_KEY]: order } : set;
      for (const [key, value] of Object.entries(writes)) {
        data.set(key, value);
        written.push(key);
      }
      for (const key of remove) data.delete(key);
    },
    queue() {
      return queueFrom(data.get(ORDER_KEY) ?? [], Object.fromEntries(data));
    },
  };
}

test('a step writes only the item it changed, not the whole queue', () => {
  const store = fakeStorage();
  let q = [];
  for (const id of ['h1', 'h2', 'h3']) {
    const next = enqueueCreate(q, capture(id), 0);
    store.apply(storageChanges(q, next));
    q = next;
  }
  store.written.length = 0;
  const next = markAttempt(q, 'create:h2');
  store.apply(storageChanges(q, next));
  assert.deepEqual(store.written, [itemEntry('create:h2')]);
  assert.deepEqual(store.queue(), next);
});

test('what is stored reads back as the same queue, in order, through every step', () => {
  const store = fakeStorage();
  let q = [];
  const steps = [
    (x) => enqueueCreate(x, capture('h1'), 0, { html: true }),
    (x) => enqueueCreate(x, capture('h2'), 0),
    (x) => markAttempt(x, 'create:h1'),
    (x) => enqueueUpdate(x, 'h1', { note: 'n' }, 1),
    (x) => acknowledge(x, 'create:h1', 1), // an edit came meanwhile: now an update
    (x) => enqueueDelete(x, 'h2', 2), // never sent: simply dropped
  ];
  for (const step of steps) {
    const next = step(q);
    store.apply(storageChanges(q, next));
    q = next;
    assert.deepEqual(store.queue(), q);
  }
  assert.deepEqual(q.map((i) => i.key), ['update:h1']);
  assert.equal(q[0].html, false);
});

test('a create that leaves the queue takes its page HTML entry with it', () => {
  const q = enqueueCreate([], capture('h1'), 0, { html: true });
  const { remove, order } = storageChanges(q, acknowledge(q, 'create:h1', 1));
  assert.deepEqual(remove, [itemEntry('create:h1'), htmlEntry('h1')]);
  assert.deepEqual(order, []);
});

test('the page HTML is split from the highlight, so the item stays small', () => {
  const { lean, html } = splitHtml({ ...capture('h1'), html: PAGE });
  assert.equal(html, PAGE);
  assert.equal('html' in lean, false);
  const item = enqueueCreate([], lean, 0, { html: true })[0];
  assert.ok(JSON.stringify(item).length < 1000);
  assert.equal(splitHtml(capture('h2')).html, null);
});

test('an outbox of the old one-array kind moves to one entry per item', () => {
  const legacy = [
    ...enqueueCreate([], { ...capture('h1'), html: PAGE }, 0),
    ...enqueueUpdate([], 'h0', { color: 'blue' }, 0),
  ];
  const { items, html } = fromLegacy(legacy);
  assert.deepEqual(items.map((i) => [i.key, i.html]), [['create:h1', true], ['update:h0', false]]);
  assert.equal('html' in items[0].payload, false);
  assert.deepEqual(html, { [htmlEntry('h1')]: PAGE });
  assert.deepEqual(fromLegacy(null), { items: [], html: {} });
});

test('making room drops every queued page HTML and keeps every highlight', () => {
  let q = enqueueCreate([], capture('h1'), 0, { html: true });
  q = enqueueCreate(q, capture('h2'), 0);
  q = enqueueCreate(q, capture('h3'), 0, { html: true });
  const { queue, remove } = dropAllHtml(q);
  assert.deepEqual(remove, [htmlEntry('h1'), htmlEntry('h3')]);
  assert.deepEqual(queue.map((i) => [i.key, i.html]), [
    ['create:h1', false],
    ['create:h2', false],
    ['create:h3', false],
  ]);
  assert.equal(queue[1], q[1]); // unchanged items stay the same object: not rewritten
  assert.equal(dropAllHtml(queue).queue, queue);
});

test('an entry missing after a step was cut short is skipped, not an error', () => {
  const q = enqueueCreate(enqueueCreate([], capture('h1'), 0), capture('h2'), 0);
  const entries = { [itemEntry('create:h2')]: q[1] };
  assert.deepEqual(queueFrom(['create:h1', 'create:h2'], entries), [q[1]]);
});
