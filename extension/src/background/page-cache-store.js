/**
 * The page cache (../lib/page-cache.js) kept in chrome.storage.local. Every
 * change reads, changes and writes the one entry under a lock, so two tabs
 * loading at once do not undo each other's change.
 */

import * as pageCache from '../lib/page-cache.js';

const storage = () => chrome.storage.local;
let lock = Promise.resolve();

/** Run `fn(cache) -> cache` under the lock and store the result. */
function change(fn) {
  const run = lock.then(async () => {
    const { [pageCache.CACHE_KEY]: cache = {} } = await storage().get(pageCache.CACHE_KEY);
    const next = fn(cache);
    if (Object.keys(next).length) await storage().set({ [pageCache.CACHE_KEY]: next });
    else await storage().remove(pageCache.CACHE_KEY);
  });
  lock = run.catch(() => {});
  return run;
}

/** Keep what the server said `url` has (nothing, for a page without highlights). */
export function rememberPage(url, highlights) {
  return change((cache) => pageCache.remember(cache, url, highlights, Date.now()));
}

/** @returns {Promise<object[]>} the highlights last known for `url` */
export async function recallPage(url) {
  const { [pageCache.CACHE_KEY]: cache = {} } = await storage().get(pageCache.CACHE_KEY);
  return pageCache.recall(cache, url);
}

/** A highlight was deleted: forget it, and its page once it was the last. */
export function forgetHighlight(id) {
  return change((cache) => pageCache.forget(cache, id));
}

/** A highlight was edited: keep only its new fields. */
export function patchHighlight(id, changes) {
  return change((cache) => pageCache.patch(cache, id, changes));
}

/** Drop the entries of pages without highlights an earlier version kept. */
export function pruneCache() {
  return change(pageCache.prune);
}
