// Test build only (popup.html's script there): the popup opened as a page
// in a tab of its own cannot be about the active tab, so the test names
// the tab it is about in `?tab=ID`.
import { openPopup } from './start.js';

const id = Number(new URLSearchParams(location.search).get('tab'));
openPopup(id ? await chrome.tabs.get(id).catch(() => null) : null);
