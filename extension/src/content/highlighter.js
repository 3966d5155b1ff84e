/**
 * Drawing highlights: split text nodes at the edges of the range and wrap
 * each text node inside it in a <hatchery-mark>. Only text nodes are
 * wrapped, never elements, so the page's structure, event handlers and
 * layout stay as they were.
 */

import { COLORS, DEFAULT_COLOR, markFill } from '../lib/colors.js';

export const MARK_TAG = 'hatchery-mark';

// Text nodes of only whitespace between block elements are left alone: a
// mark there (inside a <ul> or a <tr>) would be invalid markup and draw
// coloured gaps between paragraphs.
const BLANK = /^\s*$/;

// The manifest's marks.css styles the document but not what is inside a
// shadow root, so each shadow root with marks gets these rules as a
// <style> of its own. The same rules as marks.css (a test compares them).
const colorRules = COLORS.filter((c) => c !== DEFAULT_COLOR).map(
  (c) => `hatchery-mark[data-color='${c}'] {
  background-color: ${markFill(c)} !important;
}`,
);
export const SHADOW_MARK_STYLE = [
  `hatchery-mark {
  all: unset;
  display: inline !important;
  background-color: ${markFill(DEFAULT_COLOR)} !important;
  color: inherit !important;
  cursor: pointer;
  border-radius: 2px;
}`,
  ...colorRules,
  `hatchery-mark[data-focused] {
  outline: 2px solid rgba(255, 140, 0, 0.9) !important;
}`,
].join('\n');

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
    styleShadowRoot(mark.getRootNode());
  }
  return marks;
}

/** Give a shadow root holding marks the marks' style, once. */
function styleShadowRoot(root) {
  if (!(root instanceof ShadowRoot) || root.querySelector('style[data-hatchery-marks]')) return;
  const style = root.ownerDocument.createElement('style');
  style.dataset.hatcheryMarks = '';
  style.textContent = SHADOW_MARK_STYLE;
  root.appendChild(style);
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
