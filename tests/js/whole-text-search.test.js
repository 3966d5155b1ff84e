// The whole-text search of match-quote.js on long pages: a quote is looked
// for only around the places its pieces (with its context) still occur, so
// a highlight whose words are gone costs little, and one that moved far is
// still found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorQuote, anchorSteps } from '../../extension/src/lib/match-quote.js';
import { GramIndex } from '../../extension/src/lib/gram-index.js';
import { Budget } from '../../extension/src/lib/match-candidates.js';
import { buildSelector } from '../../extension/src/lib/selector.js';

const WORDS = `local first software keeps primary copy data device network optimisation
  requirement nothing lost fails highlighter stores each highlight before tries send queue
  drains server comes back every capture arrives exactly once because single time conflict
  free replicated types several devices edit same document without central deciding wins
  reader article paragraph sentence theme thread advice conclusion source citation margin
  note tag colour yellow green blue pink archive search garden river mountain window paper
  winter summer morning evening kitchen table letter music bridge harbour lantern orchard`.split(/\s+/);

/** A long page of paragraphs of words in a fixed pseudo-random order. */
function page(paragraphs) {
  let seed = 7;
  const word = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return WORDS[(seed >>> 8) % WORDS.length];
  };
  const out = [];
  for (let k = 0; k < paragraphs; k++) {
    out.push(Array.from({ length: 18 }, word).join(' ') + '.');
  }
  return out.join('\n\n');
}

/** A selector for the words of paragraph `k` from word `from` to word `to`. */
function quoteIn(text, k, from, to) {
  const start = nthParagraph(text, k);
  const words = text.slice(start, text.indexOf('\n\n', start)).split(' ');
  const quote = words.slice(from, to).join(' ');
  const at = text.indexOf(quote, start);
  return { quote, at, stored: buildSelector(text, at, at + quote.length) };
}

function nthParagraph(text, k) {
  let at = 0;
  for (let i = 0; i < k; i++) at = text.indexOf('\n\n', at) + 2;
  return at;
}

/** Run the steps, adding up the work each step says it did. */
function workOf(steps) {
  let work = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { match: step.value, work };
    work += step.value;
  }
}

test('an edited passage moved far down a long page is drawn where it went', () => {
  const text = page(3000);
  const { quote, at, stored } = quoteIn(text, 120, 2, 14);
  // The site moved that paragraph near the end and changed a word in it.
  const start = nthParagraph(text, 120);
  const paragraph = text.slice(start, nthParagraph(text, 121));
  const without = text.slice(0, start) + text.slice(start + paragraph.length);
  const word = quote.split(' ')[5];
  const moved = paragraph.replace(quote, quote.replace(` ${word} `, ' quietly '));
  const place = nthParagraph(without, 2900);
  const edited = without.slice(0, place) + moved + without.slice(place);

  const match = anchorQuote(edited, stored);
  assert.equal(match.method, 'approximate');
  assert.equal(edited.slice(match.start, match.end), quote.replace(` ${word} `, ' quietly '));
  assert.equal(match.start, place + (at - start));
});

test('a highlight whose words are gone reads only around its pieces, not the whole page', () => {
  const text = page(10000);
  assert.ok(text.length > 1_000_000);
  const { quote, at, stored } = quoteIn(text, 5000, 3, 15);
  // The passage is gone, context and all.
  const edited = text.slice(0, at - 200) + text.slice(at + quote.length + 200);
  const grams = new GramIndex(edited);
  workOf(grams.build(new Budget(Infinity)));

  const { match, work } = workOf(anchorSteps(edited, stored, { grams }));
  assert.equal(match, null);
  // Reading the whole page once would be a unit of work per character.
  assert.ok(work < edited.length / 20, `${work} units for ${edited.length} characters`);
});

test('a passage edited all through, context and all, is still found at its stored position', () => {
  const text = page(200);
  const { quote, at, stored } = quoteIn(text, 150, 0, 16);
  // One character in six changed, in the quote and around it: every piece
  // of the quote and of its context is broken, only the place says where.
  const garble = (s, offset) =>
    [...s].map((c, i) => ((offset + i) % 6 === 3 ? '*' : c)).join('');
  const from = at - 40;
  const to = at + quote.length + 40;
  const edited = text.slice(0, from) + garble(text.slice(from, to), 0) + text.slice(to);
  const match = anchorQuote(edited, stored);
  assert.equal(edited.slice(match.start, match.end), garble(quote, at - from));
});

test('a quote with no context stored is still searched for in the whole text', () => {
  const text = page(300);
  const { quote, at } = quoteIn(text, 200, 4, 7);
  const match = anchorQuote(text, { exact: `${quote}x`, prefix: '', suffix: '', start: -1, end: -1 });
  assert.equal(match.start, at);
});
