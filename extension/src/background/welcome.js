/**
 * The first time the extension is installed, open the welcome page:
 * connect, highlight, hatch. Updates and reloads open nothing.
 */

export const WELCOME_PAGE = 'src/welcome/welcome.html';

/** @param {{reason: string}} details chrome.runtime.onInstalled's details */
export function welcomeOnInstall(details) {
  if (details?.reason !== 'install') return;
  chrome.tabs.create({ url: chrome.runtime.getURL(WELCOME_PAGE) }).catch(() => {});
}
