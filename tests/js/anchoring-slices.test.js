// The content script's anchoring pass (src/content/anchoring.js) with the
// page replaced by a plain text and a clock that ticks on every look at it,
// so what runs in which slice is the same on every machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Anchorer, SLICE_MS } from '../../extension/src/content/anchoring.js';
import { buildSelector } from '../../extension/src/lib/selector.js';
import { LONG_QUOTE_LENGTH } from '../../extension/src/lib/match-quote.js';

const PIECE = 1000;

/** A page of `text`: highlights are "drawn" by recording where. */
class FakePage {
  constructor(text) {
    this.setText(text);
    this.entries = new Map();
  }
  textIndex() {
    return this.index;
  }
  textIndexUntil() {
    // A long page: its text takes `indexSlices` slices to index.
    if (this.indexSlices > 0) {
      this.indexSlices -= 1;
      return null;
    }
    return this.index;
  }
  setText(text) {
    // Stored positions and offsets are the same on a page of plain text.
    this.index = { text, offsetAt: (position) => position };
  }
  quietly(fn) {
    // The anchorer runs each slice's work in one call.
    this.slice = (this.slice ?? 0) + 1;
    return fn();
  }
  remember(data) {
    const entry = this.entries.get(data.id) ?? { data, marks: [], method: null };
    entry.data = { ...entry.data, ...data };
    this.entries.set(data.id, entry);
    return entry;
  }
  get(id) {
    return this.entries.get(id);
  }
  isDrawn(entry) {
    return !entry.unfinished && entry.marks.length > 0;
  }
  place(entry, match) {
    const steps = this.placeSteps(entry, match);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }
  // A mark a step for every PIECE characters, as a real passage's text
  // nodes are; each mark notes the slice it was drawn in.
  *placeSteps(entry, match) {
    entry.marks = [];
    entry.unfinished = true;
    for (let at = match.start; at < match.end; at += PIECE) {
      if (at > match.start) yield 1;
      entry.marks.push({ text: this.index.text.slice(at, Math.min(match.end, at + PIECE)), slice: this.slice });
    }
    entry.unfinished = false;
    entry.method = match.method;
    return true;
  }
}

/** A clock that moves on by `tick` ms every time it is read. */
function tickingClock(tick) {
  let t = 0;
  return () => (t += tick);
}

function paragraphs(count) {
  const out = [];
  for (let k = 0; k < count; k++) {
    out.push(`Paragraph ${k} says something of its own about local-first software number ${k * 7}.`);
  }
  return out.join('\n\n');
}

function highlightOf(text, quote, id) {
  const at = text.indexOf(quote);
  return { id, ...buildSelector(text, at, at + quote.length) };
}

test('highlights still where they were are all drawn in the first slice', async () => {
  const text = paragraphs(50);
  const page = new FakePage(text);
  const list = [10, 20, 30].map((k) => highlightOf(text, `Paragraph ${k} says`, `h${k}`));
  const result = new Anchorer(page, tickingClock(0.001)).anchorAll(list);

  assert.equal(result.anchored, 3);
  assert.equal(result.later, 0);
  const outcome = await result.done;
  assert.equal(outcome.found, 3);
  assert.equal(outcome.slices, 1);
  assert.equal(page.get('h20').method, 'position');
});

test('a 100,000-character quote on a 2 MB page is searched for over many slices', async () => {
  const text = paragraphs(25000);
  const at = text.indexOf('Paragraph 9000 ');
  const long = { id: 'long', ...buildSelector(text, at, at + 100_000) };
  assert.ok(long.exact.length > LONG_QUOTE_LENGTH);
  // The page gained a sentence above it and lost a word inside it.
  const edited = `A new first sentence. ${text.replace('Paragraph 9100 says something', 'Paragraph 9100 says')}`;
  const page = new FakePage(edited);
  // Each read of the clock is a millisecond: a slice is a few matcher steps.
  const result = new Anchorer(page, tickingClock(1)).anchorAll([long]);

  assert.equal(result.anchored, 0);
  assert.equal(result.later, 1);
  assert.equal(page.get('long').searching, true);
  const outcome = await result.done;
  assert.ok(outcome.slices > 2, `${outcome.slices} slices`);
  assert.equal(outcome.found, 1);
  const drawn = page.get('long').marks.map((m) => m.text).join('');
  assert.ok(drawn.startsWith('Paragraph 9000 says'), drawn.slice(0, 40));
  assert.equal(drawn.length, 100_000 - ' something'.length);
  assert.equal(page.get('long').searching, false);
});

test('a 100,000-character passage is drawn a few marks a slice, and counts once whole', async () => {
  const text = paragraphs(25000);
  const at = text.indexOf('Paragraph 7000 ');
  const long = { id: 'long', ...buildSelector(text, at, at + 100_000) };
  const page = new FakePage(text);
  const result = new Anchorer(page, tickingClock(1)).anchorAll([long]);
  const outcome = await result.done;
  assert.equal(outcome.found, 1);
  const { marks } = page.get('long');
  assert.equal(marks.map((m) => m.text).join(''), long.exact);
  const perSlice = new Map();
  for (const mark of marks) perSlice.set(mark.slice, (perSlice.get(mark.slice) ?? 0) + 1);
  // A step per mark, the clock read after each: at most a slice's worth.
  assert.ok(Math.max(...perSlice.values()) <= SLICE_MS, [...perSlice.values()].join(' '));
  assert.ok(perSlice.size > 100_000 / PIECE / SLICE_MS, `${perSlice.size} slices drew marks`);
  assert.equal(page.get('long').method, 'position');
});

