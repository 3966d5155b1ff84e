/**
 * The popup, wired together: status, this page, and hatching. `openPopup`
 * is given the tab the popup is about; popup.js passes the active tab.
 */

import { $, ask } from './dom.js';
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
