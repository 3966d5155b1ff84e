/**
 * Where the note editor's frame has no tabs API (Firefox), it opens its
 * port to this worker; the worker opens one of the same name to the
 * frame's tab, where the content script that made the frame takes it, and
 * passes messages both ways (see ../lib/editor-port.js).
 */

import { EDITOR_PAGE, isEditorPort } from '../lib/editor-port.js';

/**
 * A runtime.onConnect listener: join an editor's port to its tab.
 *
 * @param {chrome.runtime.Port} editor
 */
export function relayEditor(editor) {
  if (!isEditorPort(editor.name)) return;
  const { sender } = editor;
  const page = chrome.runtime.getURL(EDITOR_PAGE);
  if (sender?.id !== chrome.runtime.id || sender.url?.split('#')[0] !== page || !sender.tab) {
    editor.disconnect();
    return;
  }
  const tab = chrome.tabs.connect(sender.tab.id, { name: editor.name });
  editor.onMessage.addListener((message) => tab.postMessage(message));
  tab.onMessage.addListener((message) => editor.postMessage(message));
  editor.onDisconnect.addListener(() => tab.disconnect());
  tab.onDisconnect.addListener(() => editor.disconnect());
}
