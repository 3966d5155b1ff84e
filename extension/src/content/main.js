/**
 * The highlighter in the page, wired together: make highlights (toolbar,
 * Alt+Shift+H, context menu), draw them, edit them, and draw the stored
 * ones again when the page is visited, also when its content arrives late
 * or changes. Each concept lives in its own module; this one only connects
 * them.
 */

import { Anchorer } from './anchoring.js';
import { Capturer } from './capture.js';
import { createEditing } from './editing.js';
import { framePageDocument, framePageUrl, sameOriginAsTop } from './frame-page.js';
import { answerMessages, sendToWorker } from './messages.js';
import { PageHighlights } from './page-highlights.js';
import { listenToPage } from './page-input.js';
import { PageSession } from './page-session.js';
import { PageWatcher } from './page-watcher.js';
import { createUi } from './ui.js';

/**
 * True when the keyboard focus is in this frame's own document, not in a
 * frame inside it: `hasFocus()` is true for every frame around the focused
 * one, and each of those sees the frame holding the focus as its active
 * element (inside an open shadow root, as the root's active element).
 */
function holdsFocus() {
  if (!document.hasFocus()) return false;
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return !(active?.tagName === 'IFRAME' || active?.tagName === 'FRAME');
}

/**
 * Start the highlighter on this page (called once by loader.js).
 *
 * @returns {{highlights: PageHighlights, anchorer: Anchorer, capturer: Capturer}|null}
 *   the page's parts, or null when it was started already or has no body
 */
export function start() {
  if (!document.body || window.__hatcheryStarted || !sameOriginAsTop()) return null;
  window.__hatcheryStarted = true;
  // A same-origin frame with an address of its own is a page of its own
  // (its URL, its highlights); one without belongs to the page around it
  // (frame-page.js). The popup asks the top page and each such frame (the
  // worker knows which).
  const isTop = window === window.top;

  // The parts call each other through closures, so each may be made after
  // the ones it calls: none of them runs before start() returns.
  const watcher = new PageWatcher(document.body, {
    onChange: () => highlights.forgetText(),
    onSettle: () => session.settle(),
    onUrlCheck: () => session.followUrl(),
  });
  const highlights = new PageHighlights(
    document.body,
    (fn) => watcher.quietly(fn),
    (index) => watcher.watchShadowRoots(index.shadowRoots),
  );
  const anchorer = new Anchorer(highlights);
  const session = new PageSession({
    highlights,
    anchorer,
    send: sendToWorker,
    onNewPage: () => capturer.newPage(),
    pageUrl: () => framePageUrl(),
  });
  const ui = createUi(document, {
    onHighlight: (color) => capturer.highlightSelection(color),
    onSave: (id, changes) => editing.save(id, changes),
    onDelete: (id) => editing.remove(id),
  });
  const capturer = new Capturer({
    highlights,
    ui,
    pageUrl: () => {
      session.followUrl();
      return session.url;
    },
    send: sendToWorker,
    recolor: (id, color) => editing.save(id, { color }),
    pageDocument: () => framePageDocument(),
  });
  const editing = createEditing({
    highlights,
    capturer,
    pageUrl: () => session.url,
    send: sendToWorker,
  });

  const highlightHere = (message) => {
    // The shortcut asks every frame; only the one with the focus answers.
    if (message.focusedOnly && !holdsFocus()) return undefined;
    const made = capturer.highlightSelection(message.color || capturer.lastColor);
    return { id: made?.id ?? null };
  };
  const pageState = () => highlights.state(session.url, document.title);
  const scrollTo = (message) => ({ ok: highlights.scrollTo(message.id) });
  // A frame answers to its own message type: a message to the tab reaches
  // every frame and only one answer returns, which must be the top page's.
  answerMessages(
    isTop
      ? {
          'highlight-selection': highlightHere,
          'page-state': pageState,
          'scroll-to': scrollTo,
          'reload-highlights': () => session.load().then(pageState),
        }
      : { 'highlight-selection': highlightHere, 'frame-state': pageState, 'scroll-to': scrollTo },
  );
  listenToPage({ ui, highlights, highlightSelection: () => capturer.highlightSelection() });

  watcher.start();
  session.load();
  return { highlights, anchorer, capturer };
}
