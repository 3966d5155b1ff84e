/**
 * Watching the page: its content changes (late content, SPAs, infinite
 * scroll) and its URL (pushState navigations). The watcher only says when;
 * what to do about it is the caller's.
 */

// After the page changes, wait this long for it to settle before
// re-checking highlights: SPAs and infinite scroll mutate in bursts.
const SETTLE_MS = 400;

// pushState navigations change the URL without a mutation or an event this
// isolated world can see: check the URL this often (cheap).
const URL_CHECK_MS = 1000;

const OBSERVED = { childList: true, subtree: true, characterData: true };

export class PageWatcher {
  /**
   * @param {Element} root the element whose subtree is watched (the body)
   * @param {{onChange: () => void, onSettle: () => void, onUrlCheck: () => void}} handlers
   *   onChange on every mutation (the page text is stale), onSettle once a
   *   burst of changes or a history navigation is over, onUrlCheck now and then
   */
  constructor(root, { onChange, onSettle, onUrlCheck }) {
    this.root = root;
    this.onSettle = onSettle;
    this.onUrlCheck = onUrlCheck;
    this.settleTimer = 0;
    this.started = false;
    this.observer = new MutationObserver(() => {
      onChange();
      this.scheduleSettle();
    });
  }

  /** Start watching (call once). */
  start() {
    this.started = true;
    this.observer.observe(this.root, OBSERVED);
    window.addEventListener('popstate', () => this.scheduleSettle());
    setInterval(this.onUrlCheck, URL_CHECK_MS);
  }

  /** Call onSettle once the page has been still for SETTLE_MS. */
  scheduleSettle() {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(this.onSettle, SETTLE_MS);
  }

  /**
   * Run DOM changes of our own (drawing and erasing marks) without waking
   * the observer: our marks are not the page changing.
   *
   * @template T
   * @param {() => T} fn
   * @returns {T}
   */
  quietly(fn) {
    if (!this.started) return fn();
    this.observer.disconnect();
    try {
      return fn();
    } finally {
      this.observer.takeRecords();
      this.observer.observe(this.root, OBSERVED);
    }
  }
}
