/**
 * The service worker: keeps the outbox, talks to the server, and routes the
 * context menu and the keyboard command to the page. Listeners are
 * registered at the top level so a restarted worker still receives events.
 */

import * as outbox from '../lib/outbox.js';
import { canonicalUrl } from '../lib/text.js';
import { enqueueCapture, update, read, flush, getStatus } from './outbox-store.js';
import { getClient, getSettings } from './settings.js';
import { MENU_ID, menuClicked, commandFired } from './commands.js';
import { welcomeOnInstall } from './welcome.js';
import { forgetTab, framesOf, rememberFrame } from './tab-frames.js';
import { relayEditor } from './editor-relay.js';
import {
  rememberPage,
  recallPage,
  forgetHighlight,
  patchHighlight,
  pruneCache,
} from './page-cache-store.js';

// The token lives in chrome.storage.local. Content scripts never read
// storage (they ask this worker), so keep them out of it altogether: a bug
// or a compromised page process then cannot reach the token. Chromium
// supports this for storage.local; elsewhere the call is absent or refused.
chrome.storage.local
  .setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
  ?.catch(() => {});

const ALARM = 'hatchery-flush';
// Highlights the browser's storage refused (it is full or broken): kept in
// memory too, since writing this may fail for the same reason.
const NOT_QUEUED_KEY = 'notQueued';
let notQueued = { count: 0, message: '' };

async function refreshBadge() {
  const { waiting, failed } = outbox.counts(await read());
  const text = waiting + failed ? String(waiting + failed) : '';
  await chrome.action.setBadgeText({ text });
  await chrome.action.setBadgeBackgroundColor({ color: failed ? '#b00020' : '#8a6d00' });
}

function flushSoon(options) {
  return flush(options)
    .catch((error) => console.warn('Hatchery: sync failed:', error))
    .finally(refreshBadge);
}

/** The highlights to draw on a page: the server's, else the last known. */
async function pageHighlights(url) {
  let stored = [];
  let source = 'server';
  try {
    const client = await getClient();
    stored = await client.highlights(url);
  } catch (error) {
    stored = await recallPage(url);
    source = 'cache';
  }
  const highlights = outbox.mergePending(stored, await read(), url);
  // Outside the try: a storage error is not the server being down, and
  // the page's highlights are drawn all the same. Kept as the person left
  // them: edits and deletes still in the outbox applied, its new
  // highlights left to the outbox.
  if (source === 'server') {
    await rememberPage(url, highlights.filter((h) => !h.pending)).catch((error) =>
      console.warn('Hatchery: could not cache the page:', error),
    );
  }
  return { highlights, source };
}

async function notQueuedSoFar() {
  const { [NOT_QUEUED_KEY]: stored } = await chrome.storage.local.get(NOT_QUEUED_KEY);
  return stored && stored.count >= notQueued.count ? stored : notQueued;
}

async function handle(message, sender) {
  const now = Date.now();
  switch (message?.type) {
    case 'capture': {
      try {
        const queued = await enqueueCapture(message.capture, now);
        flushSoon();
        return queued;
      } catch (error) {
        // Not even the highlight alone fits: say so where the person looks.
        console.error('Hatchery: could not queue a highlight:', error);
        const before = await notQueuedSoFar();
        notQueued = { count: before.count + 1, message: String(error?.message ?? error) };
        await chrome.storage.local.set({ [NOT_QUEUED_KEY]: notQueued }).catch(() => {});
        return { queued: false, error: notQueued.message };
      }
    }
    case 'update':
      await update((q) => outbox.enqueueUpdate(q, message.id, message.changes, now));
      await patchHighlight(message.id, message.changes);
      flushSoon();
      return { queued: true };
    case 'delete':
      await update((q) => outbox.enqueueDelete(q, message.id, now, message.url));
      await forgetHighlight(message.id);
      flushSoon();
      return { queued: true };
    case 'highlights':
      // A same-origin frame asks for its own page's highlights: the popup
      // will ask it what it shows, along with the top page.
      if (sender.tab && sender.frameId) await rememberFrame(sender.tab.id, sender.frameId);
      return pageHighlights(canonicalUrl(message.url));
    case 'tab-frames':
      return framesOf(message.tabId);
    case 'flush': {
      const result = await flush({ force: true });
      await refreshBadge();
      return result;
    }
    case 'status': {
      const queue = await read();
      const settings = await getSettings();
      return {
        ...outbox.counts(queue),
        status: await getStatus(),
        serverUrl: settings.serverUrl,
        hasToken: Boolean(settings.token),
        errors: queue.filter((i) => i.failed).map((i) => ({ id: i.id, message: i.failed })),
        notQueued: await notQueuedSoFar(),
      };
    }
    default:
      return undefined;
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only our own pages and content scripts talk to the worker.
  if (sender.id !== chrome.runtime.id) return false;
  handle(message, sender).then(sendResponse, (error) =>
    sendResponse({ error: error.message }),
  );
  return true;
});

chrome.runtime.onConnect.addListener(relayEditor);
chrome.contextMenus.onClicked.addListener(menuClicked);
chrome.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
chrome.commands.onCommand.addListener(commandFired);

chrome.runtime.onInstalled.addListener((details) => {
  welcomeOnInstall(details);
  // An update from a version that cached every page visited.
  pruneCache().catch((error) => console.warn('Hatchery: could not tidy the page cache:', error));
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({
      id: MENU_ID,
      title: 'Highlight selection',
      contexts: ['selection'],
      documentUrlPatterns: ['http://*/*', 'https://*/*'],
    });
  });
  chrome.alarms.create(ALARM, { periodInMinutes: 0.5 });
  flushSoon();
});

chrome.runtime.onStartup.addListener(() => {
  chrome.alarms.create(ALARM, { periodInMinutes: 0.5 });
  flushSoon();
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM) flushSoon();
});