test('the quick look for a quote of a thousand characters with a word changed is split over slices', async () => {
  const text = paragraphs(2000);
  const at = text.indexOf('Paragraph 900 ');
  const stored = { id: 'k', ...buildSelector(text, at, at + LONG_QUOTE_LENGTH) };
  const edited = text.replace('Paragraph 905 says', 'Paragraph 905 tells');
  const page = new FakePage(`A new first sentence. ${edited}`);
  // Two reads of the clock fill a slice: each slice is one matcher step.
  const result = new Anchorer(page, tickingClock(SLICE_MS / 2)).anchorAll([stored]);
  assert.equal(result.anchored, 0);
  assert.equal(result.later, 1);
  const outcome = await result.done;
  assert.equal(outcome.found, 1);
  assert.ok(outcome.slices > 1, `${outcome.slices} slices`);
  assert.equal(page.get('k').method, 'approximate');
  assert.ok(page.get('k').marks[0].text.startsWith('Paragraph 900 says'));
});

test('a thousand orphans are searched for over many slices and none is drawn', async () => {
  const text = paragraphs(300);
  const page = new FakePage(text);
  const list = [];
  for (let k = 0; k < 1000; k++) {
    list.push({ id: `o${k}`, exact: `words no page ever had ${k} zq`, prefix: '', suffix: '', start: k * 20, end: k * 20 + 27 });
  }
  const result = new Anchorer(page, tickingClock(SLICE_MS / 20)).anchorAll(list);
  assert.ok(result.later > 900, `${result.later} left for later`);
  const outcome = await result.done;
  assert.ok(outcome.slices > 10, `${outcome.slices} slices`);
  assert.equal(outcome.found, 0);
  assert.equal([...page.entries.values()].filter((e) => e.marks.length).length, 0);
});

test('a search under way when the page changes starts again on the new text', async () => {
  const text = paragraphs(400);
  const quote = text.slice(text.indexOf('Paragraph 300 '), text.indexOf('Paragraph 302 '));
  const stored = highlightOf(text, quote, 'moved');
  // Stored far from where the quote is now, so the whole text is searched.
  stored.start = 0;
  stored.prefix = 'zzzz';
  const page = new FakePage(`x${text}`);
  const anchorer = new Anchorer(page, tickingClock(SLICE_MS / 4));
  const result = anchorer.anchorAll([stored]);
  // After the first slice the page grows above the quote.
  const grown = `A whole new paragraph about nothing in particular.\n\n${text}`;
  page.setText(grown);
  await result.done;
  assert.equal(page.get('moved').marks[0].text, quote);
});

test('a newer pass cancels the one still running', async () => {
  const text = paragraphs(300);
  const page = new FakePage(text);
  const anchorer = new Anchorer(page, tickingClock(SLICE_MS / 20));
  const orphan = { id: 'o', exact: 'nothing like this is on the page qq', prefix: '', suffix: '', start: 5, end: 40 };
  const first = anchorer.anchorAll(Array.from({ length: 50 }, (_, k) => ({ ...orphan, id: `o${k}` })));
  anchorer.anchorAll([highlightOf(text, 'Paragraph 3 says', 'h3')]);
  assert.equal((await first.done).cancelled, true);
});

test('a long page is indexed over several slices before any highlight is drawn', async () => {
  const text = paragraphs(50);
  const page = new FakePage(text);
  page.indexSlices = 3;
  const list = [10, 20].map((k) => highlightOf(text, `Paragraph ${k} says`, `h${k}`));
  const result = new Anchorer(page, tickingClock(0.001)).anchorAll(list);

  assert.equal(result.anchored, 0);
  assert.equal(page.get('h10').searching, true);
  const outcome = await result.done;
  assert.equal(outcome.found, 2);
  assert.equal(outcome.slices, 4);
  assert.equal(page.get('h20').method, 'position');
});

test('a pass told by its text check that nothing changed ends without searching', async () => {
  const text = paragraphs(50);
  const page = new FakePage(text);
  page.indexSlices = 1;
  const seen = [];
  const orphan = { id: 'o', exact: 'nothing like this is on the page qq', prefix: '', suffix: '', start: 5, end: 40 };
  const result = new Anchorer(page, tickingClock(0.001)).anchorAll([orphan], {
    onText: (index) => {
      seen.push(index.text.length);
      return false;
    },
  });
  const outcome = await result.done;
  assert.deepEqual(seen, [text.length]);
  assert.equal(outcome.found, 0);
  assert.equal(outcome.slices, 2);
  assert.equal(page.get('o').searching, false);
});

test('an empty list of highlights, answered late, does not stop the pass under way', async () => {
  const text = paragraphs(300);
  const page = new FakePage(text);
  // Two reads of the clock fill a slice: each slice is one matcher step.
  const anchorer = new Anchorer(page, tickingClock(SLICE_MS / 2));
  const moved = highlightOf(text, 'Paragraph 250 says', 'h250');
  moved.start = 0;
  const first = anchorer.anchorAll([moved]);
  assert.equal(first.later, 1);
  const empty = anchorer.anchorAll([]);
  assert.equal((await empty.done).found, 0);
  const outcome = await first.done;
  assert.equal(outcome.cancelled, false);
  assert.equal(outcome.found, 1);
});
