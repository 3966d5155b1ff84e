/**
 * Messages between this content script and the rest of the extension. The
 * service worker owns storage and the server: the page hands it every change
 * and asks it for the page's highlights; the popup and the worker ask the
 * page what it shows.
 */

/**
 * Send a message to the service worker.
 *
 * @param {object} message
 * @returns {Promise<any>} the worker's answer, or null when it is unreachable
 */
export function sendToWorker(message) {
  return chrome.runtime.sendMessage(message).catch((error) => {
    // The worker is restarting or the extension was reloaded; the outbox
    // lives in the worker, so say so rather than fail silently.
    console.warn('Hatchery: could not reach the extension:', error.message);
    return null;
  });
}

/**
 * Answer the messages the popup and the worker send this page, by type.
 * A handler returns the answer or a promise of it, or undefined to leave
 * the message to another frame; a type without a handler is left to any
 * other listener.
 *
 * @param {Record<string, (message: object) => any>} handlers
 */
export function answerMessages(handlers) {
  chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    const type = message?.type;
    // Own properties only: a message typed "constructor" is not a handler.
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) return false;
    const answer = handlers[type](message);
    if (answer === undefined) return false;
    if (answer instanceof Promise) {
      answer.then(sendResponse);
      return true; // keep the channel open for the async answer
    }
    sendResponse(answer);
    return false;
  });
}
