/**
 * The page text and the map between its offsets and DOM positions.
 *
 * The page text is the concatenation of <body>'s text nodes, except those in
 * elements whose text a reader never sees (scripts, styles, templates) and
 * in our own UI. Selectors store offsets in this text; marks wrap text nodes
 * without changing the text, so offsets stay valid while highlights are
 * drawn, and the index is only rebuilt when the page itself changes.
 */

const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'IFRAME',
  'OBJECT',
  'HATCHERY-UI',
  // SVG and MathML keep their element names in lower case.
  'script',
  'style',
]);

export class TextIndex {
  /** @param {Element} root */
  constructor(root) {
    this.root = root;
    /** @type {Text[]} */
    this.nodes = [];
    /** @type {number[]} start offset of each node in `text` */
    this.starts = [];
    const parts = [];
    let offset = 0;
    // A walker without a filter callback runs at native speed (a callback
    // per node costs more than the walk on a 1 MB page). Text a reader
    // never sees sits directly in the skipped elements, so checking each
    // text node's parent is enough.
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.data.length;
      if (!length || SKIPPED.has(node.parentNode.nodeName)) continue;
      this.nodes.push(node);
      this.starts.push(offset);
      parts.push(node.data);
      offset += length;
    }
    this.text = parts.join('');
  }

  /**
   * Index of the node holding the character at `offset` (the last node
   * starting at or before it).
   */
  nodeAt(offset) {
    const { starts } = this;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Split text nodes so that a node starts exactly at `offset`.
   *
   * @returns {number} the index of that node (nodes.length at the end)
   */
  splitAt(offset) {
    if (offset >= this.text.length) return this.nodes.length;
    const i = this.nodeAt(offset);
    const at = offset - this.starts[i];
    if (at === 0) return i;
    const tail = this.nodes[i].splitText(at);
    this.nodes.splice(i + 1, 0, tail);
    this.starts.splice(i + 1, 0, offset);
    return i + 1;
  }

  /**
   * The text offset of a DOM boundary point (as in a Range).
   *
   * @param {Node} container
   * @param {number} offset
   * @returns {number}
   */
  offsetOf(container, offset) {
    if (container.nodeType === Node.TEXT_NODE) {
      const i = this.indexOfNode(container);
      if (i !== -1) return this.starts[i] + Math.min(offset, container.data.length);
    }
    // The point is between nodes: it sits where the first indexed text node
    // after it starts.
    const probe = container.ownerDocument.createRange();
    probe.setStart(container, offset);
    probe.collapse(true);
    let lo = 0;
    let hi = this.nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // comparePoint(node, 0) is 1 when the node's start is after the probe.
      if (probe.comparePoint(this.nodes[mid], 0) >= 0) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.nodes.length ? this.starts[lo] : this.text.length;
  }

  /** Position of a text node in `nodes`, or -1. */
  indexOfNode(node) {
    let lo = 0;
    let hi = this.nodes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const other = this.nodes[mid];
      if (other === node) return mid;
      const relation = other.compareDocumentPosition(node);
      if (relation & Node.DOCUMENT_POSITION_FOLLOWING) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * The text offsets a Range covers.
   *
   * @param {Range} range
   * @returns {{start: number, end: number}}
   */
  rangeOffsets(range) {
    return {
      start: this.offsetOf(range.startContainer, range.startOffset),
      end: this.offsetOf(range.endContainer, range.endOffset),
    };
  }
}
