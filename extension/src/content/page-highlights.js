/**
 * The highlights of the page being shown: what each one is (its stored
 * data), where it is drawn (its ranges, painted by highlighter.js) and how
 * it was found. The page text index lives here too, since drawing needs it
 * and every page change makes it stale.
 */

import { TextIndex } from './text-index.js';
import {
  FOCUS_NAME,
  HOVER_NAME,
  Painter,
  drawSteps,
  rangesOf,
  rectHas,
  rectsWithin,
} from './highlighter.js';

// A focused highlight (scrolled to from the popup) stands out this long.
const FOCUS_MS = 1500;

/**
 * @typedef {object} Entry
 * @property {object} data the highlight: id, exact, prefix, suffix, start,
 *   end, color, note, tags (and `pending` while only in the outbox)
 * @property {Range[]} ranges where it is drawn (none when not found):
 *   live ranges over the page's text, painted in its colour
 * @property {string|null} method how it was found ('new', 'position',
 *   'exact', 'approximate'…), null while not drawn
 * @property {boolean} [searching] true while the whole-text search for it runs
 * @property {boolean} [unfinished] true while it is being drawn a step at a
 *   time (and after, should the drawing be abandoned): not drawn yet
 */

export class PageHighlights {
  /**
   * @param {Element} root the element holding the page text (the body)
   * @param {(fn: () => any) => any} quietly runs our own DOM changes (a
   *   shadow root's <style>) without waking the page watcher
   * @param {(index: TextIndex) => void} [onIndexed] called with each text
   *   index once it is whole (the watcher learns the page's shadow roots)
   */
  constructor(root, quietly, onIndexed = () => {}) {
    this.root = root;
    this.quietly = quietly;
    this.onIndexed = onIndexed;
    /** @type {Map<string, Entry>} */
    this.entries = new Map();
    this.index = null;
    this.painter = new Painter(root.ownerDocument, { quietly });
    /** @type {Entry|null} the highlight under the pointer */
    this.hovered = null;
    this.focusTimer = 0;
  }

  /**
   * The page text and its map to DOM nodes, built now if it is not yet
   * (what a person's action needs at once).
   *
   * @returns {TextIndex}
   */
  textIndex() {
    return this.textIndexUntil(Infinity, () => 0);
  }

  /**
   * The page text index, built a slice at a time: go on building it until
   * `deadline`.
   *
   * @param {number} deadline in the clock's units
   * @param {() => number} now the clock
   * @returns {TextIndex|null} the index once it is whole, else null
   */
  textIndexUntil(deadline, now) {
    if (!this.index) this.index = new TextIndex(this.root, { inSlices: true });
    const { index } = this;
    if (index.ready) return index;
    if (!index.buildUntil(deadline, now)) return null;
    this.onIndexed(index);
    return index;
  }

  /** The page changed: the text index must be built again. */
  forgetText() {
    this.index = null;
  }

  /** @param {string} id @returns {Entry|undefined} */
  get(id) {
    return this.entries.get(id);
  }

  /** @returns {Entry[]} */
  all() {
    return [...this.entries.values()];
  }

  /**
   * Keep a highlight (merging into the one with the same id, if known).
   *
   * @param {object} data
   * @returns {Entry}
   */
  remember(data) {
    const known = this.entries.get(data.id);
    // One copy of the data, not two, for a highlight not known yet.
    const entry = known ?? { data: null, ranges: [], method: null };
    entry.data = known ? { ...known.data, ...data } : { ...data };
    this.entries.set(data.id, entry);
    return entry;
  }

  /**
   * Draw a highlight the person just made, at text offsets [start, end).
   *
   * @param {object} data
   * @param {number} start
   * @param {number} end
   * @param {TextIndex} [index] the index the offsets are in (the page's, or
   *   one of only the text around the selection)
   */
  drawNew(data, start, end, index = this.textIndex()) {
    const ranges = rangesOf(index, start, end);
    this.painter.paint(ranges, data.color);
    this.entries.set(data.id, { data, ranges, method: 'new' });
  }

  /**
   * Draw an entry where the matcher found it. Call inside `quietly`.
   *
   * @param {Entry} entry
   * @param {{start: number, end: number, method: string}} match
   * @returns {boolean} whether anything was drawn
   */
  place(entry, match) {
    // At once, so without the generators of `placeSteps` (two objects per
    // highlight of the quick pass, which draws most of them).
    this.painter.unpaint(entry.ranges);
    return this.placed(entry, match, rangesOf(this.textIndex(), match.start, match.end));
  }

