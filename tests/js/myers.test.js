import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MyersScanner } from '../../extension/src/lib/myers.js';
import { alignBoundary, contextErrors } from '../../extension/src/lib/align.js';

/** Sellers' dynamic programme: least errors of a match ending at each end. */
function errorsByEnd(text, pattern) {
  let column = Array.from({ length: pattern.length + 1 }, (_, i) => i);
  const out = [];
  for (let j = 0; j < text.length; j++) {
    const next = [0];
    for (let i = 1; i <= pattern.length; i++) {
      const cost = pattern[i - 1] === text[j] ? 0 : 1;
      next[i] = Math.min(column[i - 1] + cost, column[i] + 1, next[i - 1] + 1);
    }
    column = next;
    out.push(column[pattern.length]);
  }
  return out;
}

function randomString(random, length, alphabet) {
  let s = '';
  for (let k = 0; k < length; k++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

function seeded(seed) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

test('the bit-parallel search counts the same errors as the textbook table, for patterns of one to four words', () => {
  const random = seeded(42);
  for (let round = 0; round < 200; round++) {
    const alphabet = round % 2 ? 'ab' : 'abcdé€ ';
    const pattern = randomString(random, 1 + Math.floor(random() * 120), alphabet);
    const text = randomString(random, Math.floor(random() * 200), alphabet);
    const expected = errorsByEnd(text, pattern);
    const seen = new Array(text.length).fill(null);
    const scanner = new MyersScanner(pattern);
    // Fed in uneven chunks: the state carries over between calls.
    for (let at = 0; at < text.length; at += 17) {
      scanner.scan(text, at, Math.min(text.length, at + 17), pattern.length, (end, errors) => {
        seen[end - 1] = errors;
      });
    }
    assert.deepEqual(seen, expected, `pattern ${JSON.stringify(pattern)} in ${JSON.stringify(text)}`);
  }
});

test('scans of patterns of different lengths taking turns, a chunk each, count as each alone would', () => {
  // The scanners share one table of match bits, loaded by whichever scans.
  const random = seeded(7);
  for (let round = 0; round < 60; round++) {
    const alphabet = round % 3 ? 'abcdé€ ' : 'ab';
    const patterns = [0, 1, 2].map(() => randomString(random, 1 + Math.floor(random() * 150), alphabet));
    const text = randomString(random, 300, alphabet);
    const scanners = patterns.map((p) => new MyersScanner(p));
    const seen = patterns.map(() => new Array(text.length).fill(null));
    for (let at = 0; at < text.length; at += 23) {
      scanners.forEach((scanner, k) =>
        scanner.scan(text, at, Math.min(text.length, at + 23), patterns[k].length, (end, errors) => {
          seen[k][end - 1] = errors;
        }),
      );
    }
    patterns.forEach((p, k) => assert.deepEqual(seen[k], errorsByEnd(text, p), `pattern ${JSON.stringify(p)}`));
  }
});

test('the search reports only ends within the error limit', () => {
  const scanner = new MyersScanner('needle');
  const ends = [];
  scanner.scan('hay needle hay needly', 0, 21, 0, (end, errors) => ends.push([end, errors]));
  assert.deepEqual(ends, [[10, 0]]);
});

test('an empty pattern is refused', () => {
  assert.throws(() => new MyersScanner(''), RangeError);
});

test('context is compared flush against the match, its far end free', () => {
  const text = 'the quick brown fox jumps';
  const at = text.indexOf('fox');
  assert.equal(contextErrors(text, at, 'brown ', 'prefix'), 0);
  assert.equal(contextErrors(text, at, 'XXquick brown ', 'prefix'), 2);
  // Shifted by one character: the prefix no longer ends at the match.
  assert.equal(contextErrors(text, at + 1, 'brown ', 'prefix'), 1);
  assert.equal(contextErrors(text, at + 3, ' jumps and more', 'suffix'), 9);
});

test('a boundary is placed where the context meets the quote', () => {
  const text = 'condimentum sed, commodo cites, ornare sit amet';
  const end = alignBoundary(text, 0, text.length, 'commodo vitae', ', ornare', 'left').at;
  assert.equal(text.slice(0, end), 'condimentum sed, commodo cites');
  const start = alignBoundary(text, 0, text.length, 'sed, ', 'commodo', 'right').at;
  assert.equal(text.slice(start), 'commodo cites, ornare sit amet');
});
