import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uuid4 } from '../../extension/src/lib/ids.js';

test('capture ids are version 4 UUIDs and differ', () => {
  const a = uuid4();
  const b = uuid4();
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a, b);
});

test('the UUID comes from the random source given', () => {
  const zeros = uuid4((bytes) => bytes.fill(0));
  assert.equal(zeros, '00000000-0000-4000-8000-000000000000');
});
