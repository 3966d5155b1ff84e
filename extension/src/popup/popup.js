/**
 * The popup: connection status, what waits in the outbox, this page's
 * highlights and orphans, and hatching a write-up from chosen pages.
 * All page and server text is inserted with textContent, never as HTML.
 */

import { getClient, getSettings } from '../background/settings.js';
import { truncate, isWebUrl } from '../lib/text.js';

const $ = (id) => document.getElementById(id);

function fromTemplate(id) {
  return $(id).content.firstElementChild.cloneNode(true);
}

function ask(message) {
  return chrome.runtime.sendMessage(message).catch(() => null);
}

/** The tab the popup is about (`?tab=ID` when opened as a page, in tests). */
async function targetTab() {
  const id = Number(new URLSearchParams(location.search).get('tab'));
  if (id) return chrome.tabs.get(id).catch(() => null);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab ?? null;
}

// ----- status ---------------------------------------------------------------

function showHelp(parts) {
  const help = $('help');
  help.replaceChildren(
    ...parts.map((part) => {
      if (typeof part === 'string') return document.createTextNode(part);
      const code = document.createElement('code');
      code.textContent = part.code;
      return code;
    }),
  );
  help.hidden = false;
}

async function renderStatus() {
  const connection = $('connection');
  const settings = await getSettings();
  const client = await getClient();
  $('help').hidden = true;
  try {
    const health = await client.health();
    if (!settings.token) {
      connection.className = 'bad';
      connection.textContent = `Server running (Hatchery ${health.version ?? ''}), but no token is set.`;
      showHelp(['Run ', { code: 'hatchery token' }, ' and paste the token in Settings.']);
      return false;
    }
    await client.pages();
    // Offer the engine choice only when the server has more than one.
    const engines = health.engines ?? ['local'];
    $('engine').hidden = engines.length < 2;
    for (const option of $('engine').options) option.hidden = !engines.includes(option.value);
    connection.className = 'ok';
    connection.textContent = `Connected to ${client.baseUrl}`;
    return true;
  } catch (error) {
    connection.className = 'bad';
    if (error.kind === 'unreachable') {
      connection.textContent = `Server not reachable at ${client.baseUrl}.`;
      showHelp([
        'Start it with ',
        { code: 'hatchery serve' },
        '. Highlights you make meanwhile are kept and sent when it is back.',
      ]);
    } else if (error.kind === 'unauthorized') {
      connection.textContent = 'The server refused the token.';
      showHelp(['Run ', { code: 'hatchery token' }, ' and paste the token in Settings.']);
    } else {
      connection.textContent = `Server problem: ${error.message}`;
    }
    return false;
  }
}

async function renderOutbox() {
  const status = await ask({ type: 'status' });
  const box = $('outbox');
  if (!status) return;
  const { waiting = 0, failed = 0 } = status;
  box.hidden = waiting + failed === 0;
  const parts = [];
  if (waiting) parts.push(`${waiting} waiting to sync`);
  if (failed) parts.push(`${failed} refused by the server`);
  $('waiting').textContent = parts.join(', ');
}

// ----- this page ------------------------------------------------------------

function highlightItem(highlight, { onClick } = {}) {
  const item = fromTemplate('highlight-item');
  item.dataset.id = highlight.id;
  item.dataset.color = highlight.color || 'yellow';
  const quote = item.querySelector('.quote');
  quote.textContent = truncate(highlight.exact ?? '', 160);
  quote.title = highlight.exact ?? '';
  if (onClick) quote.addEventListener('click', onClick);
  else quote.disabled = true;
  item.querySelector('.note').textContent = highlight.note ?? '';
  return item;
}

async function renderPage(tab) {
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

// ----- hatch ----------------------------------------------------------------

let lastMarkdown = '';

async function renderPages(connected) {
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
    ...pages.slice(0, 30).map((page) => {
      const item = fromTemplate('page-item');
      const box = item.querySelector('.pick');
      box.value = String(page.id);
      box.addEventListener('change', updateHatchButton);
      item.querySelector('.title').textContent = truncate(page.title || page.url, 70);
      item.querySelector('.title').title = page.url;
      const count = page.highlight_count ?? 0;
      item.querySelector('.meta').textContent =
        `${page.site_name || hostOf(page.url)} · ${count} highlight${count === 1 ? '' : 's'}`;
      return item;
    }),
  );
  updateHatchButton();
}

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

