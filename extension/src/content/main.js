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
// Length of the page text when orphans were last searched for.
let orphanTextLength = -1;

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

// Searches over the whole page text take milliseconds each on a long page,
// so they run in slices of about this long, giving the page the main thread
// back in between: a thousand highlights missing from a page must not
// freeze it.
const SLICE_MS = 8;
let searchGeneration = 0;

function isDrawn(entry) {
  return entry.marks.some((m) => m.isConnected);
}

function remember(data) {
  const entry = highlights.get(data.id) ?? { data, marks: [], method: null };
  entry.data = { ...entry.data, ...data };
  highlights.set(data.id, entry);
  return entry;
}

function place(entry, idx, match) {
  entry.marks = drawHighlight(idx, match.start, match.end, entry.data);
  entry.method = entry.marks.length ? match.method : null;
  return entry.marks.length > 0;
}

/**
 * Anchor and draw highlights. Those found near where they were stored are
 * drawn at once; the others are searched for over the whole text in
 * slices afterwards (`done` settles when that is over).
 *
 * @param {object[]} list
 * @param {{anchorMs: number, drawMs: number}} [timing] filled in if given
 * @returns {{anchored: number, later: number, done: Promise<object>}}
 */
function anchorAll(list, timing = null) {
  const idx = currentIndex();
  let anchored = 0;
  // In page order, so each highlight can expect to have moved as far as the
  // one before it (text added above moves everything below by the same).
  const ordered = [...list].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  let delta = 0;
  const later = [];
  quietly(() => {
    for (const data of ordered) {
      const entry = remember(data);
      if (isDrawn(entry)) {
        anchored += 1;
        continue;
      }
      const selector = selectorOf(entry.data);
      if (!selector) continue;
      const t0 = timing ? performance.now() : 0;
      const match = anchorQuote(idx.text, selector, { delta, quick: true });
      const t1 = timing ? performance.now() : 0;
      if (timing) timing.anchorMs += t1 - t0;
      if (match && place(entry, idx, match)) {
        anchored += 1;
        if (selector.start >= 0) delta = match.start - selector.start;
      } else {
        entry.searching = true;
        later.push(entry);
      }
      if (timing) timing.drawMs += performance.now() - t1;
    }
  });
  const done = searchLater(later, delta);
  return { anchored, later: later.length, done };
}

/** The whole-text search for highlights not found near their place. */
function searchLater(entries, delta) {
  const generation = ++searchGeneration;
  const started = performance.now();
  let next = 0;
  let found = 0;
  let longestSliceMs = 0;
  return new Promise((resolve) => {
    const finish = (cancelled) => {
      for (const entry of entries) entry.searching = false;
      resolve({ found, longestSliceMs, ms: performance.now() - started, cancelled });
    };
    const slice = () => {
      // A newer anchoring pass (the page changed again) takes over.
      if (generation !== searchGeneration) return finish(true);
      const sliceStart = performance.now();
      const idx = currentIndex();
      quietly(() => {
        while (next < entries.length && performance.now() - sliceStart < SLICE_MS) {
          const entry = entries[next++];
          entry.searching = false;
          if (highlights.get(entry.data.id) !== entry || isDrawn(entry)) continue;
          const selector = selectorOf(entry.data);
          const match = anchorQuote(idx.text, selector, { delta });
          if (match && place(entry, idx, match)) {
            found += 1;
            if (selector.start >= 0) delta = match.start - selector.start;
          }
        }
      });
      longestSliceMs = Math.max(longestSliceMs, performance.now() - sliceStart);
      if (next < entries.length) setTimeout(slice, 0);
      else finish(false);
      return undefined;
    };
    if (entries.length) setTimeout(slice, 0);
    else finish(false);
  });
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
      searching: Boolean(highlights.get(data.id)?.searching),
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
  orphanTextLength = currentIndex().text.length;
  await anchorAll(answer.highlights).done;
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
  const lost = [...highlights.values()].filter((e) => !isDrawn(e));
  if (!lost.length) return;
  // Orphans are searched for again only when the text changed length: a
  // page that keeps ticking (a clock, a counter) must not keep us busy.
  const removed = lost.some((e) => e.marks.length);
  index = null;
  const length = currentIndex().text.length;
  if (!removed && length === orphanTextLength) return;
  orphanTextLength = length;
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
      const { anchored, later, done } = anchorAll(message.highlights, timing);
      const ms = performance.now() - t0;
      void document.body.offsetHeight; // include the layout the marks cause
      const withLayoutMs = performance.now() - t0;
      done.then((search) =>
        sendResponse({
          anchored: anchored + search.found,
          anchoredAtOnce: anchored,
          searchedLater: later,
          total: message.highlights.length,
          ms,
          withLayoutMs,
          laterMs: search.ms,
          longestSliceMs: search.longestSliceMs,
          ...timing,
        }),
      );
      return true;
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
