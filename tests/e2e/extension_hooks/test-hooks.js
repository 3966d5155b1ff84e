/**
 * Test build only: messages the benchmark and the browser tests send the
 * page that no user path can, to time anchoring and capture precisely.
 */

/**
 * Answer the test-only messages.
 *
 * @param {{highlights: import('./page-highlights.js').PageHighlights,
 *          anchorer: import('./anchoring.js').Anchorer,
 *          capturer: import('./capture.js').Capturer}} parts what start() made
 */
export function installTestHooks({ highlights, anchorer, capturer }) {
  chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (message?.type === 'anchor-highlights') {
      // Draw the given highlights now and time it.
      void document.body.offsetHeight; // time our layout, not the page's
      const t0 = performance.now();
      highlights.forgetText();
      const timing = { anchorMs: 0, drawMs: 0 };
      const { anchored, later, done } = anchorer.anchorAll(message.highlights, timing);
      const ms = performance.now() - t0;
      void document.body.offsetHeight; // include the layout the marks cause
      const withLayoutMs = performance.now() - t0;
      done.then((search) =>
        sendResponse({
          anchored: anchored + search.found,
          anchoredAtOnce: anchored,
          searchedLater: later,
          total: message.highlights.length,
          ms,
          withLayoutMs,
          laterMs: search.ms,
          longestSliceMs: search.longestSliceMs,
          ...timing,
        }),
      );
      return true;
    }
    if (message?.type === 'time-highlight-selection') {
      // Highlight the selection as the context menu does, and time it.
      const t0 = performance.now();
      const made = capturer.highlightSelection(message.color || capturer.lastColor);
      const ms = performance.now() - t0;
      void document.body.offsetHeight;
      sendResponse({ id: made?.id ?? null, ms, withLayoutMs: performance.now() - t0 });
      return false;
    }
    return false;
  });
}
