/**
 * The person's selection as a live Range, also when it lies inside an open
 * shadow root: `getRangeAt` rescopes such a selection to the shadow host,
 * `getComposedRanges` (given the roots) keeps its real ends. The roots need
 * not be known beforehand: a selection rescoped to a host names it, and its
 * root is added (so no walk of the page is needed to find them).
 */

// Shadow roots inside shadow roots looked into, at most, for one selection.
const MAX_NESTED_ROOTS = 16;

/**
 * @param {ShadowRoot[]} [shadowRoots] open shadow roots known to hold page text
 * @returns {Range|null} null when nothing is selected
 */
export function selectedRange(shadowRoots = []) {
  const selection = window.getSelection();
  if (!selection || !selection.rangeCount) return null;
  if (typeof selection.getComposedRanges !== 'function') {
    return selection.isCollapsed ? null : selection.getRangeAt(0);
  }
  const roots = [...shadowRoots];
  let composed = null;
  for (let k = 0; k <= MAX_NESTED_ROOTS; k++) {
    [composed] = selection.getComposedRanges({ shadowRoots: roots });
    if (!composed) return null;
    const hidden = hostRootAt(composed, roots);
    if (!hidden) break;
    roots.push(hidden);
  }
  if (composed.collapsed) return null;
  const range = document.createRange();
  try {
    range.setStart(composed.startContainer, composed.startOffset);
    range.setEnd(composed.endContainer, composed.endOffset);
  } catch {
    return null; // ends in two different trees: not one passage
  }
  return range;
}

/**
 * The open shadow root of a host an end of the range was rescoped to (the
 * end sits just before or after the host), when it is not among `roots`.
 */
function hostRootAt(range, roots) {
  const candidates = [
    range.startContainer.childNodes?.[range.startOffset],
    range.endContainer.childNodes?.[range.endOffset - 1],
  ];
  for (const node of candidates) {
    const root = node?.shadowRoot;
    if (root && !roots.includes(root)) return root;
  }
  return null;
}
