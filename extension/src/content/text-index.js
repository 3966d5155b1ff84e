/**
 * The page text and the map between its offsets and DOM positions.
 *
 * Two ways of counting run side by side:
 *
 * - *offsets* index `text`, the text the matcher searches and the marks
 *   cover: <body>'s text nodes, then those of every open shadow root (at
 *   its host, before the host's own children), except the text a reader
 *   never sees (scripts, styles, templates…) and our own UI. UTF-16 units,
 *   as JavaScript strings count.
 * - *positions* are what a highlight stores as `start`/`end` (and exports
 *   as a W3C TextPositionSelector): Unicode code points, as the W3C model
 *   asks, over `document.body.textContent` (every text node of the body,
 *   scripts and styles included), which Hypothesis counts too (though in
 *   UTF-16 units: the numbers differ after an emoji). Text in a shadow root
 *   is not in textContent: it counts nothing, and a highlight there stores
 *   the position of its host (a hint; its quote finds it).
 *
 * Marks wrap text nodes without changing the text, so offsets stay valid
 * while highlights are drawn; the index is only rebuilt when the page
 * itself changes. On a long page the walk itself takes longer than a frame,
 * so anchoring builds the index a slice at a time (`buildUntil`).
 */

import { codePointLength, unitsForCodePoints } from '../lib/code-points.js';

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

// Text nodes indexed between two looks at the clock while the index is
// built in slices: a few hundred microseconds of walking on a slow machine.
const NODES_PER_CLOCK_CHECK = 256;

export class TextIndex {
  /**
   * An index of the text under `root`, built at once (see `buildUntil` to
   * build it a slice at a time instead).
   *
   * @param {Element} root
   * @param {{inSlices?: boolean}} [options] inSlices: build nothing yet
   */
  constructor(root, { inSlices = false } = {}) {
    this.root = root;
    /** @type {Text[]} */
    this.nodes = [];
    /** @type {number[]} start offset of each node in `text` */
    this.starts = [];
    /** @type {number[]} start position (code points, all text) of each node */
    this.positions = [];
    /** @type {boolean[]} whether a node's text counts in positions (not in a shadow root) */
    this.counted = [];
    /** @type {ShadowRoot[]} the open shadow roots whose text is in `text` */
    this.shadowRoots = [];
    /** @type {string} the page text; '' until the index is built */
    this.text = '';
    /** @type {boolean} false for an index of only the text around a range (see indexAround) */
    this.whole = true;
    /** @type {Map<Text, number>|null} node -> index in `nodes`, built when needed */
    this.order = null;
    // The walk so far: one walker per tree being walked (the document's,
    // then one per open shadow root it is inside), the text not joined yet.
    this.walkers = [walkerOf(root)];
    this.parts = [];
    this.offset = 0;
    this.position = 0;
    if (!inSlices) this.buildUntil(Infinity);
  }

  /** @returns {boolean} whether the whole text is indexed */
  get ready() {
    return this.walkers.length === 0;
  }

  /**
   * Go on indexing the text until it is done or the clock passes
   * `deadline`. The page must not change between two calls (the caller
   * starts a new index when it does).
   *
   * @param {number} deadline in the clock's units (performance.now())
   * @param {() => number} [now]
   * @returns {boolean} whether the whole text is indexed now
   */
  buildUntil(deadline, now = () => performance.now()) {
    let visited = 0;
    while (this.walkers.length) {
      if (++visited % NODES_PER_CLOCK_CHECK === 0 && now() >= deadline) return false;
      this.visit(this.walkers[this.walkers.length - 1]);
    }
    if (this.parts) {
      this.text = this.parts.join('');
      this.parts = null;
    }
    return true;
  }

  /** Index the next node of the innermost tree being walked. */
  visit(walker) {
    // One walker for text and elements, without a filter callback (a
    // callback per node costs more than the walk on a 1 MB page); elements
    // are looked at only for an open shadow root, whose text comes at its
    // host, before the host's own children.
    const node = walker.nextNode();
    if (!node) {
      this.walkers.pop();
      return;
    }
    if (node.nodeType === Node.ELEMENT_NODE) {
      const shadow = hostedRoot(node);
      if (shadow) {
        this.shadowRoots.push(shadow);
        this.walkers.push(walkerOf(shadow));
      }
      return;
    }
    this.add(node, this.walkers.length > 1);
  }

