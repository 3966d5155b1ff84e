// A slice of our own work on the main thread between the page's turns
// (anchoring, and applying what the IntersectionObserver reports). One
// bounded step of work may begin just before the deadline, and V8 may run
// a collection or a step of its incremental marking inside the slice (2-10
// ms in traces of the anchoring benchmark, longer when the machine is
// loaded): 4 ms leaves room for both in a 16 ms frame (8 ms, then 6, did
// not always). Slices are cheap since the page is given its turn with
// scheduler.yield(), not a clamped timer.
export const SLICE_MS = 4;

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
