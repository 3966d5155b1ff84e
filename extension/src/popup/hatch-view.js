/**
 * Showing a hatch in the popup. The hatch is exactly the server's schema
 * (server/hatchery/hatch/models.py, `Hatch.to_dict()`):
 *
 *   {title, introduction: [Sentence], sections: [{source_id, title, site,
 *    url, paragraphs: [[Sentence]]}], threads: [{phrase, source_ids, cites}],
 *    advice: [Sentence], conclusion: [Sentence], citations: [Citation],
 *    engine, length, model, prompt_version, notes: [str], markdown}
 *   Sentence = {text, cites: [int]}
 *   Citation = {n, source_id, highlight_id, url, title, quote}
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
export function citationView({ n, url, title, quote }) {
  // `== null`: hatches stored before citations carried quotes have none.
  const cited = quote == null ? null : quote;
  return {
    n,
    quote: cited === null ? null : truncate(cited, QUOTE_CHARS),
    fullQuote: cited,
    linkText: title || hostOf(url) || url,
    // Only web links: a javascript: URL from anywhere must never be clickable.
    href: isWebUrl(url) ? url : null,
  };
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

function citationItem(citation) {
  const item = fromTemplate('citation-item');
  item.value = citation.n;
  const cited = item.querySelector('.cited');
  if (citation.quote === null) {
    cited.textContent = 'the article text';
    cited.classList.add('article');
  } else {
    cited.textContent = `“${citation.quote}”`;
    cited.title = citation.fullQuote;
  }
  const link = item.querySelector('.source');
  link.textContent = citation.linkText;
  if (citation.href) link.href = citation.href;
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
  body.push(...listBlock('Threads', view.threads));
  body.push(...listBlock('Advice', view.advice));
  if (view.conclusion) body.push(element('h4', 'Conclusion'), element('p', view.conclusion));
  $('hatch-body').replaceChildren(...body);

  $('citations').replaceChildren(...view.citations.map((c) => citationItem(c)));
  $('citations-title').hidden = view.citations.length === 0;
  $('hatch-notes').replaceChildren(...view.notes.map((note) => element('li', note)));
  $('hatch-notes-box').hidden = view.notes.length === 0;
  $('copy').hidden = !view.markdown;
  $('result').hidden = false;
  return view.markdown;
}
