/**
 * How the content script and the note editor's frame (src/editor/) find
 * each other: the editor opens a port to its tab named with the secret in
 * its frame's address, and since every content script in the tab hears of
 * it, only the one that made that frame takes it. Where the frame has no
 * tabs API (Firefox gives an extension frame inside a web page only what a
 * content script has), the port goes to the service worker, which passes
 * it on to the tab (background/editor-relay.js).
 */

const PREFIX = 'hatchery-editor:';

/** The editor page, as the content script frames it. */
export const EDITOR_PAGE = 'src/editor/editor.html';

/**
 * @param {string} secret the random part of the editor frame's address
 * @returns {string} the name of the port between that frame and its page
 */
export function editorPortName(secret) {
  return PREFIX + secret;
}

/**
 * @param {string} name a port's name
 * @returns {boolean} whether it is an editor's port
 */
export function isEditorPort(name) {
  return typeof name === 'string' && name.startsWith(PREFIX) && name.length > PREFIX.length;
}
