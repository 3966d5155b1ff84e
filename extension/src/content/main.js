/**
 * The highlighter in the page: make highlights (toolbar, Alt+Shift+H,
 * context menu), draw them, edit them, and draw the stored ones again when
 * the page is visited, also when its content arrives late or changes.
 *
 * The service worker owns storage and the server; this script asks it for a
 * page's highlights and hands it every change.
 */

import { TextIndex } from './text-index.js';
import { drawHighlight, eraseMarks, recolor, MARK_TAG } from './highlighter.js';
import { createUi } from './ui.js';
import { anchorQuote } from '../lib/match-quote.js';
import { buildSelector, trimRange, selectorOf } from '../lib/selector.js';
import { canonicalUrl, parseTags, capHtml, stripOwnMarkup } from '../lib/text.js';
import { uuid4 } from '../lib/ids.js';

// Page HTML goes with a capture so the server can extract the article; a
// page bigger than this is sent without it (the server then has the quote
// and context only). chrome.storage.local must hold it while offline.
const HTML_CAP = 1_500_000;

// After the page changes, wait this long for it to settle before
// re-checking highlights: SPAs and infinite scroll mutate in bursts.
const SETTLE_MS = 400;

/** @type {Map<string, {data: object, marks: HTMLElement[], method: string|null}>} */
const highlights = new Map();
let index = null;
let pageUrl = canonicalUrl(location.href);
let ui = null;
let observer = null;
let settleTimer = 0;
let lastColor = 'yellow';
// The page HTML goes with the first capture of each page view only: the
// server extracts the article once, and serialising a big page for every
// highlight would make garbage the collector stalls on.
let htmlCarrier = null;

function currentIndex() {
  if (!index) index = new TextIndex(document.body);
  return index;
}

/** Run DOM changes of our own without waking the mutation observer. */
function quietly(fn) {
  observer?.disconnect();
  try {
    return fn();
  } finally {
    observer?.takeRecords();
    observer?.observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  }
}

function send(message) {
  return chrome.runtime.sendMessage(message).catch((error) => {
    // The worker is restarting or the extension was reloaded; the outbox
    // lives in the worker, so say so rather than fail silently.
    console.warn('Hatchery: could not reach the extension:', error.message);
    return null;
  });
}

/**
 * Anchor and draw highlights, returning how many found a place.
 *
 * @param {object[]} list
 * @param {{anchorMs: number, drawMs: number}} [timing] filled in if given
 */
function anchorAll(list, timing = null) {
  const idx = currentIndex();
  let anchored = 0;
  // In page order, so each highlight can expect to have moved as far as the
  // one before it (text added above moves everything below by the same).
  const ordered = [...list].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  let delta = 0;
  quietly(() => {
    for (const data of ordered) {
      const entry = highlights.get(data.id) ?? { data, marks: [], method: null };
      entry.data = { ...entry.data, ...data };
      highlights.set(data.id, entry);
      if (entry.marks.some((m) => m.isConnected)) {
        anchored += 1;
        continue;
      }
      const selector = selectorOf(entry.data);
      const t0 = timing ? performance.now() : 0;
      const match = selector && anchorQuote(idx.text, selector, { delta });
      const t1 = timing ? performance.now() : 0;
      if (timing) timing.anchorMs += t1 - t0;
      if (!match) {
        entry.method = null;
        continue;
      }
      if (selector.start >= 0) delta = match.start - selector.start;
      entry.marks = drawHighlight(idx, match.start, match.end, entry.data);
      if (timing) timing.drawMs += performance.now() - t1;
      entry.method = entry.marks.length ? match.method : null;
      if (entry.marks.length) anchored += 1;
    }
  });
  return anchored;
}

