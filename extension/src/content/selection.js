/**
 * The person's selection as a live Range, also when it lies inside an open
 * shadow root: `getRangeAt` rescopes such a selection to the shadow host,
 * `getComposedRanges` (given the roots) keeps its real ends.
 */

/**
 * @param {ShadowRoot[]} shadowRoots the open shadow roots whose text we index
 * @returns {Range|null} null when nothing is selected
 */
export function selectedRange(shadowRoots = []) {
  const selection = window.getSelection();
  if (!selection || !selection.rangeCount) return null;
  if (shadowRoots.length && typeof selection.getComposedRanges === 'function') {
    const [composed] = selection.getComposedRanges({ shadowRoots });
    if (!composed || composed.collapsed) return null;
    const range = document.createRange();
    try {
      range.setStart(composed.startContainer, composed.startOffset);
      range.setEnd(composed.endContainer, composed.endOffset);
    } catch {
      return null; // ends in two different trees: not one passage
    }
    return range;
  }
  return selection.isCollapsed ? null : selection.getRangeAt(0);
}
