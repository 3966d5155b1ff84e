/**
 * The note editor as the page holds it: a frame showing the extension's
 * own editor page (src/editor/editor.html), inside the UI's closed shadow
 * root. The page can neither script that frame nor search it with
 * window.find, so a note is never where page script can probe for it. The
 * frame is made the first time a highlight is opened and kept, hidden and
 * emptied, for the next one. It is shown only once our editor page has
 * called back: a frame the page navigated elsewhere is never shown (a
 * person could take it for the editor) and is dropped.
 */

import { EDITOR_PAGE, editorPortName } from '../lib/editor-port.js';

export const EDITOR_WIDTH = 312;

/**
 * @param {Document} doc
 * @param {ShadowRoot} root where the frame goes
 * @param {{
 *   onSave: (id: string, changes: object) => void,
 *   onDelete: (id: string) => void,
 * }} handlers
 */
export function createEditorFrame(doc, root, handlers) {
  let frame = null;
  let port = null;
  // Whether the frame had a port that is gone since (the worker relaying it
  // was stopped): the next highlight opened gets a fresh frame.
  let lost = false;
  let stopListening = () => {};
  // What to send once the frame has loaded and connected.
  let waiting = null;
  let editing = null;
  // Opened from the keyboard: the keyboard goes into the editor once shown.
  let focusWanted = false;

  function send(message) {
    if (port) port.postMessage(message);
    else waiting = message;
  }

  function onMessage(message) {
    if (!editing) return;
    switch (message?.type) {
      case 'color':
        handlers.onSave(editing, { color: message.color });
        break;
      case 'save':
        handlers.onSave(editing, message.changes);
        hide();
        break;
      case 'delete':
        handlers.onDelete(editing);
        hide();
        break;
      case 'close':
        hide();
        break;
      case 'size':
        frame.style.height = `${Math.ceil(message.height)}px`;
        break;
      default:
    }
  }

  /** Drop the frame (the page navigated it, or it went away); the next open makes one. */
  function discard() {
    stopListening();
    port?.disconnect();
    frame?.remove();
    frame = port = waiting = null;
    editing = null;
    lost = false;
  }

  function make() {
    const secret = crypto.randomUUID();
    const ours = chrome.runtime.getURL('');
    frame = doc.createElement('iframe');
    frame.className = 'editor';
    frame.title = 'Edit highlight';
    frame.src = `${chrome.runtime.getURL(EDITOR_PAGE)}#${secret}`;
    const made = frame;
    let loads = 0;
    // Loaded a second time: something navigated our frame. Never show a
    // note in whatever it holds now.
    made.addEventListener('load', () => ++loads > 1 && made === frame && discard());
    // The editor page calls back, to every frame's content script in this
    // tab: take the port named with this frame's secret, opened by one of
    // the extension's own pages (the editor, or the worker relaying it).
    const accept = (candidate) => {
      if (made !== frame || port || candidate.name !== editorPortName(secret)) return;
      const { sender } = candidate;
      if (sender?.id !== chrome.runtime.id || !sender.url?.startsWith(ours)) return;
      port = candidate;
      port.onMessage.addListener(onMessage);
      port.onDisconnect.addListener(() => {
        // The editor calls again when the person next presses a button.
        if (made !== frame || port !== candidate) return;
        port = null;
        lost = true;
      });
      if (waiting) port.postMessage(waiting);
      waiting = null;
      reveal();
    };
    chrome.runtime.onConnect.addListener(accept);
    stopListening = () => chrome.runtime.onConnect.removeListener(accept);
    root.append(frame);
  }

  /** Show the frame when there is a highlight to edit and our page is in it. */
  function reveal() {
    if (!editing || !port) return;
    frame.classList.add('open');
    if (focusWanted) {
      // The frame takes the keyboard, then its note field (focusing the
      // frame resets the field focused inside it).
      frame.focus();
      send({ type: 'focus' });
    }
    focusWanted = false;
  }

  function hide() {
    if (!frame) return;
    frame.classList.remove('open');
    editing = null;
    send({ type: 'hide' });
  }

  return {
    /**
     * Open the editor for a highlight, next to its mark; `focus` moves the
     * keyboard into its note (opened from the keyboard).
     */
    show(highlight, rect, { focus = false } = {}) {
      if (lost && !port) discard();
      if (!frame) make();
      editing = highlight.id;
      focusWanted = focus;
      const { exact, note, tags, color } = highlight;
      send({ type: 'show', highlight: { exact, note, tags, color } });
      const view = doc.defaultView;
      const top = rect.bottom + 8;
      frame.style.left = `${Math.min(Math.max(4, rect.left), view.innerWidth - EDITOR_WIDTH - 8)}px`;
      frame.style.top = `${top + 220 < view.innerHeight ? top : Math.max(4, rect.top - 240)}px`;
      reveal();
    },
    hide,
    get editing() {
      return editing;
    },
  };
}
