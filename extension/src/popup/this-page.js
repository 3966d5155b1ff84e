/**
 * The popup's "This page" part: the page's highlights (a click scrolls the
 * page to one) and its orphans, the ones not found on the page any more.
 */

import { DEFAULT_COLOR } from '../lib/colors.js';
import { isWebUrl, truncate } from '../lib/text.js';
import { $, ask, fromTemplate } from './dom.js';

function highlightItem(highlight, { onClick } = {}) {
  const item = fromTemplate('highlight-item');
  item.dataset.id = highlight.id;
  item.dataset.color = highlight.color || DEFAULT_COLOR;
  const quote = item.querySelector('.quote');
  quote.textContent = truncate(highlight.exact ?? '', 160);
  quote.title = highlight.exact ?? '';
  if (onClick) quote.addEventListener('click', onClick);
  else quote.disabled = true;
  item.querySelector('.note').textContent = highlight.unsaved
    ? 'Not saved: the browser refused to store it.'
    : (highlight.note ?? '');
  return item;
}

/**
 * What the tab's page shows, and each of its same-origin frames: every
 * highlight with the frame it is drawn in.
 *
 * @param {number} tabId
 * @returns {Promise<{highlights: object[]}|null>} null when the page does
 *   not answer (no content script there)
 */
async function tabState(tabId) {
  const askFrame = (type, frameId) =>
    chrome.tabs.sendMessage(tabId, { type }, { frameId }).catch(() => null);
  const frameIds = (await ask({ type: 'tab-frames', tabId })) ?? [];
  const [top, ...frames] = await Promise.all([
    askFrame('page-state', 0),
    ...frameIds.map((frameId) => askFrame('frame-state', frameId)),
  ]);
  if (!top) return null;
  const inFrame = (state, frameId) => state.highlights.map((h) => ({ ...h, frameId }));
  return {
    ...top,
    highlights: oncePerHighlight([
      ...inFrame(top, 0),
      // A frame gone or navigated away does not answer.
      ...frames.flatMap((state, i) => (state ? inFrame(state, frameIds[i]) : [])),
    ]),
  };
}

// Drawn beats still being searched for, which beats not found.
const progress = (h) => (h.anchored ? 2 : h.searching ? 1 : 0);

/**
 * Each highlight once, where it is drawn if it is drawn anywhere: a frame
 * without an address of its own shares its page's highlights, so the top
 * page and the frame both hold them, and each finds only its own.
 *
 * @param {object[]} highlights with `id`, `anchored` and `searching`
 * @returns {object[]}
 */
function oncePerHighlight(highlights) {
  const kept = new Map();
  for (const h of highlights) {
    const seen = kept.get(h.id);
    if (!seen || progress(h) > progress(seen)) kept.set(h.id, h);
  }
  return [...kept.values()];
}

/**
 * Ask the tab's content scripts what they show and list it.
 *
 * @param {{id?: number, url?: string}|null} tab the tab the popup is about
 */
export async function renderPage(tab) {
  const list = $('page-highlights');
  const orphans = $('orphans');
  const state = tab?.id !== undefined ? await tabState(tab.id) : null;
  if (!state) {
    $('page-empty').textContent = isWebUrl(tab?.url ?? '')
      ? 'The highlighter is not running here yet: reload the page.'
      : 'Highlighting works on web pages (http and https). If this is one, reload it.';
    return;
  }
  const anchored = state.highlights.filter((h) => h.anchored);
  // Highlights still being searched for are not orphans yet.
  const lost = state.highlights.filter((h) => !h.anchored && !h.searching);
  list.replaceChildren(
    ...anchored.map((h) =>
      highlightItem(h, {
        onClick: () =>
          chrome.tabs.sendMessage(tab.id, { type: 'scroll-to', id: h.id }, { frameId: h.frameId }),
      }),
    ),
  );
  orphans.replaceChildren(...lost.map((h) => highlightItem(h)));
  $('orphans-box').hidden = lost.length === 0;
  $('page-empty').hidden = state.highlights.length > 0;
}
