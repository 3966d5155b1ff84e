/**
 * The outbox kept in chrome.storage.local, and the loop that empties it.
 * The logic is in ../lib/outbox.js; this file adds storage, a lock and the
 * network. The worker may be stopped at any moment: every step is written
 * to storage before the next one starts.
 */

import * as outbox from '../lib/outbox.js';
import { getClient } from './settings.js';

const KEY = 'outbox';
const STATUS_KEY = 'syncStatus';

let lock = Promise.resolve();

/** Run `fn(queue)` -> new queue under the lock, and store the result. */
export function update(fn) {
  const run = lock.then(async () => {
    const { [KEY]: queue = [] } = await chrome.storage.local.get(KEY);
    const next = fn(queue);
    if (next !== queue) await chrome.storage.local.set({ [KEY]: next });
    return next;
  });
  lock = run.catch(() => {});
  return run;
}

/** @returns {Promise<object[]>} */
export async function read() {
  const { [KEY]: queue = [] } = await chrome.storage.local.get(KEY);
  return queue;
}

async function setStatus(status) {
  await chrome.storage.local.set({ [STATUS_KEY]: { ...status, at: Date.now() } });
}

/** @returns {Promise<{ok: boolean, kind?: string, message?: string, at?: number}>} */
export async function getStatus() {
  const { [STATUS_KEY]: status = { ok: true } } = await chrome.storage.local.get(STATUS_KEY);
  return status;
}

async function send(client, item) {
  switch (item.kind) {
    case 'create':
      return client.capture(item.payload);
    case 'update':
      return client.updateHighlight(item.id, item.payload);
    case 'delete':
      return client.deleteHighlight(item.id);
    default:
      throw new Error(`unknown outbox item ${item.kind}`);
  }
}

let flushing = null;

/**
 * Send what is due, in order, until the queue is empty or the server stops
 * answering. Concurrent calls share one run.
 *
 * @param {{force?: boolean}} [options] force: ignore retry delays
 * @returns {Promise<{sent: number, waiting: number, failed: number}>}
 */
export function flush(options = {}) {
  if (flushing) return flushing;
  flushing = (async () => {
    let sent = 0;
    // Once one item went through the server is up: stop honouring the
    // retry delays the earlier failures set.
    let force = Boolean(options.force);
    try {
      const client = await getClient();
      for (;;) {
        const queue = await read();
        const item = outbox.nextItem(queue, Date.now(), force);
        if (!item) break;
        await update((q) => outbox.markAttempt(q, item.key));
        try {
          await send(client, item);
          await update((q) => outbox.acknowledge(q, item.key, item.rev));
          sent += 1;
          force = true;
          await setStatus({ ok: true });
        } catch (error) {
          // Page HTML over the server's body limit: send the highlight without it.
          if (error.status === 413 && item.kind === 'create' && item.payload.html) {
            await update((q) =>
              q.map((i) => {
                if (i.key !== item.key) return i;
                const { html, ...payload } = i.payload;
                return { ...i, payload };
              }),
            );
            continue;
          }
          // A delete or edit of a highlight the server no longer has is done,
          // and so is a resent capture of one the person deleted since (410).
          if (
            (error.status === 404 && item.kind !== 'create') ||
            (error.status === 410 && item.kind === 'create')
          ) {
            await update((q) => outbox.acknowledge(q, item.key, item.rev));
            continue;
          }
          await update((q) =>
            outbox.recordFailure(
              q,
              item.key,
              { message: error.message, permanent: error.permanent },
              Date.now(),
            ),
          );
          if (!error.permanent) {
            await setStatus({ ok: false, kind: error.kind, message: error.message });
            break;
          }
        }
      }
    } finally {
      flushing = null;
    }
    return { sent, ...outbox.counts(await read()) };
  })();
  return flushing;
}
