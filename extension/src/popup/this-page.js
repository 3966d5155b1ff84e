/**
 * The popup's "This page" part: the page's highlights (a click scrolls the
 * page to one) and its orphans, the ones not found on the page any more.
 */

import { DEFAULT_COLOR } from '../lib/colors.js';
import { isWebUrl, truncate } from '../lib/text.js';
import { $, fromTemplate } from './dom.js';

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
 * Ask the tab's content script what it shows and list it.
 *
 * @param {{id?: number, url?: string}|null} tab the tab the popup is about
 */
export async function renderPage(tab) {
  const list = $('page-highlights');
  const orphans = $('orphans');
  let state = null;
  if (tab?.id !== undefined) {
    state = await chrome.tabs
      .sendMessage(tab.id, { type: 'page-state' })
      .catch(() => null);
  }
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
        onClick: () => chrome.tabs.sendMessage(tab.id, { type: 'scroll-to', id: h.id }),
      }),
    ),
  );
  orphans.replaceChildren(...lost.map((h) => highlightItem(h)));
  $('orphans-box').hidden = lost.length === 0;
  $('page-empty').hidden = state.highlights.length > 0;
}