  /**
   * Draw an entry where the matcher found it, a bounded number of text
   * nodes a step (see highlighter.js). Call each step inside `quietly`.
   * Until the last step the entry is not drawn (nor painted); a drawing
   * left unfinished is dropped when it is drawn again.
   *
   * @param {Entry} entry
   * @param {{start: number, end: number, method: string}} match
   * @returns {Generator<number, boolean>} returns whether anything was drawn
   */
  *placeSteps(entry, match) {
    this.painter.unpaint(entry.ranges);
    entry.ranges = [];
    entry.unfinished = true;
    const ranges = yield* drawSteps(this.textIndex(), match.start, match.end);
    return this.placed(entry, match, ranges);
  }

  /** An entry's drawing is done: note its ranges, paint them with the next batch. */
  placed(entry, match, ranges) {
    entry.ranges = ranges;
    entry.unfinished = false;
    // Painted with others in one frame: the page is repainted whole for each.
    this.painter.paintSoon(ranges, entry.data.color);
    entry.method = ranges.length ? match.method : null;
    return ranges.length > 0;
  }

  /** @param {Entry} entry @returns {boolean} whether it is on the page now */
  isDrawn(entry) {
    return !entry.unfinished && entry.ranges.some(isOnPage);
  }

  /**
   * Change a highlight's colour, note or tags; redraws a new colour.
   *
   * @param {string} id
   * @param {{color?: string, note?: string, tags?: string[]}} changes
   */
  change(id, changes) {
    const entry = this.entries.get(id);
    if (!entry) return;
    Object.assign(entry.data, changes);
    if (changes.color) this.painter.recolor(entry.ranges, changes.color);
  }

  /** Take an entry off the page, keeping the entry. @param {Entry} entry */
  erase(entry) {
    this.painter.unpaint(entry.ranges);
    entry.ranges = [];
    if (this.hovered === entry) this.hovered = null;
  }

  /** Remove a highlight from the page and forget it. @param {string} id */
  remove(id) {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.erase(entry);
    this.entries.delete(id);
  }

  /** Forget every highlight (the URL changed under a single-page app). */
  clear() {
    this.painter.clear();
    this.hovered = null;
    this.entries.clear();
    this.index = null;
  }

  /**
   * Scroll the page to a highlight and make it stand out for a moment.
   *
   * @param {string} id
   * @returns {boolean} false when it is not drawn
   */
  scrollTo(id) {
    const entry = this.entries.get(id);
    const range = entry?.ranges.find(isOnPage);
    if (!range) return false;
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    this.painter.overlay(FOCUS_NAME, entry.ranges);
    clearTimeout(this.focusTimer);
    this.focusTimer = setTimeout(() => this.painter.overlay(FOCUS_NAME, []), FOCUS_MS);
    return true;
  }

  /**
   * The highlight drawn at a point of the viewport, if any. The browser
   * paints highlights without elements to hit, so this looks at the text
   * the pointer is over: the text nodes of the element it hit.
   *
   * @param {Element} target the innermost element at the point (from the
   *   event's composed path, so inside open shadow roots too)
   * @param {number} x viewport coordinates
   * @param {number} y
   * @returns {{entry: Entry, rect: DOMRect}|null} the highlight and the
   *   rectangle of its text under the point
   */
  at(target, x, y) {
    const texts = [...(target?.childNodes ?? [])].filter((n) => n.nodeType === Node.TEXT_NODE);
    if (!texts.length) return null;
    let found = null;
    for (const entry of this.entries.values()) {
      if (entry.unfinished) continue;
      for (const range of entry.ranges) {
        for (const text of texts) {
          if (!range.intersectsNode(text)) continue;
          const rect = rectsWithin(range, text).find((r) => rectHas(r, x, y));
          // The last drawn is painted on top of the others.
          if (rect) found = { entry, rect };
        }
      }
    }
    return found;
  }

  /**
   * Tint the highlight under the pointer, or none.
   *
   * @param {Entry|null} entry
   */
  hover(entry) {
    if (entry === this.hovered) return;
    this.hovered = entry;
    this.painter.overlay(HOVER_NAME, entry?.ranges ?? []);
  }

  /**
   * What the popup shows about this page: each highlight, whether it is
   * drawn, still being searched for, or an orphan.
   *
   * @param {string} url
   * @param {string} title
   */
  state(url, title) {
    return {
      url,
      title,
      highlights: this.all().map((entry) => {
        const { data, method, searching } = entry;
        return {
          id: data.id,
          exact: data.exact,
          color: data.color,
          note: data.note ?? '',
          tags: data.tags ?? [],
          pending: Boolean(data.pending),
          unsaved: Boolean(data.unsaved),
          anchored: this.isDrawn(entry),
          searching: Boolean(searching),
          method,
        };
      }),
    };
  }
}

/** Whether a range still covers text on the page (the page may remove it). */
export function isOnPage(range) {
  return !range.collapsed && range.startContainer.isConnected;
}