/** Highlight the current selection; returns the new highlight or null. */
function highlightSelection(color = lastColor) {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
  const range = selection.getRangeAt(0);
  if (ui.contains(range.commonAncestorContainer)) return null;
  if (!document.body.contains(range.commonAncestorContainer)) return null;
  followUrl();
  const idx = currentIndex();
  const raw = idx.rangeOffsets(range);
  const { start, end } = trimRange(idx.text, raw.start, raw.end);
  if (end <= start) return null;
  lastColor = color;
  const selector = buildSelector(idx.text, start, end);
  const data = {
    id: uuid4(),
    url: pageUrl,
    color,
    note: '',
    tags: [],
    ...selector,
  };
  const marks = quietly(() => drawHighlight(idx, start, end, data));
  highlights.set(data.id, { data, marks, method: 'new' });
  selection.removeAllRanges();
  ui.hideToolbar();
  // Serialising a large page takes longer than a frame: draw first, send
  // the capture (with the page HTML) right after.
  const withHtml = htmlCarrier === null;
  if (withHtml) htmlCarrier = data.id;
  setTimeout(() => {
    send({
      type: 'capture',
      capture: {
        id: data.id,
        url: data.url,
        title: document.title,
        html: withHtml
          ? capHtml(stripOwnMarkup(document.documentElement.outerHTML), HTML_CAP)
          : undefined,
        text: selector.exact,
        prefix: selector.prefix,
        suffix: selector.suffix,
        start,
        end,
        color,
        note: '',
        tags: [],
      },
    });
  }, 0);
  return data;
}

function saveHighlight(id, changes) {
  const entry = highlights.get(id);
  if (!entry) return;
  const clean = {};
  if (changes.color) clean.color = changes.color;
  if (changes.note !== undefined) clean.note = changes.note;
  if (changes.tags !== undefined) {
    clean.tags = Array.isArray(changes.tags) ? changes.tags : parseTags(changes.tags);
  }
  Object.assign(entry.data, clean);
  if (clean.color) recolor(entry.marks, clean.color);
  send({ type: 'update', id, url: pageUrl, changes: clean });
}

function deleteHighlight(id) {
  const entry = highlights.get(id);
  if (!entry) return;
  quietly(() => eraseMarks(entry.marks));
  highlights.delete(id);
  if (htmlCarrier === id) htmlCarrier = null; // the next capture carries it
  send({ type: 'delete', id, url: pageUrl });
}

function pageState() {
  return {
    url: pageUrl,
    title: document.title,
    highlights: [...highlights.values()].map(({ data, marks, method }) => ({
      id: data.id,
      exact: data.exact,
      color: data.color,
      note: data.note ?? '',
      tags: data.tags ?? [],
      pending: Boolean(data.pending),
      anchored: marks.some((m) => m.isConnected),
      method,
    })),
  };
}

function scrollTo(id) {
  const mark = highlights.get(id)?.marks.find((m) => m.isConnected);
  if (!mark) return false;
  mark.scrollIntoView({ block: 'center' });
  for (const m of highlights.get(id).marks) m.setAttribute('data-focused', '');
  setTimeout(() => {
    for (const m of highlights.get(id)?.marks ?? []) m.removeAttribute('data-focused');
  }, 1500);
  return true;
}

async function loadHighlights() {
  const answer = await send({ type: 'highlights', url: pageUrl });
  if (!answer?.highlights) return;
  anchorAll(answer.highlights);
}

/** Forget the drawn highlights (the URL changed under a single-page app). */
function reset() {
  quietly(() => {
    for (const entry of highlights.values()) eraseMarks(entry.marks);
  });
  highlights.clear();
  index = null;
  htmlCarrier = null;
}

/**
 * If a single-page app moved to another URL, switch to that page's
 * highlights. Returns true when the URL had changed.
 */
function followUrl() {
  const url = canonicalUrl(location.href);
  if (url === pageUrl) return false;
  reset();
  pageUrl = url;
  loadHighlights();
  return true;
}

