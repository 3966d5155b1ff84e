/**
 * Capturing a highlight: turn the person's selection into a highlight,
 * draw it at once, and hand the capture (with the page HTML the first time)
 * to the service worker, whose outbox takes it to the server.
 */

import { buildSelector, trimRange } from '../lib/selector.js';
import { uuid4 } from '../lib/ids.js';
import { DEFAULT_COLOR } from '../lib/colors.js';
import { CONTEXT_LENGTH } from '../lib/text.js';
import { pageHtml } from './page-html.js';
import { selectedRange } from './selection.js';
import { inPageText, indexAround } from './text-index.js';
import { isOnPage } from './page-highlights.js';
import { pageTurn } from '../lib/yield-to-page.js';

// Page HTML goes with a capture so the server can extract the article; a
// page bigger than this is sent without it (the server then has the quote
// and context only). The outbox keeps it apart from the highlight and
// gives it up first when storage is short.
const HTML_CAP = 1_500_000;

// Indexing the whole page text for a new highlight's stored position goes
// on in slices this long (the page's index may be gone after a change, and
// building it takes 50 ms and more on a 1 MB page).
const INDEX_SLICE_MS = 8;

export class Capturer {
  /**
   * @param {object} options
   * @param {import('./page-highlights.js').PageHighlights} options.highlights
   * @param {{contains: (node: Node) => boolean, hideToolbar: () => void, showEditor: Function}} options.ui
   * @param {() => string} options.pageUrl the page's canonical URL now
   *   (checked first, so a single-page app's new URL is followed)
   * @param {(message: object) => Promise<any>} options.send to the worker
   * @param {(id: string, color: string) => void} options.recolor gives an
   *   existing highlight a new colour (as the editor does)
   * @param {() => number} [options.now] the clock (performance.now)
   * @param {() => Document} [options.pageDocument] whose title and HTML go
   *   with a capture (a frame without an address of its own sends its page's)
   */
  constructor({
    highlights,
    ui,
    pageUrl,
    send,
    recolor,
    now = () => performance.now(),
    pageDocument = () => document,
  }) {
    this.now = now;
    this.highlights = highlights;
    this.recolor = recolor;
    this.ui = ui;
    this.pageUrl = pageUrl;
    this.send = send;
    this.pageDocument = pageDocument;
    this.lastColor = DEFAULT_COLOR;
    // The page HTML goes with the first capture of each page view only: the
    // server extracts the article once, and serialising a big page for every
    // highlight would make garbage the collector stalls on.
    this.htmlCarrier = null;
  }

  /**
   * Highlight the current selection.
   *
   * @param {string} [color] defaults to the colour used last
   * @returns {object|null} the new highlight, or null when nothing on the
   *   page is selected
   */
  highlightSelection(color = this.lastColor) {
    const { highlights } = this;
    const built = highlights.index?.ready ? highlights.index : null;
    const range = selectedRange(built?.shadowRoots);
    if (!range) return null;
    // Text in our own toolbar or editor, or outside the page text, is not page text.
    if (this.ui.contains(range.commonAncestorContainer)) return null;
    if (!inPageText(highlights.root, range.commonAncestorContainer)) return null;
    // The page's index when it is built; else only the text around the
    // selection (the stored position is found once the page's is built).
    const idx =
      built ?? indexAround(highlights.root, range, CONTEXT_LENGTH + 1) ?? highlights.textIndex();
    if (!idx.covers(range.commonAncestorContainer)) return null;
    const url = this.pageUrl();
    const raw = idx.rangeOffsets(range);
    const { start, end } = trimRange(idx.text, raw.start, raw.end);
    if (end <= start) return null;
    const rect = range.getBoundingClientRect();
    this.lastColor = color;
    window.getSelection().removeAllRanges();
    this.ui.hideToolbar();
    // The same words highlighted again: that highlight takes the colour,
    // rather than a second identical one being stored; in the colour it
    // has, its editor opens, with the keyboard in its note (the way to
    // edit a highlight without a mouse).
    const same = drawnOver(highlights, idx, start, end);
    if (same) {
      if (same.data.color !== color) this.recolor(same.data.id, color);
      else this.ui.showEditor(same.data, rect, { focus: true });
      return same.data;
    }
    const selector = buildSelector(idx.text, start, end);
    const data = {
      id: uuid4(),
      url,
      color,
      note: '',
      tags: [],
      ...selector,
      // Stored in positions (code points over all the text), see
      // text-index.js; known later when only the text around was indexed.
      ...positionsIn(idx, start, end),
    };
    // Drawing splits text nodes: a page index half built would miss them.
    if (!idx.whole) highlights.forgetText();
    highlights.drawNew(data, start, end, idx);
    const withHtml = this.htmlCarrier === null;
    if (withHtml) this.htmlCarrier = data.id;
    // Serialising a large page takes longer than a frame: draw first, send
    // the capture (with the page HTML) right after.
    const placed = idx.whole ? Promise.resolve() : this.placeLater(data, idx, start, end);
    placed.then(() => setTimeout(() => this.queue(data, withHtml), 0));
    return data;
  }

