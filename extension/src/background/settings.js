/**
 * Settings live in chrome.storage.local: the server URL and the token.
 */

import { createClient, DEFAULT_SERVER_URL, normalizeServerUrl } from '../lib/api.js';

/** @returns {Promise<{serverUrl: string, token: string}>} */
export async function getSettings() {
  const { serverUrl, token } = await chrome.storage.local.get(['serverUrl', 'token']);
  return {
    serverUrl: normalizeServerUrl(serverUrl || DEFAULT_SERVER_URL),
    token: token || '',
  };
}

/** @param {{serverUrl?: string, token?: string}} values */
export async function saveSettings(values) {
  const update = {};
  if (values.serverUrl !== undefined) update.serverUrl = normalizeServerUrl(values.serverUrl);
  if (values.token !== undefined) update.token = values.token.trim();
  await chrome.storage.local.set(update);
}

/** An API client for the current settings. */
export async function getClient() {
  const { serverUrl, token } = await getSettings();
  return createClient({ baseUrl: serverUrl, token });
}
