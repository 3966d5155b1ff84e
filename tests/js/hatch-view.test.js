import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  citationView,
  hatchView,
  paragraphText,
  sentenceText,
  writtenBy,
} from '../../extension/src/popup/hatch-view.js';

// A hatch of exactly the server's schema (hatch/models.py, Hatch.to_dict()),
// as the API sends it; tests/test_popup_fixture_schema.py keeps it so.
const HATCH = JSON.parse(readFileSync(new URL('./fixtures/hatch.json', import.meta.url)));

test('a sentence is shown with its citation numbers', () => {
  assert.equal(sentenceText({ text: 'Queues help.', cites: [1, 3] }), 'Queues help. [1][3]');
  assert.equal(sentenceText({ text: 'Uncited.', cites: [] }), 'Uncited.');
  assert.equal(
    paragraphText([
      { text: 'One.', cites: [1] },
      { text: 'Two.', cites: [] },
    ]),
    'One. [1] Two.',
  );
});

test('the popup shows the hatch part by part, in reading order', () => {
  const view = hatchView(HATCH);
  assert.equal(view.title, 'What two sources share about queues');
  assert.equal(view.byline, 'Written on this computer');
  assert.equal(view.introduction, 'Two pages agree that a queue makes failures wait. [1][3]');
  assert.deepEqual(view.sections, [
    {
      heading: 'Local-first software, explained',
      site: 'example.org',
      paragraphs: [
        'The primary copy of your data stays on your device. [1] The network is an optimisation. [2]',
      ],
    },
    {
      heading: 'Why queues make software calm',
      site: null,
      paragraphs: [
        'A queue turns a failure into a delay. [3]',
        'Retries are safe when receivers are idempotent.',
      ],
    },
  ]);
  assert.deepEqual(view.threads, ['failure into a delay [1][3]']);
  assert.deepEqual(view.advice, ['Send every message twice and make sure nothing changes. [3]']);
  assert.equal(view.conclusion, 'Keep data local and let the queue drain. [1][3]');
  assert.deepEqual(view.notes, ['1 highlight was left out to keep the hatch short.']);
  assert.equal(view.markdown, HATCH.markdown);
});

test('each citation shows the cited words, and the page only as the link', () => {
  const [first, second, third] = hatchView(HATCH).citations;
  assert.deepEqual(first, {
    n: 1,
    quote: 'keeps the primary copy of your data on your own device',
    fullQuote: 'keeps the primary copy of your data on your own device',
    linkText: 'Local-first software, explained',
    href: 'http://example.org/local-first',
    passageHref: HATCH.citations[0].link,
  });
  assert.ok(first.passageHref.startsWith('http://example.org/local-first#:~:text='));
  // An article-text citation has no highlight, so no cited words.
  assert.equal(second.quote, null);
  assert.equal(second.n, 2);
  // Markup in a quote stays text; a javascript: URL is never a link.
  assert.equal(third.quote, 'A queue turns a failure into a delay <img src=x onerror=alert(1)>');
  assert.equal(third.href, null);
  assert.equal(third.linkText, 'javascript:alert(1)');
});

test('sources are numbered by page, each highlight an entry of its own', () => {
  const view = hatchView(HATCH);
  const pages = view.sources;
  assert.deepEqual(pages.map((p) => p.number), pages.map((_, i) => i + 1));
  assert.equal(
    pages.reduce((n, p) => n + p.entries.length, 0),
    HATCH.citations.length,
  );
  const ids = new Set(HATCH.citations.map((c) => c.source_id));
  assert.equal(pages.length, ids.size);
});

test('section names are the ones the server sends, English for old hatches', () => {
  const german = { ...HATCH, headings: { ...HATCH.headings, advice: 'Praktische Ratschläge' } };
  assert.equal(hatchView(german).headings.advice, 'Praktische Ratschläge');
  const old = { ...HATCH };
  delete old.headings;
  assert.equal(hatchView(old).headings.advice, 'Actionable advice');
});

test('a javascript: link to a passage is never clickable', () => {
  const view = citationView({ n: 1, url: 'javascript:alert(1)', title: 'x', quote: 'q', link: 'javascript:alert(1)#:~:text=q' });
  assert.equal(view.passageHref, null);
});

test('a citation without a title is linked by its host', () => {
  const view = citationView({ n: 4, url: 'https://example.com:8080/a', title: '', quote: 'words' });
  assert.equal(view.linkText, 'example.com:8080');
});

test('a long quote is cut at a word, the whole of it kept for the tooltip', () => {
  const quote = 'word '.repeat(100).trim();
  const view = citationView({ n: 1, url: 'http://a.example/', title: 'A', quote });
  assert.ok(view.quote.length <= 240, view.quote.length);
  assert.ok(view.quote.endsWith('word…'));
  assert.equal(view.fullQuote, quote);
});

test('a hatch by a language model names the model and the prompt', () => {
  assert.equal(
    writtenBy({ engine: 'llm', model: 'qwen2.5:7b', prompt_version: 'hatch-3' }),
    'Written by qwen2.5:7b (prompt hatch-3)',
  );
  assert.equal(
    writtenBy({ engine: 'llm', model: null, prompt_version: null }),
    'Written by a language model',
  );
});
