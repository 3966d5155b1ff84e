/**
 * The connect form the options page and the welcome page share: one
 * button that pairs (or takes a pasted token), checks, and saves only a
 * connection that works.
 */

import { testConnection } from '../lib/api.js';
import { connect } from '../lib/connect.js';
import { getSettings, saveSettings } from '../background/settings.js';

/**
 * Wire the form with ids serverUrl, code, token and result in `root`.
 *
 * @param {Document|HTMLElement} root
 * @param {(connected: boolean) => void} [onChange] told after every check
 */
export async function wireConnectForm(root, onChange = () => {}) {
  const field = (id) => root.querySelector(`#${id}`);
  const result = field('result');
  const show = (ok, message) => {
    result.className = ok ? 'ok' : 'error';
    result.textContent = message;
  };

  const settings = await getSettings();
  field('serverUrl').value = settings.serverUrl;
  if (settings.token) {
    // Say where things stand: already paired, and whether it still works.
    const outcome = await testConnection({ baseUrl: settings.serverUrl, token: settings.token });
    show(outcome.ok, outcome.ok ? `${outcome.message} This browser is paired.` : outcome.message);
    onChange(outcome.ok);
  }

  field('connect-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    show(true, 'Connecting…');
    const outcome = await connect({
      baseUrl: field('serverUrl').value,
      code: field('code').value,
      token: field('token').value,
    });
    if (outcome.ok) {
      await saveSettings(outcome.settings);
      field('code').value = '';
      // Anything waiting can go now that the connection works.
      chrome.runtime.sendMessage({ type: 'flush' }).catch(() => {});
    }
    show(outcome.ok, outcome.message);
    onChange(outcome.ok);
  });
}
