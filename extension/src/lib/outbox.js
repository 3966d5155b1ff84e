/**
 * The outbox: every change a user makes to a highlight waits here until the
 * server acknowledges it, so a highlight made offline, or with the server
 * stopped, is never lost.
 *
 * These are pure functions over an array of items; the service worker keeps
 * the items in chrome.storage.local, one entry each (storageChanges says
 * what a step writes), and is their only writer. Items go to the
 * server in order, one at a time. A create carries a client UUID and the
 * server stores each id once, so a create sent twice (the worker died between
 * the request and the acknowledgement) is still stored exactly once.
 *
 * An item is
 *   {key, kind: 'create'|'update'|'delete', id, url, payload, rev,
 *    attempts, nextAttemptAt, lastError, failed, html}
 * `rev` grows with each change merged into the item, so an acknowledgement
 * for an older revision does not drop the newer change.
 */

// Retry delays double from BASE to MAX: a stopped server is retried soon
// after it comes back without hammering it while it is down.
export const RETRY_BASE_MS = 1000;
export const RETRY_MAX_MS = 60_000;

// The fields of a highlight a user can change after making it.
export const EDITABLE_FIELDS = ['color', 'note', 'tags'];

/**
 * @param {number} attempts - failed attempts so far (1 after the first)
 * @returns {number} milliseconds to wait before the next attempt
 */