  /** Index a text node, the next in the text's order. */
  add(node, inShadow) {
    const length = node.data.length;
    if (!length) return;
    if (SKIPPED.has(node.parentNode.nodeName)) {
      // Unseen text still counts in positions, as in textContent.
      if (!inShadow) this.position += codePointLength(node.data);
      return;
    }
    this.nodes.push(node);
    this.starts.push(this.offset);
    this.positions.push(this.position);
    this.counted.push(!inShadow);
    this.parts.push(node.data);
    this.offset += length;
    if (!inShadow) this.position += codePointLength(node.data);
  }

  /**
   * Index of the node holding the character at `offset` (the last node
   * starting at or before it).
   */
  nodeAt(offset) {
    return lastAtOrBefore(this.starts, offset);
  }

  /**
   * The stored position (code points over all text) of a text offset.
   *
   * @param {number} offset
   * @param {boolean} [isEnd] an end: counted in the node before the offset,
   *   so unseen text right after a quote does not move its end
   * @returns {number}
   */
  positionOf(offset, isEnd = false) {
    if (!this.nodes.length) return 0;
    const i = this.nodeAt(isEnd && offset > 0 ? offset - 1 : offset);
    const node = this.nodes[i];
    if (!this.counted[i]) return this.positions[i];
    return this.positions[i] + codePointLength(node.data, 0, Math.min(offset - this.starts[i], node.data.length));
  }

  /**
   * The text offset of a stored position, or -1 when it is unknown.
   *
   * @param {number} position
   * @returns {number}
   */
  offsetAt(position) {
    if (!(position >= 0) || !this.nodes.length) return -1;
    const i = lastAtOrBefore(this.positions, position);
    const node = this.nodes[i];
    return this.starts[i] + unitsForCodePoints(node.data, position - this.positions[i]);
  }

  /**
   * The text offset of a DOM boundary point (as in a Range), also inside
   * an open shadow root.
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
    const next = this.firstIndexedFrom(container, offset);
    return next === -1 ? this.text.length : this.starts[next];
  }

  /** Index of the first indexed text node at or after a boundary point, or -1. */
  firstIndexedFrom(container, offset) {
    const root = container.getRootNode();
    const walker = this.root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    if (container.nodeType === Node.TEXT_NODE) {
      walker.currentNode = container;
      node = walker.nextNode();
    } else if (container.childNodes[offset]) {
      const child = container.childNodes[offset];
      walker.currentNode = child;
      node = child.nodeType === Node.TEXT_NODE ? child : walker.nextNode();
    } else {
      let last = container;
      while (last.lastChild) last = last.lastChild;
      walker.currentNode = last;
      node = walker.nextNode();
    }
    for (; node; node = walker.nextNode()) {
      const i = this.indexOfNode(node);
      if (i !== -1) return i;
    }
    // The end of a shadow tree: go on after its host.
    if (root instanceof ShadowRoot) {
      const host = root.host;
      return this.firstIndexedFrom(host.parentNode, [...host.parentNode.childNodes].indexOf(host) + 1);
    }
    return -1;
  }

  /** Position of a text node in `nodes`, or -1. */
  indexOfNode(node) {
    if (!this.order) {
      this.order = new Map();
      this.nodes.forEach((n, i) => this.order.set(n, i));
    }
    return this.order.get(node) ?? -1;
  }

  /**
   * Whether a node is in the text this index covers.
   *
   * @param {Node} node
   * @returns {boolean}
   */
  covers(node) {
    const root = node.getRootNode();
    return root instanceof ShadowRoot ? this.shadowRoots.includes(root) : this.root.contains(node);
  }

  /**
   * The text offsets a Range (or StaticRange) covers.
   *
   * @param {AbstractRange} range
   * @returns {{start: number, end: number}}
   */
  rangeOffsets(range) {
    return {
      start: this.offsetOf(range.startContainer, range.startOffset),
      end: this.offsetOf(range.endContainer, range.endOffset),
    };
  }
}

