/**
 * The outbox kept in chrome.storage.local, and the loop that empties it.
 * The logic is in ../lib/outbox.js; this file adds storage, a lock and the
 * network. Each item has its own entry and a capture's page HTML another,
 * so a step writes only what it changed. The worker may be stopped at any
 * moment: every step is written to storage before the next one starts.
 */

import * as outbox from '../lib/outbox.js';
import { getClient } from './settings.js';

const STATUS_KEY = 'syncStatus';
const storage = () => chrome.storage.local;

let lock = Promise.resolve();

function locked(fn) {
  const run = lock.then(fn);
  lock = run.catch(() => {});
  return run;
}

/** Move an outbox of an earlier version (one array) to one entry per item. */
async function migrate(legacy, order) {
  const { items, html } = outbox.fromLegacy(legacy);
  const known = new Set(order);
  const fresh = items.filter((i) => !known.has(i.key));
  const entries = Object.fromEntries(fresh.map((i) => [outbox.itemEntry(i.key), i]));
  await storage().set({
    ...html,
    ...entries,
    [outbox.ORDER_KEY]: [...order, ...fresh.map((i) => i.key)],
  });
  await storage().remove(outbox.LEGACY_KEY);
}

/** @returns {Promise<object[]>} the queue, in order, without page HTML */
export async function read() {
  const found = await storage().get([outbox.ORDER_KEY, outbox.LEGACY_KEY]);
  let order = found[outbox.ORDER_KEY] ?? [];
  if (found[outbox.LEGACY_KEY]) {
    await migrate(found[outbox.LEGACY_KEY], order);
    order = (await storage().get(outbox.ORDER_KEY))[outbox.ORDER_KEY] ?? [];
  }
  if (!order.length) return [];
  return outbox.queueFrom(order, await storage().get(order.map(outbox.itemEntry)));
}

async function write(before, after) {
  const { set, remove, order } = outbox.storageChanges(before, after);
  // Items before the order that names them, removals after: a step cut
  // short leaves an unlisted entry or a listed one that is gone (skipped),
  // never a lost item.
  const writes = order ? { ...set, [outbox.ORDER_KEY]: order } : set;
  if (Object.keys(writes).length) await storage().set(writes);
  if (remove.length) await storage().remove(remove);
}

/** Run `fn(queue)` -> new queue under the lock, and store what changed. */
export function update(fn) {
  return locked(async () => {
    const queue = await read();
    const next = fn(queue);
    if (next !== queue) await write(queue, next);
    return next;
  });
}

/**
 * Queue a new highlight. Its page HTML is stored apart and is the first
 * thing given up: when storage is full the highlight is queued without it,
 * after dropping the page HTML that other queued captures wait with.
 *
 * @param {object} capture the POST /api/captures body
 * @param {number} now
 * @returns {Promise<{queued: true, withPage: boolean}>} rejects only when
 *   even the highlight alone cannot be stored
 */
export async function enqueueCapture(capture, now) {
  const { lean, html } = outbox.splitHtml(capture);
  let withPage = false;
  if (html) {
    withPage = await storage()
      .set({ [outbox.htmlEntry(lean.id)]: html })
      .then(() => true, () => false);
  }
  try {
    await update((q) => outbox.enqueueCreate(q, lean, now, { html: withPage }));
  } catch (error) {
    console.warn('Hatchery: storage full, queuing the highlight without page HTML:', error);
    await locked(async () => {
      const before = await read();
      const { queue, remove } = outbox.dropAllHtml(before);
      // Free the space first: an item still marked with HTML that is gone
      // is sent without it.
      await storage().remove([...remove, outbox.htmlEntry(lean.id)]);
      await write(before, queue);
    });
    withPage = false;
    await update((q) => outbox.enqueueCreate(q, lean, now));
  }
  return { queued: true, withPage };
}

/** The body to send for a create: the highlight, with its page HTML if kept. */
async function createBody(item) {
  if (!item.html) return item.payload;
  const entry = outbox.htmlEntry(item.id);
  const { [entry]: html } = await storage().get(entry);
  return html ? { ...item.payload, html } : item.payload;
}

/** Send a create without its page HTML from now on, and free that space. */
function dropHtml(item) {
  return locked(async () => {
    await storage().remove(outbox.htmlEntry(item.id));
    const queue = await read();
    await write(queue, queue.map((i) => (i.key === item.key ? { ...i, html: false } : i)));
  });
}

async function setStatus(status) {
  await storage().set({ [STATUS_KEY]: { ...status, at: Date.now() } });
}

/** @returns {Promise<{ok: boolean, kind?: string, message?: string, at?: number}>} */
export async function getStatus() {
  const { [STATUS_KEY]: status = { ok: true } } = await storage().get(STATUS_KEY);
  return status;
}

async function send(client, item) {
  switch (item.kind) {
    case 'create':
      return client.capture(await createBody(item));
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
          if (error.status === 413 && item.kind === 'create' && item.html) {
            await dropHtml(item);
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
