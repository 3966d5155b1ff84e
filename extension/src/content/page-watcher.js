/**
 * Watching the page: its content changes (late content, SPAs, infinite
 * scroll), also inside open shadow roots, and its URL (pushState
 * navigations). The watcher only says when; what to do about it is the
 * caller's.
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
    // How many `quietly` calls are running (they nest: erasing a highlight
    // may happen while an anchoring slice draws others).
    this.quietDepth = 0;
    /** @type {ShadowRoot[]} open shadow roots watched besides the root */
    this.shadowRoots = [];
    this.observer = new MutationObserver(() => {
      onChange();
      this.scheduleSettle();
    });
  }

  /** Start watching (call once). */
  start() {
    this.started = true;
    this.observe();
    window.addEventListener('popstate', () => this.scheduleSettle());
    setInterval(this.onUrlCheck, URL_CHECK_MS);
  }

  /**
   * Watch these open shadow roots too (a mutation below the root does not
   * reach its observer from inside a shadow tree). Roots whose host has
   * left the page are dropped.
   *
   * @param {ShadowRoot[]} roots the shadow roots the page text now has
   */
  watchShadowRoots(roots) {
    this.shadowRoots = this.shadowRoots.filter((r) => r.host.isConnected);
    for (const root of roots) {
      if (this.shadowRoots.includes(root)) continue;
      this.shadowRoots.push(root);
      if (this.started && !this.quietDepth) this.observer.observe(root, OBSERVED);
    }
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
    if (this.quietDepth++ === 0) this.observer.disconnect();
    try {
      return fn();
    } finally {
      if (--this.quietDepth === 0) {
        this.observer.takeRecords();
        this.observe();
      }
    }
  }

  observe() {
    this.observer.observe(this.root, OBSERVED);
    for (const root of this.shadowRoots) this.observer.observe(root, OBSERVED);
  }
}
