/**
 * Test build only: messages the benchmark and the browser tests send the
 * page that no user path can, to time anchoring and capture precisely.
 */

import { TextIndex } from './text-index.js';
import { pageHtml } from './page-html.js';
import { stripOwnMarkup } from '../lib/text.js';

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
      // Draw the given highlights and time it: the first slice (what runs
      // at once), every slice (each a task on the main thread), the whole.
      void document.body.offsetHeight; // time our layout, not the page's
      const frames = watchLongFrames();
      const t0 = performance.now();
      highlights.forgetText();
      const { anchored, later, done } = anchorer.anchorAll(message.highlights);
      const ms = performance.now() - t0;
      void document.body.offsetHeight; // include the layout the marks cause
      const withLayoutMs = performance.now() - t0;
      // Done once the last highlight found is painted (they are painted in
      // batches, see highlighter.js): the total counts until then.
      done.then(async (search) => {
        await highlights.painter.painted();
        const paintedMs = performance.now() - t0;
        // Long animation frames are reported after the frame: wait one.
        requestAnimationFrame(() =>
          setTimeout(() =>
            sendResponse({
              anchored: search.found,
              anchoredAtOnce: anchored,
              searchedLater: later,
              total: message.highlights.length,
              ms,
              withLayoutMs,
              totalMs: paintedMs,
              searchMs: search.ms,
              longestSliceMs: search.longestSliceMs,
              slices: search.slices,
              sliceMs: search.sliceMs,
              longFrames: frames.stop(),
              // Which words each drawn highlight is painted on.
              drawn: highlights
                .all()
                .filter((entry) => highlights.isDrawn(entry))
                .map((entry) => ({
                  id: entry.data.id,
                  text: entry.ranges.map((range) => range.toString()).join(''),
                })),
            }),
          ),
        );
      });
      return true;
    }
    if (message?.type === 'text-index-in-slices') {
      // The page's text indexed a slice at a time, each slice ending at once
      // (a clock always past the deadline), against the index built in one go.
      const whole = new TextIndex(document.body);
      const sliced = new TextIndex(document.body, { inSlices: true });
      let slices = 1;
      while (!sliced.buildUntil(0, () => 1)) slices += 1;
      const same = (key) => whole[key].length === sliced[key].length
        && whole[key].every((value, i) => value === sliced[key][i]);
      sendResponse({
        slices,
        characters: sliced.text.length,
        sameText: whole.text === sliced.text,
        sameNodes: ['nodes', 'starts', 'positions', 'counted', 'shadowRoots'].every(same),
      });
      return false;
    }
    if (message?.type === 'page-html-in-pieces') {
      // The page HTML serialised in pieces over slices, against outerHTML at once.
      const whole = stripOwnMarkup(document.documentElement.outerHTML);
      let slices = 0;
      const clock = () => (slices += 1) * 100; // every look at it ends a slice
      pageHtml(document, { now: clock }).then((pieces) =>
        sendResponse({ same: pieces === whole, length: pieces.length, slices,
                       firstDifference: [...pieces].findIndex((c, i) => c !== whole[i]) }),
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

/**
 * Collect the durations of long animation frames (the browser reports
 * frames of 50 ms or more) until stop() is called.
 *
 * @returns {{stop: () => number[]}}
 */
function watchLongFrames() {
  const durations = [];
  let observer = null;
  if (PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame')) {
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) durations.push(Math.round(entry.duration));
    });
    observer.observe({ type: 'long-animation-frame' });
  }
  return {
    stop() {
      if (observer) {
        for (const entry of observer.takeRecords()) durations.push(Math.round(entry.duration));
        observer.disconnect();
      }
      return durations;
    },
  };
}
