/**
 * The popup, wired together: status, this page, and hatching. `openPopup`
 * is given the tab the popup is about; popup.js passes the active tab.
 */

import { $, ask } from './dom.js';
import { getClient } from '../background/settings.js';
import { copyMarkdown, hatchChosen, renderPages } from './hatching.js';
import { renderOutbox, renderStatus } from './status.js';
import { renderPage } from './this-page.js';

/**
 * Fill the popup and answer its buttons.
 *
 * @param {{id?: number, url?: string}|null} tab the tab the popup is about
 */
export async function openPopup(tab) {
  $('settings').addEventListener('click', (event) => {
    event.preventDefault();
    chrome.runtime.openOptionsPage();
  });
  $('library').addEventListener('click', openLibrary);
  $('sync').addEventListener('click', async () => {
    $('waiting').textContent = 'Sending…';
    await ask({ type: 'flush' });
    await renderOutbox();
    await renderStatus();
  });
  $('hatch').addEventListener('click', hatchChosen);
  $('copy').addEventListener('click', copyMarkdown);

  const pagePromise = renderPage(tab);
  // Opening the popup is a good moment to send what waits.
  await ask({ type: 'flush' });
  const connected = await renderStatus();
  await Promise.all([pagePromise, renderOutbox(), renderPages(connected)]);
  // Everything is shown: the browser tests wait for this.
  document.body.dataset.ready = 'true';
}

/** Open the web library, logged in by a one-time link; Settings when the
 * server cannot give one (not paired, not running). */
async function openLibrary(event) {
  event.preventDefault();
  try {
    const client = await getClient();
    await chrome.tabs.create({ url: await client.libraryLink() });
  } catch {
    chrome.runtime.openOptionsPage();
  }
}
