/**
 * Text helpers shared by the content script, the popup and the tests.
 * No DOM and no `chrome.*` here: `node --test` runs this file as is.
 */

/** Characters of context kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;

/**
 * Collapse every run of whitespace (including non-breaking spaces) to one
 * space and trim the ends. Used to compare text that a page may have
 * re-flowed between visits, and to show quotes compactly.
 *
 * @param {string} text
 * @returns {string}
 */
export function normalizeWhitespace(text) {
  return String(text ?? '')
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim();
}

/**
 * The URL a page is stored under: the fragment is dropped because it names a
 * place in the page, not another page (the server normalises the rest).
 *
 * @param {string} url
 * @returns {string}
 */
export function canonicalUrl(url) {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return String(url ?? '').split('#')[0];
  }
}

/**
 * True for the pages a highlight can live on (http and https only).
 *
 * @param {string} url
 * @returns {boolean}
 */
export function isWebUrl(url) {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The host of a URL ("example.org:8080"), or '' when it is not a URL.
 *
 * @param {string} url
 * @returns {string}
 */
export function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/**
 * Shorten text for display, cutting at a word boundary when one is near.
 *
 * @param {string} text
 * @param {number} max - the most characters to keep, ellipsis included
 * @returns {string}
 */
export function truncate(text, max) {
  const clean = normalizeWhitespace(text);
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  if (clean[max - 1] === ' ') return cut + '…';
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut) + '…';
}

/**
 * Parse a comma- or whitespace-separated tag list into unique, trimmed tags.
 *
 * @param {string} input
 * @returns {string[]}
 */
export function parseTags(input) {
  const seen = new Set();
  for (const raw of String(input ?? '').split(/[,\n]/)) {
    const tag = raw.trim().replace(/^#/, '');
    if (tag) seen.add(tag);
  }
  return [...seen];
}

/**
 * Remove the extension's own element (the toolbar's host) from serialised
 * page HTML, so the server extracts the page as its author wrote it.
 * Highlights are painted without elements of their own.
 *
 * @param {string} html
 * @returns {string}
 */
export function stripOwnMarkup(html) {
  return String(html ?? '')
    .replace(/<hatchery-ui\b[^>]*>[\s\S]*?<\/hatchery-ui>/g, '');
}
