// The page text's gram index (src/lib/gram-index.js): where a piece of text
// occurs, answered without reading the whole text, exactly as indexOf would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GRAM_LENGTH, GramIndex, SHORT_PIECE } from '../../extension/src/lib/gram-index.js';
import { Budget, WORK_PER_STEP } from '../../extension/src/lib/match-candidates.js';

function run(steps) {
  let yields = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value, yields };
    yields += 1;
  }
}

function built(text) {
  const grams = new GramIndex(text);
  const { yields } = run(grams.build(new Budget()));
  return { grams, yields };
}

function everyIndexOf(text, piece) {
  const out = [];
  for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + 1)) out.push(at);
  return out;
}

const PROSE =
  'Local-first software keeps the primary copy of your data on your own device. ' +
  'The network is an optimisation, not a requirement: nothing is lost when it fails. 🌱 ' +
  'Ünïcödé text and emoji 😀 count as the characters they are. ';

test('every occurrence of a piece is found, in order, as indexOf finds them', () => {
  const text = PROSE.repeat(40);
  const { grams } = built(text);
  for (const piece of ['primary copy', 'Local-first ', '🌱 Ünïcödé t', 'emoji 😀 count', ' are. Local-first', PROSE]) {
    const { value } = run(grams.find(piece, Infinity, new Budget()));
    assert.deepEqual(value.hits, everyIndexOf(text, piece), piece);
    assert.equal(value.complete, true);
  }
});

test('a short piece is found in one call exactly where the stepped search finds it', () => {
  const text = PROSE.repeat(40) + 'the queue, '.repeat(50);
  const { grams } = built(text);
  let pieces = 0;
  for (let at = 0; at + GRAM_LENGTH <= text.length; at += 37) {
    for (const length of [GRAM_LENGTH, 12, 23, SHORT_PIECE]) {
      const piece = text.slice(at, at + length);
      if (piece.length < GRAM_LENGTH) continue;
      for (const [limit, maxLook] of [[8, 256], [Infinity, 1024], [2, 3]]) {
        const stepped = run(grams.find(piece, limit, new Budget(), maxLook)).value;
        const { hits, complete, work } = grams.findShort(piece, limit, maxLook);
        assert.deepEqual({ hits, complete }, stepped, `${JSON.stringify(piece)} ${limit} ${maxLook}`);
        assert.ok(work > 0 && work < 1024 * 8, `${work} units`);
        pieces += 1;
      }
    }
  }
  assert.ok(pieces > 1000);
  assert.throws(() => grams.findShort(text.slice(0, SHORT_PIECE + 1), 8, 256), RangeError);
});

test('a piece at the very start and the very end of the text is found', () => {
  const text = 'abcdefghij and then the end of it';
  const { grams } = built(text);
  assert.deepEqual(run(grams.find('abcdefghij', 10, new Budget())).value.hits, [0]);
  assert.deepEqual(run(grams.find('end of it', 10, new Budget())).value.hits, [text.length - 9]);
  assert.deepEqual(run(grams.find('not in there', 10, new Budget())).value.hits, []);
});

test('a text shorter than a gram has no grams and finds nothing', () => {
  const { grams } = built('short');
  assert.equal(grams.ready, true);
  assert.deepEqual(run(grams.find('short er', 10, new Budget())).value.hits, []);
});

test('a piece found more often than asked for says so', () => {
  const text = 'the queue, '.repeat(50);
  const { grams } = built(text);
  const { value } = run(grams.find('the queue, t', 8, new Budget()));
  assert.equal(value.complete, false);
  assert.equal(value.hits.length, 8);
});

test('a piece too common to tell places apart is not even looked for', () => {
  const { grams } = built(' '.repeat(5000));
  const { value } = run(grams.find(' '.repeat(GRAM_LENGTH + 4), 8, new Budget(), 256));
  assert.deepEqual(value, { hits: [], complete: false });
});

test('hash collisions never give a wrong place', () => {
  // Many distinct grams in few buckets (a small text has few buckets).
  const text = Array.from({ length: 300 }, (_, k) => `w${k * 7919}`).join(' ');
  const { grams } = built(text);
  for (let k = 0; k < 300; k += 17) {
    const piece = `w${k * 7919} w${(k + 1) * 7919}`;
    assert.deepEqual(run(grams.find(piece, 100, new Budget())).value.hits, everyIndexOf(text, piece));
  }
});

test('a megabyte text is indexed in many bounded steps, resumable by any caller', () => {
  const text = PROSE.repeat(5000);
  assert.ok(text.length > 1_000_000);
  const grams = new GramIndex(text);
  const budget = new Budget();
  // One caller builds a part and stops; another finishes the same index.
  const first = grams.build(budget);
  let works = [];
  for (let k = 0; k < 5; k++) works.push(first.next().value);
  assert.equal(grams.ready, false);
  const { yields } = run(grams.build(budget));
  assert.equal(grams.ready, true);
  assert.ok(yields > 20, `${yields} steps`);
  // Each step is about one step's worth of work, never the whole text's.
  works = works.filter((w) => w !== undefined);
  assert.ok(works.every((w) => w <= 2 * WORK_PER_STEP), `${works}`);
  const piece = PROSE.slice(10, 30);
  assert.deepEqual(run(grams.find(piece, Infinity, new Budget())).value.hits, everyIndexOf(text, piece));
});

test('the index lists every gram once, each bucket in text order, however small the steps', () => {
  // Small steps cut the text into many chunks, the last one shorter.
  const text = PROSE.repeat(30).slice(0, 5003);
  const grams = new GramIndex(text);
  run(grams.build(new Budget(256)));
  const { starts, positions } = grams;
  assert.equal(starts[0], 0);
  assert.equal(starts[starts.length - 1], text.length - GRAM_LENGTH + 1);
  const seen = new Set();
  for (let k = 0; k + 1 < starts.length; k++) {
    for (let at = starts[k]; at < starts[k + 1]; at++) {
      if (at > starts[k]) assert.ok(positions[at] > positions[at - 1], `bucket ${k} out of order`);
      assert.equal(grams.bucketOf(gramHashOf(text, positions[at])), k);
      seen.add(positions[at]);
    }
  }
  assert.equal(seen.size, text.length - GRAM_LENGTH + 1);
});

test('building the index of a megabyte text allocates its two arrays and nothing more', () => {
  // Megabytes allocated while a page is anchored set off the collections
  // that make the page stutter.
  const text = PROSE.repeat(5000);
  const before = process.memoryUsage().arrayBuffers;
  const { grams } = built(text);
  const allocated = process.memoryUsage().arrayBuffers - before;
  const kept = grams.starts.byteLength + grams.positions.byteLength;
  assert.ok(allocated <= kept + 64 * 1024, `${allocated} bytes allocated, ${kept} kept`);
});

/** The index's hash of the gram at `at` (a plain loop, as a check on the rolling one). */
function gramHashOf(s, at) {
  let h = 0;
  for (let i = 0; i < GRAM_LENGTH; i++) h = (Math.imul(h, 0x01000193) + s.charCodeAt(at + i)) | 0;
  return h;
}
