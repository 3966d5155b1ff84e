/**
 * The page cache: the last highlights the server gave for a page, so they
 * can be drawn while the server is down. A highlighter must not keep a
 * browsing history, so only a page with at least one highlight has an
 * entry: a visit to a page without highlights leaves nothing, and a page's
 * entry goes with its last highlight. (Highlights not yet on the server are
 * in the outbox, not here.) Pure functions over the stored object
 * `{[url]: {highlights, at}}`; each returns a new object.
 */

export const CACHE_KEY = 'pageCache';
// Pages remembered at most; the least recently seen go first.
export const CACHE_PAGES = 200;

/**
 * The cache after the server answered with `highlights` for `url`.
 *
 * @param {object} cache
 * @param {string} url
 * @param {object[]} highlights
 * @param {number} now
 * @param {number} [limit]
 * @returns {object} a page without highlights has no entry
 */
export function remember(cache, url, highlights, now, limit = CACHE_PAGES) {
  const next = { ...cache };
  delete next[url];
  if (!highlights.length) return next;
  next[url] = { highlights, at: now };
  const urls = Object.keys(next);
  if (urls.length > limit) {
    urls.sort((a, b) => next[a].at - next[b].at);
    for (const old of urls.slice(0, urls.length - limit)) delete next[old];
  }
  return next;
}

/**
 * The highlights last known for `url`.
 *
 * @param {object} cache
 * @param {string} url
 * @returns {object[]}
 */
export function recall(cache, url) {
  return cache[url]?.highlights ?? [];
}

/** Apply `fn(highlights) -> highlights` to every entry; drop those left empty. */
function mapEntries(cache, fn) {
  const next = {};
  for (const [url, entry] of Object.entries(cache)) {
    const highlights = fn(entry?.highlights ?? []);
    if (highlights.length) next[url] = { ...entry, highlights };
  }
  return next;
}

/**
 * The cache after highlight `id` was deleted: it is gone from every page,
 * and a page left without highlights is gone too.
 *
 * @param {object} cache
 * @param {string} id
 * @returns {object}
 */
export function forget(cache, id) {
  return mapEntries(cache, (list) => list.filter((h) => h.id !== id));
}

/**
 * The cache after highlight `id` was edited, so an old note or tag does not
 * outlive the person's change.
 *
 * @param {object} cache
 * @param {string} id
 * @param {object} changes the fields edited (color, note, tags)
 * @returns {object}
 */
export function patch(cache, id, changes) {
  return mapEntries(cache, (list) => list.map((h) => (h.id === id ? { ...h, ...changes } : h)));
}

/**
 * The cache without the entries of pages that have no highlight, as earlier
 * versions kept one for every page visited.
 *
 * @param {object} cache
 * @returns {object}
 */
export function prune(cache) {
  return mapEntries(cache, (list) => list);
}
