/**
 * Showing a hatch in the popup. The hatch is exactly the server's schema
 * (server/hatchery/hatch/models.py, `Hatch.to_dict()`):
 *
 *   {title, introduction: [Sentence], sections: [{source_id, title, site,
 *    url, paragraphs: [[Sentence]]}], threads: [{phrase, source_ids, cites}],
 *    advice: [Sentence], conclusion: [Sentence], citations: [Citation],
 *    engine, length, relation, lang, model, prompt_version, notes: [str],
 *    markdown, headings: {threads, advice, conclusion, sources, notes}}
 *   Sentence = {text, cites: [int]}
 *   Citation = {n, source_id, highlight_id, url, title, quote, link}
 *
 * Section names come from the server (`headings`, in the hatch's language,
 * defined once in server/hatchery/hatch/vocabulary.py); DEFAULT_HEADINGS
 * are the same English words, for hatches stored before they were sent.
 *
 * `hatchView` turns it into the strings the popup shows (pure, tested in
 * node); `renderHatch` puts them in the page from <template>s with
 * textContent only: every string here came from a web page or a model.
 */

import { hostOf, isWebUrl, truncate } from '../lib/text.js';
import { $, fromTemplate } from './dom.js';

// The cited words are shown in full up to about this many characters; the
// whole quote is in the tooltip.
const QUOTE_CHARS = 240;

/** The server's English section names (hatch/vocabulary.py, HEADINGS.en). */
export const DEFAULT_HEADINGS = Object.freeze({
  threads: 'Common threads',
  advice: 'Actionable advice',
  conclusion: 'In conclusion',
  sources: 'Sources',
  notes: 'Notes',
});

/**
 * A sentence with its citation markers: "Queues help. [1][3]".
 *
 * @param {{text: string, cites: number[]}} sentence
 * @returns {string}
 */
export function sentenceText({ text, cites }) {
  const marks = cites.map((n) => `[${n}]`).join('');
  return marks ? `${text} ${marks}` : text;
}

/**
 * Sentences as one paragraph.
 *
 * @param {{text: string, cites: number[]}[]} sentences
 * @returns {string}
 */
export function paragraphText(sentences) {
  return sentences.map(sentenceText).join(' ');
}

/**
 * Who wrote the hatch, in words.
 *
 * @param {{engine: string, model: string|null, prompt_version: string|null}} hatch
 * @returns {string}
 */
export function writtenBy({ engine, model, prompt_version: promptVersion }) {
  if (engine === 'local') return 'Written on this computer';
  const who = model ? `Written by ${model}` : 'Written by a language model';
  return promptVersion ? `${who} (prompt ${promptVersion})` : who;
}

/**
 * One numbered source: the cited words, and the page as the link.
 *
 * @param {{n: number, url: string, title: string, quote: string|null}} citation
 * @returns {{n: number, quote: string|null, fullQuote: string|null, linkText: string, href: string|null}}
 *   `quote` is null when the citation is the page's article text, not a
 *   highlight; `href` is null unless the URL is http(s)
 */
export function citationView({ n, url, title, quote, link }) {
  // `== null`: hatches stored before citations carried quotes have none.
  const cited = quote == null ? null : quote;
  // The link to the exact passage (a URL text fragment the server built);
  // the page itself for the article text or an old hatch.
  const target = cited !== null && link ? link : url;
  return {
    n,
    quote: cited === null ? null : truncate(cited, QUOTE_CHARS),
    fullQuote: cited,
    linkText: title || hostOf(url) || url,
    // Only web links: a javascript: URL from anywhere must never be clickable.
    href: isWebUrl(url) ? url : null,
    passageHref: isWebUrl(target) ? target : null,
  };
}

/**
 * The Sources list: pages numbered in the order first cited, each with its
 * cited highlights (and its article text) as entries of their own.
 *
 * @param {object[]} citations the hatch's citations
 * @returns {{number: number, linkText: string, href: string|null, entries: object[]}[]}
 */
