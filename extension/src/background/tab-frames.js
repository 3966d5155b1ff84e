/**
 * The frames of each tab besides the top page that run the highlighter
 * (same-origin frames), so the popup can ask each one what it shows: a
 * message to a tab reaches all its frames, but only one answer comes back.
 * Kept in chrome.storage.session, since the worker may be stopped at any
 * time and tabs do not outlive the browser session.
 */

const KEY = 'tabFrames';

// Frames remembered per tab: a page that keeps adding frames must not grow
// this without end (the oldest are forgotten; they have usually gone).
const MAX_FRAMES = 32;

// Reads and writes of the list, one after the other, so two frames loading
// at once do not overwrite each other's entry.
let queue = Promise.resolve();

function change(fn) {
  queue = queue.then(async () => {
    const { [KEY]: all = {} } = await chrome.storage.session.get(KEY);
    fn(all);
    await chrome.storage.session.set({ [KEY]: all });
  });
  return queue.catch((error) => console.warn('Hatchery: frames of a tab:', error));
}

/**
 * Remember that a frame of a tab runs the highlighter.
 *
 * @param {number} tabId
 * @param {number} frameId not 0 (the top page is always asked)
 */
export function rememberFrame(tabId, frameId) {
  return change((all) => {
    const frames = (all[tabId] ?? []).filter((id) => id !== frameId);
    frames.push(frameId);
    all[tabId] = frames.slice(-MAX_FRAMES);
  });
}

/**
 * @param {number} tabId
 * @returns {Promise<number[]>} the tab's frames that ran the highlighter
 */
export async function framesOf(tabId) {
  await queue.catch(() => {});
  const { [KEY]: all = {} } = await chrome.storage.session.get(KEY);
  return all[tabId] ?? [];
}

/** Forget a closed tab's frames. @param {number} tabId */
export function forgetTab(tabId) {
  return change((all) => {
    delete all[tabId];
  });
}