  /**
   * Find a new highlight's stored position once the page's text index is
   * built, a slice at a time, from the nodes it was drawn on.
   *
   * @param {object} data the highlight (its start and end are set here)
   * @param {import('./text-index.js').TextIndex} local the index it was made with
   * @param {number} start offsets in `local`
   * @param {number} end
   */
  async placeLater(data, local, start, end) {
    const { highlights, now } = this;
    let whole = null;
    while (!(whole = highlights.textIndexUntil(now() + INDEX_SLICE_MS, now))) {
      await pageTurn();
    }
    const first = mapOffset(local, whole, start, false);
    const last = mapOffset(local, whole, end, true);
    // The page took the words away meanwhile: stored without a position.
    if (first === -1 || last === -1) return;
    highlights.change(data.id, positionsIn(whole, first, last));
  }

  /** Hand the capture to the worker; say so on the page when it was not kept. */
  async queue(data, withHtml) {
    const doc = this.pageDocument();
    const html = withHtml ? await pageHtml(doc, { max: HTML_CAP, now: this.now }) : undefined;
    const answer = await this.send({ type: 'capture', capture: captureOf(data, html, doc) });
    if (answer?.queued) return;
    this.highlights.change(data.id, { unsaved: true });
    this.ui.notice(
      'This highlight could not be saved: ' +
        (answer?.error ?? 'the extension did not answer') +
        '. It is shown until you leave the page.',
    );
  }

  /** A highlight was deleted: if it carried the page HTML, the next capture does. */
  forget(id) {
    if (this.htmlCarrier === id) this.htmlCarrier = null;
  }

  /** A new page view (a single-page app changed URL): send its HTML again. */
  newPage() {
    this.htmlCarrier = null;
  }
}

/** A range's stored positions in an index of the whole text, else nulls. */
function positionsIn(index, start, end) {
  if (!index.whole) return { start: null, end: null };
  return { start: index.positionOf(start), end: index.positionOf(end, true) };
}

/**
 * The offset in `to` of an offset in `from` (two indexes of the same text
 * nodes), by the node that holds it; -1 when `to` does not have that node.
 *
 * @param {boolean} isEnd an end: the node holding the character before it
 */
function mapOffset(from, to, offset, isEnd) {
  const i = from.nodeAt(isEnd && offset > 0 ? offset - 1 : offset);
  const node = from.nodes[i];
  const j = node ? to.indexOfNode(node) : -1;
  return j === -1 ? -1 : to.starts[j] + offset - from.starts[i];
}

/**
 * The highlight drawn over exactly text offsets [start, end) of `index`,
 * if any: only highlights drawn on the index's own text nodes are looked
 * at (an index of the text around a selection has few).
 *
 * @param {import('./page-highlights.js').PageHighlights} highlights
 * @param {import('./text-index.js').TextIndex} index
 * @param {number} start
 * @param {number} end
 */
function drawnOver(highlights, index, start, end) {
  for (const entry of highlights.all()) {
    const ranges = entry.ranges.filter(isOnPage);
    if (!ranges.length) continue;
    const head = ranges[0];
    const tail = ranges[ranges.length - 1];
    const i = index.indexOfNode(head.startContainer);
    const j = index.indexOfNode(tail.endContainer);
    if (i !== -1 && j !== -1 && index.starts[i] + head.startOffset === start
        && index.starts[j] + tail.endOffset === end) {
      return entry;
    }
  }
  return undefined;
}

/** The POST /api/captures body for a new highlight. */
function captureOf(data, html, doc) {
  return {
    id: data.id,
    url: data.url,
    title: doc.title,
    html,
    text: data.exact,
    prefix: data.prefix,
    suffix: data.suffix,
    start: data.start,
    end: data.end,
    color: data.color,
    note: '',
    tags: [],
  };
}