export function backoffMs(attempts) {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

function item(kind, id, url, payload, now) {
  return {
    key: `${kind}:${id}`,
    kind,
    id,
    url,
    payload,
    rev: 1,
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    failed: null,
    // A create whose page HTML waits in its own entry (see htmlEntry).
    html: false,
  };
}

function pick(changes) {
  const out = {};
  for (const field of EDITABLE_FIELDS) {
    if (changes[field] !== undefined) out[field] = changes[field];
  }
  return out;
}

/**
 * Add a new highlight. A second create with the same id changes nothing.
 *
 * @param {object[]} queue
 * @param {object} capture - the POST /api/captures body, with its `id`
 * @param {number} now
 * @param {{html?: boolean}} [options] html: its page HTML is stored apart
 * @returns {object[]}
 */
export function enqueueCreate(queue, capture, now, { html = false } = {}) {
  if (!capture?.id) throw new TypeError('a capture needs an id');
  if (queue.some((i) => i.key === `create:${capture.id}`)) return queue;
  return [...queue, { ...item('create', capture.id, capture.url, { ...capture }, now), html }];
}

/**
 * Change a highlight's colour, note or tags. Folded into a create that has
 * not been sent yet, or into a pending update, else queued after them.
 *
 * @param {object[]} queue
 * @param {string} id
 * @param {object} changes
 * @param {number} now
 * @returns {object[]}
 */
export function enqueueUpdate(queue, id, changes, now) {
  const fields = pick(changes);
  if (!Object.keys(fields).length) return queue;
  const pending = queue.find(
    (i) => i.id === id && (i.kind === 'create' || i.kind === 'update'),
  );
  const last = [...queue].reverse().find((i) => i.id === id);
  if (last?.kind === 'delete') return queue;
  if (pending && !pending.failed) {
    return queue.map((i) =>
      i === pending
        ? { ...i, payload: { ...i.payload, ...fields }, rev: i.rev + 1 }
        : i,
    );
  }
  const url = queue.find((i) => i.id === id)?.url ?? null;
  return [...queue, item('update', id, url, fields, now)];
}

/**
 * Delete a highlight. A create that never left the browser is simply
 * dropped with its updates; otherwise they are replaced by one delete.
 *
 * @param {object[]} queue
 * @param {string} id
 * @param {number} now
 * @param {string} [url]
 * @returns {object[]}
 */
export function enqueueDelete(queue, id, now, url = null) {
  const own = queue.filter((i) => i.id === id);
  const rest = queue.filter((i) => i.id !== id);
  const create = own.find((i) => i.kind === 'create');
  if (create && create.attempts === 0) return rest;
  const known = url ?? own.find((i) => i.url)?.url ?? null;
  return [...rest, item('delete', id, known, null, now)];
}

/**
 * Mark an item as being sent: an attempt counts before the request goes, so
 * a delete queued meanwhile knows the server may already have the create.
 *
 * @param {object[]} queue
 * @param {string} key
 * @returns {object[]}
 */
export function markAttempt(queue, key) {
  return queue.map((i) =>
    i.key === key ? { ...i, attempts: i.attempts + 1 } : i,
  );
}

/**
 * The server acknowledged revision `rev` of an item. If the item changed
 * while the request was in flight, what is left to send stays queued: a
 * create becomes an update carrying the editable fields.
 *
 * @param {object[]} queue
 * @param {string} key
 * @param {number} rev
 * @returns {object[]}
 */
export function acknowledge(queue, key, rev) {
  const found = queue.find((i) => i.key === key);
  if (!found) return queue;
  if (found.rev === rev) return queue.filter((i) => i !== found);
  if (found.kind === 'create') {
    const update = {
      ...found,
      key: `update:${found.id}`,
      kind: 'update',
      payload: pick(found.payload),
      rev: 1,
      attempts: 0,
      html: false,
    };
    return queue.map((i) => (i === found ? update : i));
  }
  return queue;
}

/**
 * A send failed. Transient failures (server down, 5xx) wait with backoff;
 * permanent ones (the server refused the data) are kept, marked failed and
 * skipped, so nothing is silently thrown away.
 *
 * @param {object[]} queue
 * @param {string} key
 * @param {{message: string, permanent?: boolean}} error
 * @param {number} now
 * @returns {object[]}
 */
export function recordFailure(queue, key, error, now) {
  return queue.map((i) => {
    if (i.key !== key) return i;
    const failures = i.attempts;
    return {
      ...i,
      lastError: error.message,
      failed: error.permanent ? error.message : null,
      nextAttemptAt: now + backoffMs(failures),
    };
  });
}

/**
 * The next item to send, or null. Items go in order; a failed item is
 * skipped; an item still in backoff holds the queue unless `force`.
 *
 * @param {object[]} queue
 * @param {number} now
 * @param {boolean} [force]
 * @returns {object | null}
 */
export function nextItem(queue, now, force = false) {
  const first = queue.find((i) => !i.failed);
  if (!first) return null;
  return force || first.nextAttemptAt <= now ? first : null;
}

/**
 * How many changes are waiting to reach the server.
 *
 * @param {object[]} queue
 * @returns {{waiting: number, failed: number}}
 */
export function counts(queue) {
  const failed = queue.filter((i) => i.failed).length;
  return { waiting: queue.length - failed, failed };
}

/**
 * The highlights of a page as the user should see them: what the server
 * returned, with the changes still in the outbox applied on top.
 *
 * @param {object[]} serverHighlights
 * @param {object[]} queue
 * @param {string} url - canonical page URL
 * @returns {object[]}
 */
export function mergePending(serverHighlights, queue, url) {
  const byId = new Map(serverHighlights.map((h) => [h.id, { ...h }]));
  for (const i of queue) {
    if (i.kind === 'create' && i.url === url && !byId.has(i.id)) {
      const { text, ...rest } = i.payload;
      byId.set(i.id, { ...rest, exact: i.payload.exact ?? text, pending: true });
    } else if (i.kind === 'update' && byId.has(i.id)) {
      Object.assign(byId.get(i.id), i.payload);
    } else if (i.kind === 'delete') {
      byId.delete(i.id);
    }
  }
  return [...byId.values()];
}

/*
 * How the outbox is kept: one storage entry per item, the order of the
 * items in an entry of its own, and a capture's page HTML (up to 1.5 M
 * characters) apart from its item. A step writes only the items it changed,
 * and the page HTML never stands in the way of the highlight: the highlight
 * is queued without it if it must be.
 */

export const ORDER_KEY = 'outbox.order';
// The outbox of earlier versions: the whole queue, page HTML included, in one entry.
export const LEGACY_KEY = 'outbox';

/** @param {string} key an item's key @returns {string} its storage entry */
export function itemEntry(key) {
  return `outbox.item:${key}`;
}

/** @param {string} id a highlight id @returns {string} its page HTML's entry */
export function htmlEntry(id) {
  return `outbox.html:${id}`;
}

/**
 * Split a capture into the highlight and its page HTML.
 *
 * @param {object} capture
 * @returns {{lean: object, html: string|null}}
 */
export function splitHtml(capture) {
  const { html, ...lean } = capture;
  return { lean, html: typeof html === 'string' && html ? html : null };
}

/**
 * What to write to storage for a queue change: the items that changed (the
 * functions above keep an unchanged item the same object), the entries to
 * remove (with the page HTML of a create that left the queue) and the new
 * order when it changed.
 *
 * @param {object[]} before
 * @param {object[]} after
 * @returns {{set: Record<string, object>, remove: string[], order: string[]|null}}
 */
export function storageChanges(before, after) {
  const old = new Map(before.map((i) => [i.key, i]));
  const set = {};
  for (const i of after) {
    if (old.get(i.key) !== i) set[itemEntry(i.key)] = i;
  }
  const kept = new Set(after.map((i) => i.key));
  const remove = [];
  for (const i of before) {
    if (kept.has(i.key)) continue;
    remove.push(itemEntry(i.key));
    if (i.kind === 'create' && i.html) remove.push(htmlEntry(i.id));
  }
  const sameOrder =
    before.length === after.length && before.every((i, n) => i.key === after[n].key);
  return { set, remove, order: sameOrder ? null : after.map((i) => i.key) };
}

/**
 * The queue stored under `order`, from the entries read for it; an entry
 * missing (a step was cut short) is skipped.
 *
 * @param {string[]} order
 * @param {Record<string, object>} entries
 * @returns {object[]}
 */
export function queueFrom(order, entries) {
  return order.map((key) => entries[itemEntry(key)]).filter(Boolean);
}

/**
 * An outbox of an earlier version, as items without their page HTML and
 * the HTML apart.
 *
 * @param {object[]} legacy
 * @returns {{items: object[], html: Record<string, string>}}
 */
export function fromLegacy(legacy) {
  const items = [];
  const html = {};
  for (const i of Array.isArray(legacy) ? legacy : []) {
    if (!i?.key) continue;
    const { lean, html: page } = splitHtml(i.payload ?? {});
    if (i.kind === 'create' && page) html[htmlEntry(i.id)] = page;
    items.push({ ...i, payload: i.payload ? lean : i.payload, html: Boolean(page && i.kind === 'create') });
  }
  return { items, html };
}

/**
 * Forget the page HTML of every queued capture (to make room for a
 * highlight when storage is full): they go to the server without it.
 *
 * @param {object[]} queue
 * @returns {{queue: object[], remove: string[]}}
 */
export function dropAllHtml(queue) {
  const remove = [];
  const next = queue.map((i) => {
    if (!i.html) return i;
    remove.push(htmlEntry(i.id));
    return { ...i, html: false };
  });
  return { queue: remove.length ? next : queue, remove };
}
