/** The popup's small DOM helpers: elements by id and copies of <template>s. */

/**
 * @param {string} id
 * @returns {HTMLElement}
 */
export const $ = (id) => document.getElementById(id);

/**
 * A fresh copy of a <template>'s first element, to fill with textContent.
 *
 * @param {string} id the template's id
 * @returns {HTMLElement}
 */
export function fromTemplate(id) {
  return $(id).content.firstElementChild.cloneNode(true);
}

/**
 * Ask the service worker.
 *
 * @param {object} message
 * @returns {Promise<any>} its answer, or null when it cannot be reached
 */
export function ask(message) {
  return chrome.runtime.sendMessage(message).catch(() => null);
}

/** "1 page", "2 pages". */
export function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