/** After the page changed: follow URL changes, redraw lost highlights. */
function settle() {
  if (followUrl()) return;
  const lost = [...highlights.values()].filter(
    (e) => !e.marks.some((m) => m.isConnected),
  );
  if (!lost.length) return;
  index = null;
  for (const entry of lost) {
    quietly(() => eraseMarks(entry.marks));
    entry.marks = [];
  }
  anchorAll(lost.map((e) => e.data));
}

function scheduleSettle() {
  clearTimeout(settleTimer);
  settleTimer = setTimeout(settle, SETTLE_MS);
}

function onMessage(message, _sender, sendResponse) {
  switch (message?.type) {
    case 'highlight-selection': {
      const t0 = performance.now();
      const made = highlightSelection(message.color || lastColor);
      const ms = performance.now() - t0;
      void document.body.offsetHeight;
      sendResponse({ id: made?.id ?? null, ms, withLayoutMs: performance.now() - t0 });
      return false;
    }
    case 'page-state':
      sendResponse(pageState());
      return false;
    case 'scroll-to':
      sendResponse({ ok: scrollTo(message.id) });
      return false;
    case 'reload-highlights':
      loadHighlights().then(() => sendResponse(pageState()));
      return true;
    case 'anchor-highlights': {
      // Draw the given highlights now and time it (used by the benchmark).
      void document.body.offsetHeight; // time our layout, not the page's
      const t0 = performance.now();
      index = null;
      const timing = { anchorMs: 0, drawMs: 0 };
      const anchored = anchorAll(message.highlights, timing);
      const ms = performance.now() - t0;
      void document.body.offsetHeight; // include the layout the marks cause
      sendResponse({
        anchored,
        total: message.highlights.length,
        ms,
        withLayoutMs: performance.now() - t0,
        ...timing,
      });
      return false;
    }
    default:
      return false;
  }
}

function onMouseUp(event) {
  if (ui.contains(event.target)) return;
  // Let the selection settle (a click inside it collapses it afterwards).
  setTimeout(() => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) {
      ui.hideToolbar();
      return;
    }
    const range = selection.getRangeAt(0);
    if (!document.body.contains(range.commonAncestorContainer)) return;
    const rects = range.getClientRects();
    const rect = rects.length ? rects[0] : range.getBoundingClientRect();
    ui.showToolbar(rect);
  }, 0);
}

function onClick(event) {
  const mark = event.target?.closest?.(MARK_TAG);
  if (!mark) return;
  const selection = window.getSelection();
  if (selection && !selection.isCollapsed) return;
  const entry = highlights.get(mark.dataset.id);
  if (!entry) return;
  ui.showEditor(entry.data, mark.getBoundingClientRect());
}

function onKeyDown(event) {
  if (!event.isTrusted) return; // a page script cannot highlight for the user
  if (event.altKey && event.shiftKey && event.code === 'KeyH') {
    if (highlightSelection(lastColor)) event.preventDefault();
  } else if (event.key === 'Escape') {
    ui.hideToolbar();
    ui.hideEditor();
  }
}

/** Start the highlighter on this page (called once by loader.js). */
export function start() {
  if (!document.body || window.__hatcheryStarted) return;
  window.__hatcheryStarted = true;
  ui = createUi(document, {
    onHighlight: (color) => highlightSelection(color),
    onSave: saveHighlight,
    onDelete: deleteHighlight,
  });
  chrome.runtime.onMessage.addListener(onMessage);
  document.addEventListener('mouseup', onMouseUp, true);
  document.addEventListener('click', onClick);
  document.addEventListener('keydown', onKeyDown, true);
  document.addEventListener('scroll', () => ui.hideToolbar(), { passive: true });
  observer = new MutationObserver(() => {
    index = null;
    scheduleSettle();
  });
  observer.observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
  });
  // pushState navigations change the URL without a mutation or an event this
  // isolated world can see: check the URL now and then (cheap).
  window.addEventListener('popstate', scheduleSettle);
  setInterval(followUrl, 1000);
  loadHighlights();
}