export function sourcePages(citations) {
  const pages = new Map();
  for (const citation of citations) {
    const key = citation.source_id ?? citation.url;
    if (!pages.has(key)) pages.set(key, []);
    pages.get(key).push(citationView(citation));
  }
  return [...pages.values()].map((entries, i) => ({
    number: i + 1,
    linkText: entries[0].linkText,
    href: entries[0].href,
    entries,
  }));
}

/**
 * The hatch as the strings the popup shows, in reading order.
 *
 * @param {object} hatch a hatch of the schema above
 */
export function hatchView(hatch) {
  return {
    title: hatch.title,
    byline: writtenBy(hatch),
    introduction: paragraphText(hatch.introduction),
    sections: hatch.sections.map((section) => ({
      heading: section.title,
      site: section.site,
      paragraphs: section.paragraphs.map(paragraphText),
    })),
    threads: hatch.threads.map((t) => sentenceText({ text: t.phrase, cites: t.cites })),
    advice: hatch.advice.map(sentenceText),
    conclusion: paragraphText(hatch.conclusion),
    citations: hatch.citations.map(citationView),
    sources: sourcePages(hatch.citations),
    headings: { ...DEFAULT_HEADINGS, ...(hatch.headings || {}) },
    notes: hatch.notes,
    markdown: hatch.markdown,
  };
}

function element(tag, text, className = '') {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A heading and its list, or nothing when the list is empty. */
function listBlock(heading, items) {
  if (!items.length) return [];
  const list = document.createElement('ul');
  list.append(...items.map((text) => element('li', text)));
  return [element('h4', heading), list];
}

function entryItem(entry) {
  const item = fromTemplate('citation-item');
  item.querySelector('.marker').textContent = `[${entry.n}]`;
  const cited = item.querySelector('.cited');
  if (entry.quote === null) {
    cited.textContent = 'the article text';
    cited.classList.add('article');
  } else {
    cited.textContent = `“${entry.quote}”`;
    cited.title = entry.fullQuote;
  }
  const link = item.querySelector('.source');
  if (entry.passageHref) {
    link.href = entry.passageHref;
    link.textContent = entry.quote === null ? '↗ page' : '↗ passage';
  } else {
    link.remove();
  }
  return item;
}

function pageItem(page) {
  const item = fromTemplate('source-page');
  item.value = page.number;
  const link = item.querySelector('.page-link');
  link.textContent = page.linkText;
  if (page.href) link.href = page.href;
  item.querySelector('.entries').append(...page.entries.map(entryItem));
  return item;
}

/**
 * Show a hatch in the popup's #result article.
 *
 * @param {object} hatch a hatch of the schema above
 * @returns {string} the hatch's Markdown, for "Copy as Markdown"
 */
export function renderHatch(hatch) {
  const view = hatchView(hatch);
  $('hatch-title').textContent = view.title;
  $('hatch-byline').textContent = view.byline;
  const body = [];
  if (view.introduction) body.push(element('p', view.introduction));
  for (const section of view.sections) {
    const node = fromTemplate('section-item');
    const heading = node.querySelector('.heading');
    heading.textContent = section.heading;
    if (section.site) heading.title = section.site;
    node.append(...section.paragraphs.map((text) => element('p', text)));
    body.push(node);
  }
  const names = view.headings;
  body.push(...listBlock(names.threads, view.threads));
  body.push(...listBlock(names.advice, view.advice));
  if (view.conclusion) body.push(element('h4', names.conclusion), element('p', view.conclusion));
  $('hatch-body').replaceChildren(...body);

  $('citations').replaceChildren(...view.sources.map(pageItem));
  $('citations-title').textContent = names.sources;
  $('citations-title').hidden = view.sources.length === 0;
  $('hatch-notes-title').textContent = names.notes;
  $('hatch-notes').replaceChildren(...view.notes.map((note) => element('li', note)));
  $('hatch-notes-box').hidden = view.notes.length === 0;
  $('copy').hidden = !view.markdown;
  $('result').hidden = false;
  return view.markdown;
}
