/**
 * The popup opened from the toolbar button, about the tab it was opened
 * over. All page and server text is inserted with textContent, never as HTML.
 */

import { openPopup } from './start.js';

const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
openPopup(tab ?? null);
