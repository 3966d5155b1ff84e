import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  enqueueCreate,
  enqueueUpdate,
  enqueueDelete,
  markAttempt,
  acknowledge,
  recordFailure,
  nextItem,
  counts,
  mergePending,
  backoffMs,
  RETRY_MAX_MS,
} from '../../extension/src/lib/outbox.js';

const URL = 'https://example.org/a';
const capture = (id, extra = {}) => ({
  id,
  url: URL,
  title: 'A',
  text: `quote ${id}`,
  prefix: '',
  suffix: '',
  start: 0,
  end: 7,
  color: 'yellow',
  ...extra,
});

test('a capture waits in the outbox until acknowledged', () => {
  let q = enqueueCreate([], capture('h1'), 0);
  assert.deepEqual(counts(q), { waiting: 1, failed: 0 });
  const item = nextItem(q, 0);
  assert.equal(item.key, 'create:h1');
  q = markAttempt(q, item.key);
  q = acknowledge(q, item.key, item.rev);
  assert.deepEqual(q, []);
});

test('the same capture queued twice is sent once', () => {
  let q = enqueueCreate([], capture('h1'), 0);
  q = enqueueCreate(q, capture('h1'), 5);
  assert.equal(q.length, 1);
});

test('a capture without an id is refused', () => {
  assert.throws(() => enqueueCreate([], { url: URL }, 0), TypeError);
});

test('editing an unsent highlight changes the capture, not the queue length', () => {
  let q = enqueueCreate([], capture('h1'), 0);
  q = enqueueUpdate(q, 'h1', { color: 'pink', note: 'n', bogus: 1 }, 1);
  assert.equal(q.length, 1);
  assert.equal(q[0].payload.color, 'pink');
  assert.equal(q[0].payload.note, 'n');
  assert.equal(q[0].payload.bogus, undefined);
});

test('an edit made while the capture was in flight is still sent', () => {
  let q = enqueueCreate([], capture('h1'), 0);
  const sent = nextItem(q, 0);
  q = markAttempt(q, sent.key);
  q = enqueueUpdate(q, 'h1', { color: 'blue' }, 1);
  q = acknowledge(q, sent.key, sent.rev);
  assert.equal(q.length, 1);
  assert.equal(q[0].kind, 'update');
  assert.equal(q[0].key, 'update:h1');
  assert.equal(q[0].payload.color, 'blue');
});

test('an edit of a synced highlight becomes an update', () => {
  let q = enqueueUpdate([], 'h9', { tags: ['x'] }, 0);
  q = enqueueUpdate(q, 'h9', { note: 'later' }, 1);
  assert.equal(q.length, 1);
  assert.deepEqual(q[0].payload, { tags: ['x'], note: 'later' });
});

test('deleting a highlight that never left the browser sends nothing', () => {
  let q = enqueueCreate([], capture('h1'), 0);
  q = enqueueUpdate(q, 'h1', { color: 'green' }, 1);
  q = enqueueDelete(q, 'h1', 2);
  assert.deepEqual(q, []);
});

test('deleting a highlight the server may have replaces its changes with a delete', () => {
  let q = enqueueCreate([], capture('h1'), 0);
  q = markAttempt(q, 'create:h1');
  q = enqueueDelete(q, 'h1', 2);
  assert.equal(q.length, 1);
  assert.equal(q[0].kind, 'delete');
  assert.equal(q[0].url, URL);
  assert.deepEqual(enqueueUpdate(q, 'h1', { color: 'x' }, 3), q);
});

test('a stopped server is retried with growing delays, capped', () => {
  assert.equal(backoffMs(1), 1000);
  assert.equal(backoffMs(2), 2000);
  assert.equal(backoffMs(30), RETRY_MAX_MS);
  let q = enqueueCreate([], capture('h1'), 0);
  q = markAttempt(q, 'create:h1');
  q = recordFailure(q, 'create:h1', { message: 'down' }, 100);
  assert.equal(nextItem(q, 500), null);
  assert.equal(nextItem(q, 500, true).key, 'create:h1');
  assert.equal(nextItem(q, 1100).key, 'create:h1');
  assert.equal(q[0].lastError, 'down');
});

test('a capture the server refuses is kept, marked failed and skipped', () => {
  let q = enqueueCreate([], capture('h1'), 0);
  q = enqueueCreate(q, capture('h2'), 0);
  q = recordFailure(q, 'create:h1', { message: 'bad', permanent: true }, 1);
  assert.deepEqual(counts(q), { waiting: 1, failed: 1 });
  assert.equal(nextItem(q, 1).key, 'create:h2');
});

test('items leave in the order they were made', () => {
  let q = enqueueCreate([], capture('h1'), 0);
  q = enqueueCreate(q, capture('h2'), 0);
  assert.equal(nextItem(q, 0).id, 'h1');
  q = acknowledge(q, 'create:h1', 1);
  assert.equal(nextItem(q, 0).id, 'h2');
});

test('a page shows server highlights with unsent changes on top', () => {
  const server = [
    { id: 's1', url: URL, exact: 'one', color: 'yellow' },
    { id: 's2', url: URL, exact: 'two', color: 'yellow' },
  ];
  let q = enqueueCreate([], capture('h1'), 0);
  q = enqueueCreate(q, capture('other', { url: 'https://elsewhere.org/' }), 0);
  q = enqueueUpdate(q, 's1', { color: 'green' }, 0);
  q = enqueueDelete(q, 's2', 0, URL);
  const shown = mergePending(server, q, URL);
  assert.deepEqual(
    shown.map((h) => [h.id, h.color]),
    [
      ['s1', 'green'],
      ['h1', 'yellow'],
    ],
  );
  assert.equal(shown[1].exact, 'quote h1');
  assert.equal(shown[1].pending, true);
});
