/**
 * Capturing a highlight: turn the person's selection into a highlight,
 * draw it at once, and hand the capture (with the page HTML the first time)
 * to the service worker, whose outbox takes it to the server.
 */

import { buildSelector, trimRange } from '../lib/selector.js';
import { capHtml, stripOwnMarkup } from '../lib/text.js';
import { uuid4 } from '../lib/ids.js';
import { DEFAULT_COLOR } from '../lib/colors.js';
import { selectedRange } from './selection.js';

// Page HTML goes with a capture so the server can extract the article; a
// page bigger than this is sent without it (the server then has the quote
// and context only). The outbox keeps it apart from the highlight and
// gives it up first when storage is short.
const HTML_CAP = 1_500_000;

export class Capturer {
  /**
   * @param {object} options
   * @param {import('./page-highlights.js').PageHighlights} options.highlights
   * @param {{contains: (node: Node) => boolean, hideToolbar: () => void}} options.ui
   * @param {() => string} options.pageUrl the page's canonical URL now
   *   (checked first, so a single-page app's new URL is followed)
   * @param {(message: object) => Promise<any>} options.send to the worker
   * @param {(id: string, color: string) => void} options.recolor gives an
   *   existing highlight a new colour (as the editor does)
   * @param {() => Document} [options.pageDocument] whose title and HTML go
   *   with a capture (a frame without an address of its own sends its page's)
   */
  constructor({
    highlights,
    ui,
    pageUrl,
    send,
    recolor,
    pageDocument = () => document,
  }) {
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
    const idx = this.highlights.textIndex();
    const range = selectedRange(idx.shadowRoots);
    if (!range) return null;
    // Text in our own toolbar or editor, or outside the page text, is not page text.
    if (this.ui.contains(range.commonAncestorContainer)) return null;
    if (!idx.covers(range.commonAncestorContainer)) return null;
    const url = this.pageUrl();
    const raw = idx.rangeOffsets(range);
    const { start, end } = trimRange(idx.text, raw.start, raw.end);
    if (end <= start) return null;
    this.lastColor = color;
    window.getSelection().removeAllRanges();
    this.ui.hideToolbar();
    // The same words highlighted again: that highlight takes the colour,
    // rather than a second identical one being stored.
    const same = this.highlights.drawnAt(start, end);
    if (same) {
      if (same.data.color !== color) this.recolor(same.data.id, color);
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
      // Stored in positions (code points over all the text), see text-index.js.
      start: idx.positionOf(start),
      end: idx.positionOf(end, true),
    };
    this.highlights.drawNew(data, start, end);
    const withHtml = this.htmlCarrier === null;
    if (withHtml) this.htmlCarrier = data.id;
    // Serialising a large page takes longer than a frame: draw first, send
    // the capture (with the page HTML) right after.
    setTimeout(() => this.queue(data, withHtml), 0);
    return data;
  }

  /** Hand the capture to the worker; say so on the page when it was not kept. */
  async queue(data, withHtml) {
    const capture = captureOf(data, withHtml, this.pageDocument());
    const answer = await this.send({ type: 'capture', capture });
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

/** The POST /api/captures body for a new highlight. */
function captureOf(data, withHtml, doc) {
  return {
    id: data.id,
    url: data.url,
    title: doc.title,
    html: withHtml
      ? capHtml(stripOwnMarkup(doc.documentElement.outerHTML), HTML_CAP)
      : undefined,
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