function chosenPages() {
  return [...document.querySelectorAll('#pages .pick:checked')].map((box) =>
    /^\d+$/.test(box.value) ? Number(box.value) : box.value,
  );
}

function updateHatchButton() {
  $('hatch').disabled = chosenPages().length === 0;
}

/** The text of a part of a hatch, whatever shape the engine gave it. */
function textOf(value) {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join(' ');
  const text =
    value.text ?? value.phrase ?? value.body ?? value.sentence ?? value.summary ?? value.content ?? '';
  const cites = value.cites ?? value.citations ?? (value.citation != null ? [value.citation] : []);
  const marks = cites
    .map((c) => (typeof c === 'object' ? c.number ?? c.n ?? c.index : c))
    .filter((c) => c != null)
    .map((c) => `[${c}]`)
    .join('');
  return [textOf(text), marks].filter(Boolean).join(' ');
}

function paragraphs(value) {
  if (value == null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map(textOf).filter(Boolean).map((text) => {
    const p = document.createElement('p');
    p.textContent = text;
    return p;
  });
}

function block(heading, value, list = false) {
  const parts = paragraphs(value);
  if (!parts.length) return [];
  const out = [];
  if (heading) {
    const h = document.createElement('h4');
    h.textContent = heading;
    out.push(h);
  }
  if (list) {
    const ul = document.createElement('ul');
    for (const p of parts) {
      const li = document.createElement('li');
      li.textContent = p.textContent;
      ul.append(li);
    }
    out.push(ul);
  } else {
    out.push(...parts);
  }
  return out;
}

function renderHatch(hatch) {
  $('hatch-title').textContent = hatch.title ?? 'Hatch';
  // Introduction and conclusion are lists of sentences: one paragraph each.
  const body = [...block('', [hatch.introduction])];
  for (const section of hatch.sections ?? []) {
    const node = fromTemplate('section-item');
    const heading = node.querySelector('.heading');
    heading.textContent = section.heading ?? section.title ?? section.source_title ?? '';
    if (section.site) heading.title = section.site;
    node.append(
      ...paragraphs(
        section.paragraphs ?? section.sentences ?? section.body ?? section.text ?? section.points,
      ),
    );
    body.push(node);
  }
  body.push(...block('Threads', hatch.threads, true));
  body.push(...block('Advice', hatch.advice, true));
  body.push(...block('Conclusion', [hatch.conclusion]));
  $('hatch-body').replaceChildren(...body);

  const citations = (hatch.citations ?? []).map((citation, i) => {
    const item = fromTemplate('citation-item');
    const number = citation.number ?? citation.n ?? citation.index ?? i + 1;
    item.value = Number(number) || i + 1;
    const link = item.querySelector('.source');
    link.textContent = citation.title || citation.page_title || citation.url || `Source ${number}`;
    // Only web links: a javascript: URL from anywhere must never be clickable.
    if (isWebUrl(citation.url)) link.href = citation.url;
    item.querySelector('.cited').textContent = truncate(
      citation.quote ?? citation.exact ?? citation.text ?? hostOf(citation.url),
      200,
    );
    return item;
  });
  $('citations').replaceChildren(...citations);
  $('citations-title').hidden = citations.length === 0;
  lastMarkdown = hatch.markdown ?? '';
  $('copy').hidden = !lastMarkdown;
  $('result').hidden = false;
}

async function hatchChosen() {
  const ids = chosenPages();
  if (!ids.length) return;
  const button = $('hatch');
  const progress = $('progress');
  button.disabled = true;
  $('result').hidden = true;
  progress.hidden = false;
  const started = Date.now();
  progress.textContent = `Hatching from ${ids.length} page${ids.length === 1 ? '' : 's'}…`;
  let notice = '';
  const ticker = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    progress.textContent =
      `Hatching from ${ids.length} page${ids.length === 1 ? '' : 's'}… ${seconds} s` +
      (notice ? ` (${notice})` : '');
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
    renderHatch(hatch);
  } catch (error) {
    progress.textContent = `Hatching failed: ${error.message}`;
  } finally {
    clearInterval(ticker);
    updateHatchButton();
  }
}

async function copyMarkdown() {
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

// ----- start ----------------------------------------------------------------

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

(async () => {
  const tab = await targetTab();
  const pagePromise = renderPage(tab);
  // Opening the popup is a good moment to send what waits.
  await ask({ type: 'flush' });
  const connected = await renderStatus();
  await Promise.all([pagePromise, renderOutbox(), renderPages(connected)]);
  document.body.dataset.ready = 'true';
})();
