/**
 * Edits the person makes in the in-page editor: colour, note and tags, or
 * deleting the highlight. The page shows the change at once; the worker's
 * outbox takes it to the server.
 */

import { parseTags } from '../lib/text.js';

/**
 * @param {object} options
 * @param {import('./page-highlights.js').PageHighlights} options.highlights
 * @param {import('./capture.js').Capturer} options.capturer
 * @param {() => string} options.pageUrl
 * @param {(message: object) => Promise<any>} options.send to the worker
 * @returns {{save: (id: string, changes: object) => void, remove: (id: string) => void}}
 */
export function createEditing({ highlights, capturer, pageUrl, send }) {
  return {
    save(id, changes) {
      if (!highlights.get(id)) return;
      const clean = {};
      if (changes.color) clean.color = changes.color;
      if (changes.note !== undefined) clean.note = changes.note;
      if (changes.tags !== undefined) {
        // The editor gives tags as typed ("a, b"); the API wants a list.
        clean.tags = Array.isArray(changes.tags) ? changes.tags : parseTags(changes.tags);
      }
      highlights.change(id, clean);
      send({ type: 'update', id, url: pageUrl(), changes: clean });
    },
    remove(id) {
      if (!highlights.get(id)) return;
      highlights.remove(id);
      capturer.forget(id);
      send({ type: 'delete', id, url: pageUrl() });
    },
  };
}
