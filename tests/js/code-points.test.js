import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codePointLength, unitsForCodePoints } from '../../extension/src/lib/code-points.js';

test('an emoji counts as one code point and two UTF-16 units', () => {
  const text = 'a😀b';
  assert.equal(text.length, 4);
  assert.equal(codePointLength(text), 3);
  assert.equal(codePointLength(text, 0, 3), 2);
  assert.equal(codePointLength('plain text'), 10);
});

test('code points convert back to the UTF-16 units that hold them', () => {
  const text = '😀😀 ok';
  assert.equal(unitsForCodePoints(text, 1), 2);
  assert.equal(unitsForCodePoints(text, 3), 5);
  assert.equal(unitsForCodePoints(text, 99), text.length);
  assert.equal(unitsForCodePoints('abc', 2), 2);
  for (let k = 0; k <= 5; k++) assert.equal(codePointLength(text, 0, unitsForCodePoints(text, k)), k);
});

test('a lone surrogate counts as one code point', () => {
  assert.equal(codePointLength('a\uD800b'), 3);
});
