/**
 * Which page a frame's highlights belong to. A frame loaded from an address
 * of its own (an iframe's src) is a page of its own. A frame without one is
 * part of the page around it: an about:blank frame a script filled, a
 * srcdoc embed, a frame a script wrote with document.write (which gives it
 * its parent's address). Its highlights are stored with that page, and its
 * captures carry that page's title and HTML, so an embed never replaces the
 * article the server extracted for the page.
 */

import { canonicalUrl, isWebUrl } from '../lib/text.js';

/**
 * Whether this frame may be highlighted: the top page, or a frame of the
 * same origin (a cross-origin frame, such as an ad, is left alone). The
 * document's origin, not its address's: about:srcdoc has no origin of its
 * own and inherits its parent's.
 *
 * @param {Window} [win]
 * @returns {boolean}
 */
export function sameOriginAsTop(win = window) {
  try {
    return win === win.top || win.top.origin === win.origin;
  } catch {
    return false; // reading a cross-origin top throws
  }
}

/**
 * The window whose page this frame's highlights belong to: itself, or the
 * nearest frame around it that has an address of its own.
 *
 * @param {Window} [win]
 * @returns {Window}
 */
export function owningWindow(win = window) {
  let current = win;
  while (current !== current.top && !hasOwnAddress(current)) current = current.parent;
  return current;
}

/**
 * The canonical URL of the page this frame's highlights belong to, now (a
 * single-page app around the frame may have moved).
 *
 * @param {Window} [win]
 * @returns {string}
 */
export function framePageUrl(win = window) {
  return canonicalUrl(owningWindow(win).location.href);
}

/**
 * The document whose title and HTML go with this frame's captures.
 *
 * @param {Window} [win]
 * @returns {Document}
 */
export function framePageDocument(win = window) {
  return owningWindow(win).document;
}

function hasOwnAddress(win) {
  const own = canonicalUrl(win.location.href);
  if (!isWebUrl(own)) return false;
  try {
    return own !== canonicalUrl(win.parent.location.href);
  } catch {
    return true; // a cross-origin parent: this frame is the page we can see
  }
}
