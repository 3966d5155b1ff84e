/**
 * The page's HTML as the server's article extraction gets it, serialised a
 * piece at a time: `outerHTML` of a 1 MB page is one task of 10-25 ms on
 * the main thread (more under load). An element with much text under it is
 * opened and its children serialised one by one, so no piece is large; the
 * pieces are joined at the end. Our own toolbar and marks are left out.
 */

import { stripOwnMarkup } from '../lib/text.js';
import { pageTurn } from '../lib/yield-to-page.js';

// An element with more text than this under it is serialised child by
// child (a few hundred microseconds of serialising per piece, at most).
const PIECE_TEXT = 16_384;

// Serialising goes on in slices this long, the page given the main thread
// in between.
const SLICE_MS = 8;

// Elements whose text the HTML serialiser writes as it is, unescaped.
const RAW_TEXT = new Set([
  'style', 'script', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext', 'noscript',
]);

/**
 * Serialise the document's root element, a slice at a time.
 *
 * @param {Document} doc
 * @param {{max?: number, now?: () => number}} [options] max: give up past
 *   this many characters (the capture would not send them)
 * @returns {Promise<string|undefined>} the HTML, what `outerHTML` of the
 *   root would be without our own markup; undefined when over `max`
 */
export async function pageHtml(doc, { max = Infinity, now = () => performance.now() } = {}) {
  const parts = [];
  let length = 0;
  let deadline = now() + SLICE_MS;
  for (const piece of htmlPieces(doc.documentElement)) {
    const part = stripOwnMarkup(piece);
    length += part.length;
    if (length > max) return undefined;
    parts.push(part);
    if (now() >= deadline) {
      await pageTurn();
      deadline = now() + SLICE_MS;
    }
  }
  return parts.join('');
}

/**
 * The HTML of a node in pieces: whole when it is small, else its start
 * tag, its children's pieces and its end tag.
 *
 * @param {Node} node
 * @returns {Generator<string>}
 */
export function* htmlPieces(node) {
  if (node.nodeType !== Node.ELEMENT_NODE) {
    yield nodeHtml(node);
    return;
  }
  if (node.localName === 'hatchery-ui') return;
  if (node.childNodes.length < 2 || node.textContent.length <= PIECE_TEXT) {
    yield node.outerHTML;
    return;
  }
  // The element without its children, copied into a document of our own:
  // a clone in the page would run a custom element's constructor.
  inert ??= document.implementation.createHTMLDocument('');
  const tags = inert.importNode(node, false).outerHTML;
  const close = tags.lastIndexOf('</');
  yield tags.slice(0, close);
  for (const child of [...node.childNodes]) yield* htmlPieces(child);
  yield tags.slice(close);
}

let inert = null;

/** A text node, comment or other non-element child, as the serialiser writes it. */
function nodeHtml(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    return RAW_TEXT.has(node.parentNode?.localName) ? node.data : escapeText(node.data);
  }
  if (node.nodeType === Node.COMMENT_NODE) return `<!--${node.data}-->`;
  return '';
}

/** Text escaped as the HTML serialiser escapes it outside attributes. */
function escapeText(text) {
  return text.replace(/[&\u00a0<>]/g, (c) => ESCAPES[c]);
}

const ESCAPES = { '&': '&amp;', '\u00a0': '&nbsp;', '<': '&lt;', '>': '&gt;' };