/**
 * An index of only the text around a range: from `context` characters
 * before it to `context` characters after it (fewer at the edges of the
 * page text), for what a person's action needs at once when the page's
 * index is not built (building it takes 50 ms and more on a 1 MB page).
 * Its offsets count from the first node it holds, so its `positionOf` is
 * not a stored position: map its nodes into a whole index for that.
 *
 * @param {Element} root the element whose text the page's index covers
 * @param {AbstractRange} range in the light DOM under root
 * @param {number} context
 * @returns {TextIndex|null} null when an open shadow root is near or in the
 *   range (its text is placed at its host: only the whole walk knows where)
 */
export function indexAround(root, range, context) {
  const { startContainer, endContainer } = range;
  const inLight = (node) => node.getRootNode() === root.getRootNode() && root.contains(node);
  if (!inLight(startContainer) || !inLight(endContainer)) return null;
  const walker = walkerOf(root);
  const before = [];
  let seen = 0;
  // Back from the range's first node, until `context` characters are seen.
  const first = nodeFrom(walker, startContainer, range.startOffset);
  if (first) {
    walker.currentNode = first;
    if (first.nodeType === Node.TEXT_NODE && first === startContainer) {
      seen += indexedLength(first) && range.startOffset;
    }
    for (let node = walker.previousNode(); node && seen < context; node = walker.previousNode()) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        if (hostedRoot(node)) return null;
        continue;
      }
      before.push(node);
      seen += indexedLength(node);
    }
  }
  // On from the same node, through the range, until `context` after it.
  const index = new TextIndex(root, { inSlices: true });
  index.walkers = [];
  for (let k = before.length - 1; k >= 0; k--) index.add(before[k], false);
  const endText = endContainer.nodeType === Node.TEXT_NODE;
  let after = -1;
  walker.currentNode = first ?? root;
  for (let node = first; node && after < context; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (hostedRoot(node)) return null;
      if (after < 0 && !endText && isAfterEnd(node, range)) after = 0;
      continue;
    }
    if (after < 0 && !endText && isAfterEnd(node, range)) after = 0;
    index.add(node, false);
    if (after >= 0) after += indexedLength(node);
    else if (node === endContainer) after = indexedLength(node) && node.data.length - range.endOffset;
  }
  index.text = index.parts.join('');
  index.parts = null;
  index.whole = false;
  return index;
}

/** The text node (or element) at a boundary point, or the first after it. */
function nodeFrom(walker, container, offset) {
  if (container.nodeType === Node.TEXT_NODE) return container;
  const child = container.childNodes[offset];
  if (child) return child;
  walker.currentNode = container;
  let last = container;
  while (last.lastChild) last = last.lastChild;
  walker.currentNode = last;
  return walker.nextNode();
}

/** Whether a node lies after the range's end (the end is between nodes). */
function isAfterEnd(node, range) {
  return range.comparePoint(node, 0) > 0;
}

/** How much of a text node is in the page text (none in a script or style). */
function indexedLength(node) {
  return SKIPPED.has(node.parentNode.nodeName) ? 0 : node.data.length;
}

/**
 * Whether a node is in the text of the page under `root`: under it, or in
 * an open shadow root whose host is (at any depth).
 *
 * @param {Element} root
 * @param {Node} node
 * @returns {boolean}
 */
export function inPageText(root, node) {
  for (let at = node; at; ) {
    const tree = at.getRootNode();
    if (!(tree instanceof ShadowRoot)) return root.contains(at);
    at = tree.host;
  }
  return false;
}

/** The open shadow root of an element whose text is indexed at it, or null. */
function hostedRoot(node) {
  const shadow = node.shadowRoot;
  return shadow && !SKIPPED.has(node.nodeName) ? shadow : null;
}

/** A walker over the text and elements under `root` (an element or a shadow root). */
function walkerOf(root) {
  const doc = root.ownerDocument;
  return doc.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
}

/** The last index of sorted `values` whose value is <= `at` (0 if none). */
function lastAtOrBefore(values, at) {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (values[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
