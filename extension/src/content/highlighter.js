/**
 * Drawing highlights: split text nodes at the edges of the range and wrap
 * each text node inside it in a <hatchery-mark>. Only text nodes are
 * wrapped, never elements, so the page's structure, event handlers and
 * layout stay as they were.
 */

import { DEFAULT_COLOR } from '../lib/colors.js';

export const MARK_TAG = 'hatchery-mark';

// Text nodes of only whitespace between block elements are left alone: a
// mark there (inside a <ul> or a <tr>) would be invalid markup and draw
// coloured gaps between paragraphs.
const BLANK = /^\s*$/;

/**
 * Draw one highlight over text offsets [start, end).
 *
 * @param {import('./text-index.js').TextIndex} index
 * @param {number} start
 * @param {number} end
 * @param {{id: string, color?: string}} highlight
 * @returns {HTMLElement[]} the marks, in document order
 */
export function drawHighlight(index, start, end, highlight) {
  if (end <= start) return [];
  const first = index.splitAt(start);
  const last = index.splitAt(end);
  const doc = index.root.ownerDocument;
  const marks = [];
  for (let i = first; i < last; i++) {
    const node = index.nodes[i];
    if (BLANK.test(node.data) && last - first > 1) continue;
    const parent = node.parentNode;
    if (!parent) continue;
    const mark = doc.createElement(MARK_TAG);
    mark.dataset.id = highlight.id;
    mark.dataset.color = highlight.color || DEFAULT_COLOR;
    parent.insertBefore(mark, node);
    mark.appendChild(node);
    marks.push(mark);
  }
  return marks;
}

/**
 * Remove a highlight's marks, putting their children back in place.
 *
 * @param {HTMLElement[]} marks
 */
export function eraseMarks(marks) {
  for (const mark of marks) {
    const parent = mark.parentNode;
    if (!parent) continue;
    while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
    parent.removeChild(mark);
  }
}

/**
 * @param {HTMLElement[]} marks
 * @param {string} color
 */
export function recolor(marks, color) {
  for (const mark of marks) mark.dataset.color = color;
}
