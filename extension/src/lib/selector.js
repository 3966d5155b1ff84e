/**
 * Selectors: what is stored about a highlight so it can be found again.
 *
 * A selector is `{exact, prefix, suffix, start, end}`: the quote, up to 32
 * characters either side of it, and its offsets in the page text (the
 * concatenated text nodes of <body>, see src/content/text-index.js).
 */

import { CONTEXT_LENGTH } from './text.js';

/**
 * @typedef {object} Selector
 * @property {string} exact  - the highlighted text
 * @property {string} prefix - up to CONTEXT_LENGTH characters before it
 * @property {string} suffix - up to CONTEXT_LENGTH characters after it
 * @property {number} start  - offset of the quote in the page text
 * @property {number} end    - offset just past the quote
 */

/**
 * Build the selector of `text.slice(start, end)`.
 *
 * @param {string} text - the whole page text
 * @param {number} start
 * @param {number} end
 * @param {number} [context]
 * @returns {Selector}
 */
export function buildSelector(text, start, end, context = CONTEXT_LENGTH) {
  if (!(start >= 0 && end >= start && end <= text.length)) {
    throw new RangeError(`selector range ${start}-${end} is outside the text`);
  }
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - context), start),
    suffix: text.slice(end, end + context),
    start,
    end,
  };
}

/**
 * Move a range's edges inwards past whitespace, so a selection that started
 * or ended in the gap between paragraphs does not store that gap.
 *
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @returns {{start: number, end: number}}
 */
export function trimRange(text, start, end) {
  while (start < end && /\s/.test(text[start])) start += 1;
  while (end > start && /\s/.test(text[end - 1])) end -= 1;
  return { start, end };
}

/**
 * Read a selector out of a highlight as the server returns it: the quote is
 * `exact` there, or `text` in a capture payload.
 *
 * @param {object} highlight
 * @returns {Selector | null} null when the highlight has no quote
 */
export function selectorOf(highlight) {
  const exact = highlight?.exact ?? highlight?.text ?? '';
  if (!exact) return null;
  return {
    exact,
    prefix: highlight.prefix ?? '',
    suffix: highlight.suffix ?? '',
    start: Number.isInteger(highlight.start) ? highlight.start : -1,
    end: Number.isInteger(highlight.end) ? highlight.end : -1,
  };
}
