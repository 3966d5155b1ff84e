/**
 * The context menu item and the keyboard command: both ask the content
 * script of the tab (and frame) they were used in to highlight what is
 * selected there.
 */

/** The id of the "Highlight selection" context menu item. */
export const MENU_ID = 'hatchery-highlight';

function highlightInTab(tabId, frameId = 0) {
  if (tabId === undefined || tabId < 0) return Promise.resolve(null);
  return chrome.tabs
    .sendMessage(tabId, { type: 'highlight-selection' }, { frameId })
    .catch(() => null); // no content script there (a browser page)
}

/**
 * Context menu "Highlight selection" (a contextMenus.onClicked listener).
 *
 * @param {{menuItemId: string|number, frameId?: number}} info
 * @param {{id?: number}} [tab]
 * @returns {Promise<{id: string|null}|null>} the page's answer, null if none
 */
export function menuClicked(info, tab) {
  if (info.menuItemId !== MENU_ID) return Promise.resolve(null);
  return highlightInTab(tab?.id, info.frameId ?? 0);
}

/**
 * The Alt+Shift+H command (a commands.onCommand listener).
 *
 * @param {string} command
 * @param {{id?: number}} [tab] absent when the browser gives none
 * @returns {Promise<{id: string|null}|null>} the page's answer, null if none
 */
export async function commandFired(command, tab) {
  if (command !== 'highlight-selection') return null;
  let target = tab;
  if (!target?.id) [target] = await chrome.tabs.query({ active: true, currentWindow: true });
  return highlightInTab(target?.id);
}
