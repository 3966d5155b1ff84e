/**
 * How the content script and the note editor's frame (src/editor/) find
 * each other: a runtime port named with a secret only the two know, since
 * every extension page hears of every port a content script opens.
 */

const PREFIX = 'hatchery-editor:';

/**
 * @param {string} secret the random part of the editor frame's address
 * @returns {string} the name of the port between that frame and its page
 */
export function editorPortName(secret) {
  return PREFIX + secret;
}
