/**
 * Give the main thread back to the page, then go on with `next`.
 *
 * `scheduler.yield()` (Chromium 129+, Firefox 142+) lets input, rendering
 * and the page's own tasks run and then resumes us first, with no timer in
 * between. A chain of `setTimeout(fn, 0)` is held to 4 ms per call after
 * the fifth (the HTML timer clamp): over the hundreds of slices of a long
 * anchoring pass, more time waiting than working. Browsers without it get
 * the timer.
 *
 * @param {() => void} next
 */
export function yieldToPage(next) {
  const { scheduler } = globalThis;
  if (scheduler && typeof scheduler.yield === 'function') {
    scheduler.yield().then(next, () => setTimeout(next, 0));
  } else {
    setTimeout(next, 0);
  }
}

/** `yieldToPage` for an async loop: settles once the page has had its turn. */
export function pageTurn() {
  return new Promise((resolve) => yieldToPage(resolve));
}
