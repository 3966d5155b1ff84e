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

// Text nodes wrapped in one step of `drawSteps`: a passage of 100,000
// characters is thousands of text nodes, more than a slice can wrap.
export const NODES_PER_STEP = 64;

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
  const marks = [];
  const steps = drawSteps(index, start, end, highlight, marks);
  while (!steps.next().done);
  return marks;
}

/**
 * Draw one highlight over text offsets [start, end), NODES_PER_STEP text
 * nodes a step. Between two steps other highlights may be drawn (and split
 * text nodes): the next node is looked up by its offset, which splitting
 * does not change.
 *
 * @param {import('./text-index.js').TextIndex} index
 * @param {number} start
 * @param {number} end
 * @param {{id: string, color?: string}} highlight
 * @param {HTMLElement[]} marks where each mark is put as it is drawn (so
 *   a drawing left unfinished can still be erased)
 * @returns {Generator<number, HTMLElement[]>} yields the nodes wrapped so far
 */
export function* drawSteps(index, start, end, highlight, marks = []) {
  if (end <= start) return marks;
  const first = index.splitAt(start);
  const several = index.splitAt(end) - first > 1;
  const doc = index.root.ownerDocument;
  let wrapped = 0;
  for (let at = start; at < end; ) {
    const i = index.nodeAt(at);
    const node = index.nodes[i];
    at = i + 1 < index.nodes.length ? index.starts[i + 1] : end;
    const parent = node.parentNode;
    if (!parent || (several && BLANK.test(node.data))) continue;
    const mark = doc.createElement(MARK_TAG);
    mark.dataset.id = highlight.id;
    mark.dataset.color = highlight.color || DEFAULT_COLOR;
    parent.insertBefore(mark, node);
    mark.appendChild(node);
    marks.push(mark);
    styleShadowRoot(mark.getRootNode());
    if (++wrapped % NODES_PER_STEP === 0 && at < end) yield wrapped;
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
