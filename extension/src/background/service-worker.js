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
const CACHE_KEY = 'pageCache';
// Pages whose highlights are remembered for drawing while the server is down.
const CACHE_PAGES = 200;

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

async function cachePage(url, highlights) {
  const { [CACHE_KEY]: cache = {} } = await chrome.storage.local.get(CACHE_KEY);
  cache[url] = { highlights, at: Date.now() };
  const urls = Object.keys(cache);
  if (urls.length > CACHE_PAGES) {
    urls.sort((a, b) => cache[a].at - cache[b].at);
    for (const old of urls.slice(0, urls.length - CACHE_PAGES)) delete cache[old];
  }
  await chrome.storage.local.set({ [CACHE_KEY]: cache });
}

/** The highlights to draw on a page: the server's, else the last known. */
async function pageHighlights(url) {
  let stored = [];
  let source = 'server';
  try {
    const client = await getClient();
    stored = await client.highlights(url);
    await cachePage(url, stored);
  } catch (error) {
    const { [CACHE_KEY]: cache = {} } = await chrome.storage.local.get(CACHE_KEY);
    stored = cache[url]?.highlights ?? [];
    source = 'cache';
  }
  return { highlights: outbox.mergePending(stored, await read(), url), source };
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
      flushSoon();
      return { queued: true };
    case 'delete':
      await update((q) => outbox.enqueueDelete(q, message.id, now, message.url));
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

chrome.contextMenus.onClicked.addListener(menuClicked);
chrome.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
chrome.commands.onCommand.addListener(commandFired);

chrome.runtime.onInstalled.addListener((details) => {
  welcomeOnInstall(details);
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
