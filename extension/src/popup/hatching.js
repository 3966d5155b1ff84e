/**
 * The popup's "Hatch" part: pick pages, choose a length (and an engine when
 * the server has more than one), watch the hatch being written, then read
 * it and copy it as Markdown.
 */

import { getClient } from '../background/settings.js';
import { hostOf, truncate } from '../lib/text.js';
import { $, fromTemplate, plural } from './dom.js';
import { renderHatch } from './hatch-view.js';

// The pages offered, newest first; more belong in the web library.
const PAGES_SHOWN = 30;

// The Markdown of the hatch shown, for "Copy as Markdown".
let lastMarkdown = '';

function chosenPages() {
  return [...document.querySelectorAll('#pages .pick:checked')].map((box) => Number(box.value));
}

function updateHatchButton() {
  $('hatch').disabled = chosenPages().length === 0;
}

/**
 * List the server's pages to hatch from.
 *
 * @param {boolean} connected whether the server can be asked
 */
export async function renderPages(connected) {
  const list = $('pages');
  if (!connected) {
    $('pages-empty').hidden = false;
    $('pages-empty').textContent = 'Hatching needs the server.';
    return;
  }
  const client = await getClient();
  const pages = await client.pages().catch(() => []);
  $('pages-empty').hidden = pages.length > 0;
  list.replaceChildren(
    ...pages.slice(0, PAGES_SHOWN).map((page) => {
      const item = fromTemplate('page-item');
      const box = item.querySelector('.pick');
      box.value = String(page.id);
      box.addEventListener('change', updateHatchButton);
      item.querySelector('.title').textContent = truncate(page.title || page.url, 70);
      item.querySelector('.title').title = page.url;
      item.querySelector('.meta').textContent =
        `${page.site_name || hostOf(page.url)} · ${plural(page.highlight_count, 'highlight')}`;
      return item;
    }),
  );
  updateHatchButton();
}

/** Hatch from the chosen pages, showing the draft as it is written. */
export async function hatchChosen() {
  const ids = chosenPages();
  if (!ids.length) return;
  const button = $('hatch');
  const progress = $('progress');
  button.disabled = true;
  $('result').hidden = true;
  progress.hidden = false;
  const started = Date.now();
  const hatching = `Hatching from ${plural(ids.length, 'page')}…`;
  progress.textContent = hatching;
  let notice = '';
  const ticker = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    progress.textContent = `${hatching} ${seconds} s` + (notice ? ` (${notice})` : '');
  }, 1000);
  const draft = $('draft');
  draft.textContent = '';
  const body = { page_ids: ids, length: $('length').value };
  if (!$('engine').hidden) body.engine = $('engine').value;
  try {
    const client = await getClient();
    let hatch;
    try {
      hatch = await client.hatchStream(body, (e) => {
        if (e.event === 'text' && e.data?.text) {
          draft.hidden = false;
          draft.append(e.data.text); // text, never markup
          draft.scrollTop = draft.scrollHeight;
        } else if (e.event === 'notice' && e.data?.message) {
          notice = e.data.message;
          progress.textContent = notice;
        }
      });
    } catch (error) {
      // A server without the streaming route: hatch in one request.
      if (error.status !== 404 && error.status !== 405) throw error;
      hatch = await client.hatch(body);
    }
    progress.hidden = true;
    draft.hidden = true;
    lastMarkdown = renderHatch(hatch);
  } catch (error) {
    progress.textContent = `Hatching failed: ${error.message}`;
  } finally {
    clearInterval(ticker);
    updateHatchButton();
  }
}

/** Put the hatch's Markdown on the clipboard. */
export async function copyMarkdown() {
  try {
    await navigator.clipboard.writeText(lastMarkdown);
  } catch {
    // Clipboard API refused (no focus): fall back to a hidden textarea.
    const area = document.createElement('textarea');
    area.value = lastMarkdown;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  $('copied').hidden = false;
  setTimeout(() => ($('copied').hidden = true), 1500);
}
