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
 * Highlight in the frame that has the keyboard focus: a shortcut pressed
 * while reading inside a same-origin frame is meant for that frame's
 * selection. Every frame hears the message and only the focused one
 * answers (see the content script's `highlightHere`); when none does (the
 * focus is in the address bar), the top page highlights its selection, as
 * it always did.
 */
async function highlightInFocusedFrame(tabId) {
  if (tabId === undefined || tabId < 0) return null;
  const answer = await chrome.tabs
    .sendMessage(tabId, { type: 'highlight-selection', focusedOnly: true })
    .catch(() => null); // no frame answered, or no content script at all
  return answer ?? highlightInTab(tabId);
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
 * The Alt+Shift+H command (a commands.onCommand listener), for the frame
 * that has the focus.
 *
 * @param {string} command
 * @param {{id?: number}} [tab] absent when the browser gives none
 * @returns {Promise<{id: string|null}|null>} the page's answer, null if none
 */
export async function commandFired(command, tab) {
  if (command !== 'highlight-selection') return null;
  let target = tab;
  if (!target?.id) [target] = await chrome.tabs.query({ active: true, currentWindow: true });
  return highlightInFocusedFrame(target?.id);
}
