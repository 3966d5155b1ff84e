/**
 * One page view's highlights kept in step with the page: load them for the
 * page's URL, switch when a single-page app moves to another URL, and draw
 * again the ones a page change took away (late content, re-rendering).
 */

import { canonicalUrl } from '../lib/text.js';

export class PageSession {
  /**
   * @param {object} options
   * @param {import('./page-highlights.js').PageHighlights} options.highlights
   * @param {import('./anchoring.js').Anchorer} options.anchorer
   * @param {(message: object) => Promise<any>} options.send to the worker
   * @param {() => void} options.onNewPage called when the URL changed
   * @param {() => string} [options.pageUrl] the canonical URL the
   *   highlights belong to now (a frame without an address of its own
   *   belongs to the page around it)
   */
  constructor({
    highlights,
    anchorer,
    send,
    onNewPage,
    pageUrl = () => canonicalUrl(location.href),
  }) {
    this.highlights = highlights;
    this.anchorer = anchorer;
    this.send = send;
    this.onNewPage = onNewPage;
    this.pageUrl = pageUrl;
    this.url = pageUrl();
    // Length of the page text when orphans were last searched for.
    this.orphanTextLength = -1;
  }

  /** Ask the worker for this URL's highlights and draw them. */
  async load() {
    const answer = await this.send({ type: 'highlights', url: this.url });
    if (!answer?.highlights) return;
    const onText = (index) => {
      this.orphanTextLength = index.text.length;
      return true;
    };
    await this.anchorer.anchorAll(answer.highlights, { onText }).done;
  }

  /**
   * If a single-page app moved to another URL, switch to that page's
   * highlights.
   *
   * @returns {boolean} true when the URL had changed
   */
  followUrl() {
    const url = this.pageUrl();
    if (url === this.url) return false;
    this.highlights.clear();
    this.onNewPage();
    this.url = url;
    this.load();
    return true;
  }

  /** After the page changed: follow URL changes, redraw lost highlights. */
  settle() {
    if (this.followUrl()) return;
    const { highlights } = this;
    const lost = highlights.all().filter((e) => !highlights.isDrawn(e));
    if (!lost.length) return;
    // Orphans are searched for again only when the text changed length: a
    // page that keeps ticking (a clock, a counter) must not keep us busy.
    const removed = lost.some((e) => e.ranges.length);
    highlights.forgetText();
    const onText = (index) => {
      const length = index.text.length;
      if (!removed && length === this.orphanTextLength) return false;
      this.orphanTextLength = length;
      for (const entry of lost) highlights.erase(entry);
      return true;
    };
    // The text is indexed in slices too: it is the pass's first work.
    this.anchorer.anchorAll(lost.map((e) => e.data), { onText });
  }
}
